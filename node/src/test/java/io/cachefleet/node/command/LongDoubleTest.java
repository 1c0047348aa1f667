package io.cachefleet.node.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Long double parsing, addition and printing, each expected text taken from Redis 7.0.15's INCRBYFLOAT. */
class LongDoubleTest {

  private static LongDouble parse(String s) {
    return LongDouble.parse(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String sum(String a, String b) {
    return new String(parse(a).plus(parse(b)).toHumanBytes(), StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource({
      "10.5, 0.1, 10.6",
      "0.1, 0.2, 0.3",
      "3, -3, 0",
      "0, 5.0e3, 5000",
      "5000, 0x10, 5016",
      "10000000000, 0.1, 10000000000.09999999962747097",
      "1e20, 0.1, 100000000000000000000",
      "0, 1.23456789012345678901, 1.23456789012345679",
      "0, 1.000003814697265625, 1.00000381469726562",
      "0, 1.000011444091796875, 1.00001144409179688",
      "0, 1e-20, 0",
      "0, 0x1p-3, 0.125",
      "0.125, 0x.8, 0.625",
      "-0, -0, 0",
      "-0, -1e-30, 0",
      "0, -0.0, 0",
      "1, .5, 1.5",
      "1.5, 1., 2.5",
      "2.5, 1.5e+2, 152.5",
      "0, +1, 1",
      "0, 0X1P-1, 0.5",
      "0, 4e-4950, 0",
  })
  void plus_printsAsRedis(String a, String b, String expected) {
    assertThat(sum(a, b)).isEqualTo(expected);
  }

  @Test
  void toHumanBytes_hugeValuePrintedInFull() {
    String expected = "10000000000000000000281880683947586514586453433629052038625910693539685534008629862039363994848"
        + "324160522094053927317616200295822777259255734023828976593340661017797447434546173917862448116674971"
        + "723778943824391593338047470675026246684401359237513603830343735485505244955964979021825038280091068"
        + "414947402456898653040951017512658092615827588920183472511643316591362664138176309734806343732497430"
        + "221946880";
    assertThat(sum("0", "1e400")).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", " 1", "1 ", "nan", "-nan", "1e", "1e+", "0x", "0xg", "1_0", "1.0.0", "12abc",
      ".", "+", "1e5000", "1e-5000", "", "infx"})
  void parse_refusesWhatStrtoldRefuses(String text) {
    assertThat(parse(text)).isNull();
  }

  @Test
  void parse_refusesNul() {
    assertThat(parse("2\0abc")).isNull();
    assertThat(parse("\0")).isNull();
  }

  @Test
  void plus_infinities() {
    assertThat(parse("inf").isFinite()).isFalse();
    assertThat(parse("1").plus(parse("-INFINITY")).isFinite()).isFalse();
    assertThat(parse("inf").plus(parse("-inf")).isFinite()).isFalse();
    assertThat(parse("1e4932").plus(parse("1e4932")).isFinite()).isFalse();
    assertThat(parse("1.7976931348623157e308").plus(parse("1.7976931348623157e308")).isFinite()).isTrue();
  }
}
