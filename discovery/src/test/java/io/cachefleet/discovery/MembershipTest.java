package io.cachefleet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {

  @Test
  void new_duplicateName_namesIt() {
    List<Member> members = List.of(Member.of("10.0.0.1", 6379, 1), Member.of("10.0.0.2", 6379, 1),
        Member.named("10.0.0.2:6379", "10.0.0.3", 6379, 1));

    assertThatThrownBy(() -> new Membership(3, members)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("members: the name '10.0.0.2:6379' appears twice");
  }

  @Test
  void new_nullListOrMember_isRefused() {
    assertThatThrownBy(() -> new Membership(1, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("members must not be null");
    assertThatThrownBy(() -> new Membership(1, Arrays.asList(Member.of("h", 1, 1), null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("members must not contain null");
  }

  @Test
  void members_isAnImmutableCopyInOrder() {
    List<Member> members = new ArrayList<>(List.of(Member.of("b", 1, 1), Member.of("a", 1, 1)));
    Membership membership = new Membership(7, members);

    members.clear();

    assertThat(membership.version()).isEqualTo(7);
    assertThat(membership.members()).extracting(Member::name).containsExactly("b:1", "a:1");
    assertThatThrownBy(() -> membership.members().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
