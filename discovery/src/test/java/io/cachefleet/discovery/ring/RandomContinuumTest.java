package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomContinuumTest {

  @Test
  void of_oneEntryPerMember_whateverTheWeight() {
    RandomContinuum random = RandomContinuum.of(List.of(Member.of("a", 1, 5), Member.of("b", 1, 1)));

    assertThat(random.size()).isEqualTo(2);
    assertThat(random.owner(1)).isEqualTo(1);
  }

  @Test
  void position_ignoresTheHash_andReachesEveryMember() {
    RandomContinuum random = RandomContinuum.of(List.of(Member.of("a", 1, 1), Member.of("b", 1, 1),
        Member.of("c", 1, 1)));
    int[] seen = new int[3];

    for (int i = 0; i < 3000; i++) {
      seen[random.position(42)]++;
    }

    assertThat(Arrays.stream(seen)).allSatisfy(count -> assertThat(count).isBetween(800, 1200));
  }
}
