package io.cachefleet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.KeyHashes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

  private static final List<Member> MEMBERS = List.of(Member.of("10.0.0.1", 6379, 1),
      Member.of("10.0.0.2", 6379, 1), Member.of("10.0.0.3", 6379, 1));

  @Test
  void of_buildsTheRingOverTheMembersInOrder() {
    Topology topology = Topology.of(4, MEMBERS, Distribution.KETAMA);

    assertThat(topology.version()).isEqualTo(4);
    assertThat(topology.members()).isEqualTo(MEMBERS);
    assertThat(topology.ring().members()).isEqualTo(3);
    assertThat(topology.ring().size()).isEqualTo(480);
    byte[] apple = "apple".getBytes(StandardCharsets.US_ASCII);
    int owner = topology.ring().memberIndex(KeyHashes.defaultHash().hash(apple));
    assertThat(topology.ring().member(owner)).isSameAs(topology.members().get(owner));
  }

  @Test
  void of_membership_keepsItsVersion() {
    Membership membership = new StaticNodeDirectory(MEMBERS).current();

    Topology topology = Topology.of(membership, Distribution.MODULA);

    assertThat(topology.membership()).isSameAs(membership);
    assertThat(topology.version()).isEqualTo(1);
    assertThat(topology.ring().distribution()).isEqualTo(Distribution.MODULA);
  }

  @Test
  void of_noMembers_routesNowhere() {
    Topology topology = Topology.of(0, List.of(), Distribution.KETAMA);

    assertThat(topology.ring().memberIndex(42)).isEqualTo(-1);
  }

  @Test
  void of_duplicateNames_isRefused() {
    assertThatThrownBy(() -> Topology.of(1, List.of(MEMBERS.get(0), MEMBERS.get(0)), Distribution.KETAMA))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
  }
}
