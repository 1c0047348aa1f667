package io.cachefleet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticNodeDirectoryTest {

  private static final List<Member> MEMBERS =
      List.of(Member.of("10.0.0.1", 6379, 1), Member.of("10.0.0.2", 6379, 1));

  @Test
  void current_isTheListAtVersion1() {
    try (StaticNodeDirectory directory = new StaticNodeDirectory(MEMBERS)) {
      assertThat(directory.current()).isEqualTo(new Membership(1, MEMBERS));
    }
  }

  @Test
  void watch_neverCallsBack() throws Exception {
    List<Membership> seen = new ArrayList<>();
    try (StaticNodeDirectory directory = new StaticNodeDirectory(MEMBERS)) {
      AutoCloseable handle = directory.watch(seen::add);

      handle.close();
      handle.close();
    }

    assertThat(seen).isEmpty();
  }

  @Test
  void new_duplicateNames_isRefused() {
    List<Member> twice = List.of(MEMBERS.get(0), MEMBERS.get(0));

    assertThatThrownBy(() -> new StaticNodeDirectory(twice)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'10.0.0.1:6379' appears twice");
  }

  @Test
  void watch_nullListener_isRefused() {
    try (StaticNodeDirectory directory = new StaticNodeDirectory(MEMBERS)) {
      assertThatThrownBy(() -> directory.watch(null)).isInstanceOf(NullPointerException.class);
    }
  }
}
