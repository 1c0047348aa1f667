package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Number parsing against Redis 7.0.15: every accepted and refused form below was sent to a
 * redis-server, integers as {@code INCRBY k <n>} and as {@code SET k <n>} then {@code INCR k}
 * ({@code string2ll}), doubles as {@code ZADD z <d> m} then {@code ZSCORE z m} ({@code string2d}),
 * lenient doubles as {@code ZCOUNT z <d> +inf} ({@code strtod} in {@code zslParseRange}).
 */
class RespNumbersTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0",
      "1, 1",
      "-1, -1",
      "10, 10",
      "-1234567890123456789, -1234567890123456789",
      "9223372036854775807, 9223372036854775807",
      "-9223372036854775808, -9223372036854775808"})
  void parseLong_acceptsWhatString2llAccepts(String text, long expected) {
    assertThat(RespNumbers.parseLong(bytes(text))).isEqualTo(expected);
    assertThat(RespNumbers.isLong(bytes(text))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "-0", "+1", "01", "-01", "00", "000000000000000000001", "1 ", " 1", "1a", "0x10",
      "1e3", "1.0", "9223372036854775808", "-9223372036854775809", "12345678901234567890", "18446744073709551615",
      "18446744073709551616", "99999999999999999999", "-99999999999999999999", "--1", "1-"})
  void parseLong_refusesWhatString2llRefuses(String text) {
    assertThatThrownBy(() -> RespNumbers.parseLong(bytes(text))).isSameAs(RedisError.NOT_AN_INTEGER);
    assertThat(RespNumbers.isLong(bytes(text))).isFalse();
  }

  @Test
  void parseLong_readsInsideABuffer() {
    ByteBuf buf = Unpooled.copiedBuffer("xx-42yy", StandardCharsets.US_ASCII);
    assertThat(RespNumbers.parseLong(buf, 2, 3)).isEqualTo(-42);
  }

  @Test
  void parseLong_roundTripsRandomValues() {
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      long value = random.nextLong() >> random.nextInt(64);
      assertThat(RespNumbers.parseLong(bytes(Long.toString(value)))).isEqualTo(value);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "1, 1",
      "-2.5, -2.5",
      ".5, 0.5",
      "+.5, 0.5",
      "5., 5",
      "1.e5, 100000",
      "1E5, 100000",
      "1e+5, 100000",
      "1e-5, 0.00001",
      "0.0000, 0",
      "0e-400, 0",
      "123456789012345678901234567890, 1.2345678901234568e29",
      "4e-320, 4e-320",
      "3e-324, 4.9e-324",
      "1e-320, 1e-320",
      "0x10, 16",
      "-0x10, -16",
      "0x1p3, 8",
      "0x1.8p1, 3",
      "0X1P-2, 0.25",
      "0x.8, 0.5",
      "0x1.fffffffffffffp1023, 1.7976931348623157e308"})
  void parseDouble_acceptsWhatStrtodAccepts(String text, double expected) {
    assertThat(RespNumbers.parseDouble(bytes(text))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"inf", "+inf", "INF", "infinity", "+Infinity", "iNfInItY"})
  void parseDouble_acceptsPositiveInfinity(String text) {
    assertThat(RespNumbers.parseDouble(bytes(text))).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-inf", "-Infinity", "-INF"})
  void parseDouble_acceptsNegativeInfinity(String text) {
    assertThat(RespNumbers.parseDouble(bytes(text))).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void parseDouble_negativeZero() {
    assertThat(Double.doubleToRawLongBits(RespNumbers.parseDouble(bytes("-0")))).isEqualTo(Long.MIN_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "+", ".", ".e5", "1e", "1e+", "e5", " 1", "1 ", "1\t", "nan", "NaN", "-nan",
      "infinit", "infinityx", "in", "1d", "1f", "+-1", "--1", "1e5.5", "1..2", "1_0", "0x", "0x1p", "0x1g", "0xp1",
      "0x1.8e1x", "1e309", "-1e309", "1e-400", "-1e-400", "2e-324", "0x1p1024", "0x1p-1080", "1,5", "\u00bd"})
  void parseDouble_refusesWhatStrtodRefusesOrRangeErrors(String text) {
    assertThatThrownBy(() -> RespNumbers.parseDouble(bytes(text))).isSameAs(RedisError.NOT_A_FLOAT);
  }

  @Test
  void parseDouble_overflowAndUnderflowOfLongNumerals() {
    assertThatThrownBy(() -> RespNumbers.parseDouble(bytes("1" + "0".repeat(400))))
        .isSameAs(RedisError.NOT_A_FLOAT);
    assertThatThrownBy(() -> RespNumbers.parseDouble(bytes("0." + "0".repeat(400) + "1")))
        .isSameAs(RedisError.NOT_A_FLOAT);
    assertThat(RespNumbers.parseDouble(bytes("0." + "0".repeat(400)))).isZero();
  }

  @Test
  void parseDouble_refusesNumeralsLongerThanRedisLongDoubleLimit() {
    assertThat(RespNumbers.parseDouble(bytes("1." + "0".repeat(5117)))).isEqualTo(1);
    assertThatThrownBy(() -> RespNumbers.parseDouble(bytes("1." + "0".repeat(5118))))
        .isSameAs(RedisError.NOT_A_FLOAT);
  }

  @Test
  void parseDouble_roundTripsFormattedRandomDoubles() {
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      double value = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(value)) {
        continue;
      }
      assertThat(RespNumbers.parseDouble(bytes(RespWriter.formatDouble(value)))).isEqualTo(value);
      if (!Double.isInfinite(value)) {
        assertThat(RespNumbers.parseDouble(bytes(Double.toString(value).replace("E", "e")))).isEqualTo(value);
        assertThat(RespNumbers.parseDouble(bytes(Double.toHexString(value)))).isEqualTo(value);
      }
    }
  }

  @Test
  void parseDoubleOrNaN_readsInsideABuffer() {
    ByteBuf buf = Unpooled.copiedBuffer("zz1.5e3zz", StandardCharsets.US_ASCII);
    assertThat(RespNumbers.parseDoubleOrNaN(buf, 2, 5)).isEqualTo(1500);
    assertThat(RespNumbers.parseDoubleOrNaN(buf, 2, 6)).isNaN();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1|1.0", "-2.5|-2.5", "+3|3.0", ".5|0.5", "5.|5.0", "1e3|1000.0", "1E-2|0.01", "-.5e1|-5.0",
      "0x10|16.0", "0X1p-2|0.25", "0x.8|0.5", "0x1.8P1|3.0", "inf|Infinity", "-INF|-Infinity",
      "+Infinity|Infinity", "-0|-0.0", "1e-310|1.0E-310"})
  void parseDoubleLenientOrNaN_readsWhatStrtodReads(String text, double expected) {
    assertThat(lenient(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"' 1'|1.0", "'\t-2'|-2.0", "'\n 0x10'|16.0", "1e400|Infinity",
      "-1e400|-Infinity", "0x1p99999|Infinity", "1e-400|0.0", "0x1p-1080|0.0", "''|0.0"})
  void parseDoubleLenientOrNaN_skipsBlanksAndSaturatesAsZslParseRange(String text, double expected) {
    assertThat(lenient(text)).isEqualTo(expected);
  }

  @Test
  void parseDoubleLenientOrNaN_stopsAtNulAsACString() {
    assertThat(lenient("1\0junk")).isEqualTo(1);
    assertThat(lenient("\0")).isZero();
    assertThat(lenient("inf\0x")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(lenient("\t1\0 ")).isEqualTo(1);
    assertThat(lenient(" \0" + "1")).isNaN();
    assertThat(lenient("1e\0")).isNaN();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "abc", "nan", "-nan", "'1 '", "' '", "'  '", "+", "1e", "1e+", "0x", "0xg", "inf1", "infinit", "1.2.3",
      "--1", "1d", ".", "'( 1'"})
  void parseDoubleLenientOrNaN_refusesTrailingBytesAndNaN(String text) {
    assertThat(lenient(text)).isNaN();
  }

  @Test
  void parseDoubleLenientOrNaN_hasNoLengthLimit() {
    assertThat(lenient("1" + "0".repeat(6000))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(lenient("0." + "0".repeat(6000) + "1")).isZero();
  }

  @Test
  void parseDoubleLenientOrNaN_readsInsideABuffer() {
    ByteBuf buf = Unpooled.copiedBuffer("zz 1.5e3zz", StandardCharsets.US_ASCII);
    assertThat(RespNumbers.parseDoubleLenientOrNaN(buf, 2, 6)).isEqualTo(1500);
    assertThat(RespNumbers.parseDoubleLenientOrNaN(buf, 2, 7)).isNaN();
    assertThat(RespNumbers.parseDoubleLenientOrNaN(buf, 2, 0)).isZero();
  }

  private static double lenient(String text) {
    ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    return RespNumbers.parseDoubleLenientOrNaN(buf, 0, buf.readableBytes());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
