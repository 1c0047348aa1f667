package io.cachefleet.node.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrtodTest {

  private static double parse(String s) {
    ByteBuf buf = Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    return Strtod.parse(buf, 0, buf.readableBytes());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1|1.0", "-2.5|-2.5", "+3|3.0", ".5|0.5", "5.|5.0", "1e3|1000.0", "1E-2|0.01", "-.5e1|-5.0",
      "0x10|16.0", "0X1p-2|0.25", "0x.8|0.5", "0x1.8P1|3.0", "inf|Infinity", "-INF|-Infinity",
      "+Infinity|Infinity", "-0|-0.0", "1e-310|1.0E-310"})
  void parse_readsWhatStrtodReads(String text, double expected) {
    assertThat(parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"' 1'|1.0", "'\t-2'|-2.0", "'\n 0x10'|16.0", "1e400|Infinity",
      "-1e400|-Infinity", "0x1p99999|Infinity", "1e-400|0.0", "''|0.0"})
  void parse_skipsBlanksAndSaturatesAsZslParseRange(String text, double expected) {
    assertThat(parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "abc", "nan", "-nan", "'1 '", "' '", "+", "1e", "1e+", "0x", "0xg", "inf1", "infinit", "1.2.3", "--1",
      "1d", ".", "'( 1'"})
  void parse_refusesTrailingBytesAndNaN(String text) {
    assertThat(parse(text)).isNaN();
  }
}
