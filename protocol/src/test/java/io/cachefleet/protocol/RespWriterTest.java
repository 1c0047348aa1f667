package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reply encodings, byte for byte as redis-server 7.0 writes them in RESP2 and RESP3. */
class RespWriterTest {

  @ParameterizedTest
  @CsvSource({
      "0, :0",
      "1, :1",
      "255, :255",
      "256, :256",
      "-1, :-1",
      "-256, :-256",
      "1000000007, :1000000007",
      "9223372036854775807, :9223372036854775807",
      "-9223372036854775808, :-9223372036854775808"})
  void integer_decimalLine(long value, String line) {
    assertThat(write(out -> RespWriter.integer(out, value))).isEqualTo(line + "\r\n");
  }

  @Test
  void writeDecimal_matchesLongToStringForRandomValues() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      long value = switch (i % 3) {
        case 0 -> random.nextLong();
        case 1 -> random.nextInt();
        default -> random.nextLong() >> random.nextInt(64);
      };
      assertThat(write(out -> RespWriter.writeDecimal(out, value))).isEqualTo(Long.toString(value));
      assertThat(RespWriter.decimalLength(value)).isEqualTo(Long.toString(value).length());
    }
  }

  @Test
  void writeDecimal_intoArray_matchesLongToString() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      long value = switch (i) {
        case 0 -> Long.MIN_VALUE;
        case 1 -> Long.MAX_VALUE;
        case 2 -> 0;
        case 3 -> -1;
        default -> random.nextLong() >> random.nextInt(64);
      };
      byte[] dst = new byte[RespWriter.decimalLength(value)];
      RespWriter.writeDecimal(dst, value);
      assertThat(new String(dst, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
    }
  }

  @Test
  void decimalLength_powersOfTenAndTheirNeighbours() {
    for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
      for (long v : new long[] {p - 1, p, p + 1, -p, -(p - 1)}) {
        assertThat(RespWriter.decimalLength(v)).as("%d", v).isEqualTo(Long.toString(v).length());
      }
    }
    assertThat(RespWriter.decimalLength(Long.MAX_VALUE)).isEqualTo(19);
    assertThat(RespWriter.decimalLength(Long.MIN_VALUE)).isEqualTo(20);
  }

  @Test
  void bulk_fromEverySource() {
    byte[] bytes = {'a', '\r', '\n', 0, (byte) 0xff};
    String expected = "$5\r\na\r\n\0\u00ff\r\n";
    assertThat(write(out -> RespWriter.bulk(out, bytes))).isEqualTo(expected);
    assertThat(write(out -> RespWriter.bulk(out, new byte[] {'x', 'a', '\r', '\n', 0, (byte) 0xff, 'y'}, 1, 5)))
        .isEqualTo(expected);
    ByteBuf src = ByteBufAllocator.DEFAULT.buffer().writeByte('x').writeBytes(bytes);
    try {
      assertThat(write(out -> RespWriter.bulk(out, src, 1, 5))).isEqualTo(expected);
    } finally {
      src.release();
    }
    assertThat(write(out -> RespWriter.bulk(out, "h\u00e9"))).isEqualTo("$3\r\nh\u00c3\u00a9\r\n");
    assertThat(write(out -> RespWriter.bulk(out, -42L))).isEqualTo("$3\r\n-42\r\n");
    assertThat(write(out -> RespWriter.bulk(out, new byte[0]))).isEqualTo("$0\r\n\r\n");
    assertThat(write(RespWriter::emptyBulk)).isEqualTo("$0\r\n\r\n");
  }

  @Test
  void simpleAndFixedReplies() {
    assertThat(write(RespWriter::ok)).isEqualTo("+OK\r\n");
    assertThat(write(RespWriter::queued)).isEqualTo("+QUEUED\r\n");
    assertThat(write(out -> RespWriter.simple(out, "PONG"))).isEqualTo("+PONG\r\n");
  }

  @Test
  void error_turnsLineBreaksIntoSpaces() {
    assertThat(write(out -> RespWriter.error(out, "ERR bad\r\nthing"))).isEqualTo("-ERR bad  thing\r\n");
  }

  @Test
  void nulls_perProtocolVersion() {
    assertThat(write(out -> RespWriter.nullBulk(out, false))).isEqualTo("$-1\r\n");
    assertThat(write(out -> RespWriter.nullArray(out, false))).isEqualTo("*-1\r\n");
    assertThat(write(out -> RespWriter.nullBulk(out, true))).isEqualTo("_\r\n");
    assertThat(write(out -> RespWriter.nullArray(out, true))).isEqualTo("_\r\n");
  }

  @Test
  void aggregateHeaders_perProtocolVersion() {
    assertThat(write(out -> RespWriter.arrayHeader(out, 0))).isEqualTo("*0\r\n");
    assertThat(write(out -> RespWriter.arrayHeader(out, 300))).isEqualTo("*300\r\n");
    assertThat(write(RespWriter::emptyArray)).isEqualTo("*0\r\n");
    assertThat(write(out -> RespWriter.mapHeader(out, 2, false))).isEqualTo("*4\r\n");
    assertThat(write(out -> RespWriter.mapHeader(out, 0, false))).isEqualTo("*0\r\n");
    assertThat(write(out -> RespWriter.mapHeader(out, 2, true))).isEqualTo("%2\r\n");
    assertThat(write(out -> RespWriter.setHeader(out, 3, false))).isEqualTo("*3\r\n");
    assertThat(write(out -> RespWriter.setHeader(out, 3, true))).isEqualTo("~3\r\n");
    assertThat(write(out -> RespWriter.pushHeader(out, 3, false))).isEqualTo("*3\r\n");
    assertThat(write(out -> RespWriter.pushHeader(out, 3, true))).isEqualTo(">3\r\n");
  }

  @Test
  void bool_perProtocolVersion() {
    assertThat(write(out -> RespWriter.bool(out, true, false))).isEqualTo(":1\r\n");
    assertThat(write(out -> RespWriter.bool(out, false, false))).isEqualTo(":0\r\n");
    assertThat(write(out -> RespWriter.bool(out, true, true))).isEqualTo("#t\r\n");
    assertThat(write(out -> RespWriter.bool(out, false, true))).isEqualTo("#f\r\n");
  }

  @Test
  void verbatim_perProtocolVersion() {
    assertThat(write(out -> RespWriter.verbatim(out, "a\r\nb", false))).isEqualTo("$4\r\na\r\nb\r\n");
    assertThat(write(out -> RespWriter.verbatim(out, "a\r\nb", true))).isEqualTo("=8\r\ntxt:a\r\nb\r\n");
  }

  @Test
  void doubleValue_perProtocolVersion() {
    assertThat(write(out -> RespWriter.doubleValue(out, 0.1, false))).isEqualTo("$19\r\n0.10000000000000001\r\n");
    assertThat(write(out -> RespWriter.doubleValue(out, 0.1, true))).isEqualTo(",0.10000000000000001\r\n");
    assertThat(write(out -> RespWriter.doubleValue(out, 3.0, false))).isEqualTo("$1\r\n3\r\n");
    assertThat(write(out -> RespWriter.doubleValue(out, Double.POSITIVE_INFINITY, false))).isEqualTo("$3\r\ninf\r\n");
    assertThat(write(out -> RespWriter.doubleValue(out, Double.NEGATIVE_INFINITY, true))).isEqualTo(",-inf\r\n");
  }

  @ParameterizedTest
  @CsvSource({
      "0.1, 0.10000000000000001",
      "1e20, 1e+20",
      "1.5, 1.5",
      "1e-05, 1.0000000000000001e-05",
      "0.0001, 0.0001",
      "123456789012345678, 1.2345678901234568e+17",
      "1e16, 10000000000000000",
      "1e17, 1e+17",
      "-0.0, -0",
      "0.0, 0",
      "3.0, 3",
      "-2.5, -2.5",
      "1e100, 1e+100",
      "1e-320, 9.9998886718268301e-321",
      "Infinity, inf",
      "-Infinity, -inf"})
  void formatDouble_likePrintfPercentDot17g(double value, String expected) {
    assertThat(RespWriter.formatDouble(value)).isEqualTo(expected);
  }

  /** Vectors from glibc's {@code snprintf("%.17g")}, generated once with python3's ctypes. */
  @Test
  void formatDouble_matchesGlibcOnRecordedVectors() throws IOException {
    int checked = 0;
    try (InputStream in = RespWriterTest.class.getResourceAsStream("format-double-vectors.txt");
         BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
        assertThat(RespWriter.formatDouble(value)).as("bits %s", f[0]).isEqualTo(f[1]);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(800);
  }

  @Test
  void shortReplies_exactBytes_alsoInABufferWithNoRoomToSpare() {
    Consumer<ByteBuf> replies = out -> {
      RespWriter.ok(out);
      RespWriter.nullBulk(out, false);
      RespWriter.integer(out, 7);
      for (int length = 0; length <= 10; length++) {
        RespWriter.bulk(out, "abcdefghij".substring(0, length).getBytes(StandardCharsets.US_ASCII));
      }
      RespWriter.emptyArray(out);
    };
    StringBuilder expected = new StringBuilder("+OK\r\n$-1\r\n:7\r\n");
    for (int length = 0; length <= 10; length++) {
      expected.append('$').append(length).append("\r\n").append("abcdefghij", 0, length).append("\r\n");
    }
    expected.append("*0\r\n");
    assertThat(write(replies)).isEqualTo(expected.toString());
    ByteBuf exact = Unpooled.buffer(0, expected.length());
    replies.accept(exact);
    assertThat(exact.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString());
    exact.release();
  }

  private static String write(Consumer<ByteBuf> writer) {
    ByteBuf out = ByteBufAllocator.DEFAULT.buffer();
    try {
      writer.accept(out);
      return out.toString(StandardCharsets.ISO_8859_1);
    } finally {
      out.release();
    }
  }
}
