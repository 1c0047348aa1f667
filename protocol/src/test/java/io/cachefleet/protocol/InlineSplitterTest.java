package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Edge cases of {@code sdssplitargs} at the end of a line and between arguments; the decoder
 * tests cover the common quoting forms against redis-server.
 */
class InlineSplitterTest {

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t \u000b\u000c"})
  void split_blankLineHasNoArguments(String line) {
    assertThat(split(line)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\\", "\"\\x4", "\"\\x41", "'abc\\", "'", "\"", "a \"b", "\"a\"\"b\"", "'a''b'"})
  void split_unterminatedOrRunTogetherQuotesAreUnbalanced(String line) {
    assertThat(split(line)).isNull();
  }

  @Test
  void split_closingQuoteMayEndTheLine() {
    assertThat(split("\"a b\"")).containsExactly("a b");
    assertThat(split("x 'a b'")).containsExactly("x", "a b");
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\t", "\r", "\n", "\u000b", "\u000c"})
  void split_closingQuoteMayBeFollowedByAnyBlank(String blank) {
    assertThat(split("\"a\"" + blank + "b")).containsExactly("a", "b");
  }

  @Test
  void split_verticalTabAndFormFeedStayInsideAnUnquotedArgument() {
    assertThat(split("a\u000bb c\u000cd")).containsExactly("a\u000bb", "c\u000cd");
  }

  @Test
  void split_hexEscapesNeedTwoDigits() {
    assertThat(split("\"\\x4\" \"\\xfF\" \"\\x00\"")).containsExactly("x4", "\u00ff", "\0");
  }

  @Test
  void split_highBytesAreOrdinaryCharacters() {
    assertThat(split("\u00a0\u00e9 \"\u00ff\"")).containsExactly("\u00a0\u00e9", "\u00ff");
  }

  @Test
  void toCommand_holdsTheArgumentsBackToBack() {
    ByteBuf line = ByteBufAllocator.DEFAULT.buffer().writeBytes(bytes("xx SET \"a b\" ''  c yy"));
    try {
      InlineSplitter splitter = new InlineSplitter(line, 2, line.writerIndex() - 2);
      assertThat(splitter.split()).isTrue();
      assertThat(splitter.argc()).isEqualTo(4);
      RespCommand cmd = splitter.toCommand(ByteBufAllocator.DEFAULT);
      try {
        assertThat(cmd.isInline()).isTrue();
        assertThat(cmd.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo("SETa bc");
        assertThat(cmd.argString(1)).isEqualTo("a b");
        assertThat(cmd.argLength(2)).isZero();
        assertThat(cmd.argString(3)).isEqualTo("c");
      } finally {
        cmd.release();
      }
    } finally {
      line.release();
    }
  }

  /** The arguments of {@code line}, or null when its quotes are unbalanced. */
  private static List<String> split(String line) {
    ByteBuf buf = ByteBufAllocator.DEFAULT.buffer().writeBytes(bytes(line));
    try {
      InlineSplitter splitter = new InlineSplitter(buf, 0, buf.writerIndex());
      if (!splitter.split()) {
        return null;
      }
      RespCommand cmd = splitter.toCommand(ByteBufAllocator.DEFAULT);
      try {
        return DecoderChannel.args(cmd);
      } finally {
        cmd.release();
      }
    } finally {
      buf.release();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
