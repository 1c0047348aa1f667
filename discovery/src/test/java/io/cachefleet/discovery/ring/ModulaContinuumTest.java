package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachefleet.discovery.Member;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModulaContinuumTest {

  private static final List<Member> WEIGHTS_2_1_3 = List.of(Member.of("a", 1, 2), Member.of("b", 1, 1),
      Member.of("c", 1, 3));

  @Test
  void of_oneEntryPerUnitOfWeight_inMemberOrder() {
    ModulaContinuum modula = ModulaContinuum.of(WEIGHTS_2_1_3);

    assertThat(modula.size()).isEqualTo(6);
    assertThat(IntStream.range(0, 6).map(modula::owner)).containsExactly(0, 0, 1, 2, 2, 2);
  }

  @Test
  void position_isUnsignedHashModEntries() {
    ModulaContinuum modula = ModulaContinuum.of(WEIGHTS_2_1_3);

    assertThat(modula.position(0)).isZero();
    assertThat(modula.position(8)).isEqualTo(2);
    assertThat(modula.position(0xffffffff)).as("4294967295 mod 6").isEqualTo(3);
    assertThat(modula.position(0x80000000)).as("2147483648 mod 6").isEqualTo(2);
  }

  @Test
  void of_weightsBeyondTheCap_areRefused() {
    List<Member> heavy = List.of(Member.of("a", 1, ModulaContinuum.MAX_TOTAL_WEIGHT), Member.of("b", 1, 1));

    assertThatThrownBy(() -> ModulaContinuum.of(heavy)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modula: the weights add up to 16777217");
  }
}
