package io.cachefleet.node.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Index arithmetic of LINDEX, LRANGE, LTRIM, ZRANGE and ZREMRANGEBYRANK over 5 elements. */
class RanksTest {

  private static final int SIZE = 5;

  @ParameterizedTest
  @CsvSource({"0, 0", "4, 4", "5, -1", "-1, 4", "-5, 0", "-6, -1", "9223372036854775807, -1",
      "-9223372036854775808, -1"})
  void index_countsFromTheEndWhenNegative(long index, int expected) {
    assertThat(Ranks.index(index, SIZE)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "0, -1, 0, 4", "1, 2, 1, 2", "-2, -1, 3, 4", "-100, 100, 0, 4", "3, 1, 3, 1", "5, 10, 5, 4",
      "-9223372036854775808, 9223372036854775807, 0, 4", "9223372036854775807, -9223372036854775808, 5, -1"})
  void firstAndLast_clampAsRedis(long start, long stop, int first, int last) {
    assertThat(Ranks.first(start, SIZE)).isEqualTo(first);
    assertThat(Ranks.last(stop, SIZE)).isEqualTo(last);
  }

  @ParameterizedTest
  @CsvSource({"0, -1", "0, 0", "-1, -1"})
  void firstAndLast_emptyCollectionSelectsNothing(long start, long stop) {
    assertThat(Ranks.first(start, 0)).isGreaterThan(Ranks.last(stop, 0));
  }
}
