package io.cachefleet.protocol;

import static io.cachefleet.protocol.RespReplyDecoderTest.latin1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RespRepliesTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "+OK\\r\\n ; +",
      "-ERR no\\r\\n ; -",
      ":1\\r\\n ; :",
      "$1\\r\\na\\r\\n ; $",
      "$-1\\r\\n ; $",
      "*-1\\r\\n ; *",
      "*1\\r\\n:1\\r\\n ; *",
      "_\\r\\n ; _",
      ",1.5\\r\\n ; ,",
      "\"#t\\r\\n\" ; #",
      "(1\\r\\n ; (",
      "=8\\r\\ntxt:abcd\\r\\n ; =",
      "!3\\r\\nERR\\r\\n ; !",
      "%1\\r\\n:1\\r\\n:2\\r\\n ; %",
      "~1\\r\\n:1\\r\\n ; ~",
      ">1\\r\\n:1\\r\\n ; >",
      "|1\\r\\n+a\\r\\n:1\\r\\n$1\\r\\nv\\r\\n ; $",
      "|0\\r\\n|1\\r\\n+a\\r\\n*1\\r\\n:1\\r\\n-ERR x\\r\\n ; -"})
  void type_ofEachTypeLookingPastAttributes(String reply, char type) {
    assertThat((char) RespReplies.type(buf(reply))).isEqualTo(type);
  }

  @Test
  void isError_simpleAndBlobErrors() {
    assertThat(RespReplies.isError(buf("-ERR no\\r\\n"))).isTrue();
    assertThat(RespReplies.isError(buf("!3\\r\\nERR\\r\\n"))).isTrue();
    assertThat(RespReplies.isError(buf("|1\\r\\n+a\\r\\n:1\\r\\n-ERR x\\r\\n"))).isTrue();
    assertThat(RespReplies.isError(buf("+ERR\\r\\n"))).isFalse();
    assertThat(RespReplies.isError(buf("$4\\r\\n-ERR\\r\\n"))).isFalse();
    assertThat(RespReplies.isError(buf("*1\\r\\n-ERR x\\r\\n"))).isFalse();
  }

  @Test
  void text_ofBulkAndVerbatimStrings() {
    assertThat(RespReplies.text(buf("$9\\r\\n# Server\\n\\r\\n"))).isEqualTo("# Server\n");
    assertThat(RespReplies.text(buf("$0\\r\\n\\r\\n"))).isEmpty();
    assertThat(RespReplies.text(buf("=13\\r\\ntxt:# Server\\n\\r\\n"))).isEqualTo("# Server\n");
    assertThat(RespReplies.text(buf("=4\\r\\ntxt:\\r\\n"))).isEmpty();
    assertThat(RespReplies.text(buf("|1\\r\\n+a\\r\\n:1\\r\\n$1\\r\\nv\\r\\n"))).isEqualTo("v");
    for (String other : new String[] {"+OK\\r\\n", "$-1\\r\\n", "_\\r\\n", "*1\\r\\n$1\\r\\nv\\r\\n", "=2\\r\\ntx\\r\\n",
        "$5\\r\\nabc\\r\\n"}) {
      assertThatThrownBy(() -> RespReplies.text(buf(other))).as(other).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, 12345, Long.MAX_VALUE, Long.MIN_VALUE})
  void integer_readsIntegerReplies(long value) {
    assertThat(RespReplies.integer(buf(":" + value + "\\r\\n"))).isEqualTo(value);
  }

  @Test
  void integer_atTheReaderIndexOfASlice() {
    ByteBuf buf = buf("*2\\r\\n:7\\r\\n:-42\\r\\n");
    int second = RespReplies.end(buf, RespReplies.firstElement(buf));
    assertThat(RespReplies.integer(buf.slice(second, buf.writerIndex() - second))).isEqualTo(-42);
    assertThat(RespReplies.integer(buf.duplicate().readerIndex(second))).isEqualTo(-42);
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1\\r\\n", "$1\\r\\n1\\r\\n", "#t\\r\\n", ",1\\r\\n", "*1\\r\\n:1\\r\\n", ":\\r\\n", ":01\\r\\n",
      ":1x\\r\\n", ":9223372036854775808\\r\\n", ":1", ":1\\r", ""})
  void integer_refusesAnythingButAnIntegerReply(String reply) {
    assertThatThrownBy(() -> RespReplies.integer(buf(reply))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void end_walksTheElementsOfAnMgetReply() {
    ByteBuf reply = buf("*3\\r\\n$1\\r\\na\\r\\n$-1\\r\\n:1\\r\\n");
    assertThat(elements(reply)).containsExactly("$1\r\na\r\n", "$-1\r\n", ":1\r\n");
    assertThat(RespReplies.end(reply, reply.readerIndex())).isEqualTo(reply.writerIndex());
  }

  @Test
  void end_nestedAggregatesAttributesAndBinaryBulks() {
    ByteBuf reply = buf("*5\\r\\n%2\\r\\n+k\\r\\n*2\\r\\n:1\\r\\n:2\\r\\n$0\\r\\n\\r\\n~0\\r\\n"
        + "|1\\r\\n+ttl\\r\\n:5\\r\\n$4\\r\\n\\r\\n\\r\\n\\r\\n"
        + "*-1\\r\\n"
        + "=6\\r\\ntxt:\\r\\n\\r\\n"
        + ">1\\r\\n!1\\r\\nE\\r\\n");
    assertThat(elements(reply)).containsExactly(
        "%2\r\n+k\r\n*2\r\n:1\r\n:2\r\n$0\r\n\r\n~0\r\n",
        "|1\r\n+ttl\r\n:5\r\n$4\r\n\r\n\r\n\r\n",
        "*-1\r\n",
        "=6\r\ntxt:\r\n\r\n",
        ">1\r\n!1\r\nE\r\n");
  }

  @Test
  void end_usesAbsoluteIndexes() {
    ByteBuf buf = buf("junk*2\\r\\n:1\\r\\n:2\\r\\n+after\\r\\n");
    buf.readerIndex(4);
    int first = RespReplies.firstElement(buf);
    assertThat(first).isEqualTo(8);
    assertThat(RespReplies.end(buf, first)).isEqualTo(12);
    assertThat(RespReplies.end(buf, 4)).isEqualTo(16);
    assertThat(RespReplies.end(buf, 16)).isEqualTo(buf.writerIndex());
  }

  @Test
  void end_ofEveryRandomReplyTheDecoderFramed() {
    Random random = new Random(99);
    for (int iteration = 0; iteration < 200; iteration++) {
      List<Object> expected = new ArrayList<>();
      byte[] input = RespReplyDecoderTest.randomReplies(random, 1 + random.nextInt(20), false, expected);
      try (ReplyChannel ch = new ReplyChannel()) {
        ch.writeRandomSplits(input, random);
        for (int i = 0; i < expected.size(); i++) {
          ByteBuf reply = ch.readReply();
          try {
            assertThat(RespReplies.end(reply, reply.readerIndex())).as("reply %d", i).isEqualTo(reply.writerIndex());
          } finally {
            reply.release();
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "*2\\r\\n:1\\r\\n", "*1", "*1\\r", "*1\\r\\n", "$3\\r\\nab\\r\\n", "$3\\r\\nabcd\\r\\n", "$3\\r\\nabc", "$-2\\r\\n",
      "X\\r\\n", "\\r\\n", "*-2\\r\\n", "%-1\\r\\n", "$x\\r\\n", "*2147483648\\r\\n", ":1\\rX\\r\\n",
      "*2147483647\\r\\n*2147483647\\r\\n*2147483647\\r\\n:1\\r\\n", "|2147483647\\r\\n"})
  void end_refusesMalformedOrTruncatedValues(String reply) {
    assertThatThrownBy(() -> RespReplies.end(buf(reply), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void end_neverReadsPastTheWriterIndex() {
    ByteBuf buf = Unpooled.buffer(64).writeBytes(latin1("*2\r\n:1\r\n"));
    buf.setBytes(buf.writerIndex(), latin1(":2\r\n"));
    assertThatThrownBy(() -> RespReplies.end(buf, 0)).isInstanceOf(IllegalArgumentException.class);
    ByteBuf bulk = Unpooled.buffer(64).writeBytes(latin1("$3\r\nab"));
    bulk.setBytes(bulk.writerIndex(), latin1("c\r\n"));
    assertThatThrownBy(() -> RespReplies.end(bulk, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RespReplies.end(buf, buf.writerIndex())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RespReplies.end(buf, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "*3\\r\\n$1\\r\\na\\r\\n$-1\\r\\n:1\\r\\n ; 3",
      "*0\\r\\n ; 0",
      "*-1\\r\\n ; -1",
      "~2\\r\\n:1\\r\\n:2\\r\\n ; 2",
      ">1\\r\\n+x\\r\\n ; 1",
      "|1\\r\\n+a\\r\\n:1\\r\\n*1\\r\\n:1\\r\\n ; 1"})
  void arrayLength_ofArraysSetsAndPushes(String reply, int length) {
    assertThat(RespReplies.arrayLength(buf(reply))).isEqualTo(length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"%1\\r\\n:1\\r\\n:2\\r\\n", "$1\\r\\na\\r\\n", "$-1\\r\\n", ":3\\r\\n", "_\\r\\n", "*x\\r\\n", "*-2\\r\\n",
      "~-1\\r\\n", "*1"})
  void arrayLength_refusesOtherReplies(String reply) {
    assertThatThrownBy(() -> RespReplies.arrayLength(buf(reply))).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "*2\\r\\n:1\\r\\n:2\\r\\n ; 4",
      "*12\\r\\n ; 5",
      "*0\\r\\n ; 4",
      "*-1\\r\\n ; 5",
      "~1\\r\\n:1\\r\\n ; 4",
      ">1\\r\\n:1\\r\\n ; 4",
      "%1\\r\\n:1\\r\\n:2\\r\\n ; 4",
      "|1\\r\\n+a\\r\\n:1\\r\\n*1\\r\\n:1\\r\\n ; 16"})
  void firstElement_isJustPastTheAggregatesLine(String reply, int index) {
    assertThat(RespReplies.firstElement(buf(reply))).isEqualTo(index);
  }

  @ParameterizedTest
  @ValueSource(strings = {"$1\\r\\na\\r\\n", "+OK\\r\\n", ":1\\r\\n", "_\\r\\n", "*-2\\r\\n", "|1\\r\\n+a\\r\\n", ""})
  void firstElement_refusesOtherReplies(String reply) {
    assertThatThrownBy(() -> RespReplies.firstElement(buf(reply))).isInstanceOf(IllegalArgumentException.class);
  }

  /** The byte ranges of an aggregate reply's elements, walked with firstElement and end. */
  private static List<String> elements(ByteBuf reply) {
    List<String> elements = new ArrayList<>();
    int length = RespReplies.arrayLength(reply);
    int at = RespReplies.firstElement(reply);
    for (int i = 0; i < length; i++) {
      int end = RespReplies.end(reply, at);
      elements.add(reply.toString(at, end - at, StandardCharsets.ISO_8859_1));
      at = end;
    }
    assertThat(at).isEqualTo(reply.writerIndex());
    return elements;
  }

  /** A buffer of {@code escaped} with its {@code \r} and {@code \n} written as escapes. */
  private static ByteBuf buf(String escaped) {
    return Unpooled.wrappedBuffer(latin1(escaped.replace("\\r", "\r").replace("\\n", "\n")));
  }
}
