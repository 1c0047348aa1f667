package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder against Redis 7.0's {@code processMultibulkBuffer}, {@code processInlineBuffer} and
 * {@code sdssplitargs}. Every error text and every quirk asserted here was checked by sending the
 * same bytes to a redis-server 7.0.15 over a socket and reading its answer, and whether it closed.
 */
class RespDecoderTest {

  private static final int INLINE_MAX = 64 * 1024;

  @Test
  void decode_multibulkWhole() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write(multibulk("SET", "key", "value"));
      assertThat(ch.read()).containsExactly(List.of("SET", "key", "value"));
    }
  }

  @Test
  void decode_multibulkByteByByte() {
    try (DecoderChannel ch = new DecoderChannel()) {
      byte[] frame = multibulk("SET", "key", "value");
      ch.writeBytewise(Arrays.copyOf(frame, frame.length - 1));
      assertThat(ch.read()).isEmpty();
      ch.write(new byte[] {'\n'});
      assertThat(ch.read()).containsExactly(List.of("SET", "key", "value"));
    }
  }

  @Test
  void decode_inlineWhole() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("SET key value\r\n");
      assertThat(ch.read()).containsExactly(List.of("SET", "key", "value"));
    }
  }

  @Test
  void decode_inlineByteByByte() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.writeBytewise(ascii("SET \"a key\" 'a value'\r"));
      assertThat(ch.read()).isEmpty();
      ch.write("\n");
      assertThat(ch.read()).containsExactly(List.of("SET", "a key", "a value"));
    }
  }

  @Test
  void decode_multibulkContentIsTheFrameAsReceived() {
    try (DecoderChannel ch = new DecoderChannel()) {
      byte[] frame = multibulk("GET", "k");
      ch.write(frame);
      RespCommand cmd = ch.readCommand();
      try {
        assertThat(cmd.isInline()).isFalse();
        assertThat(ByteBufUtil.getBytes(cmd.content())).isEqualTo(frame);
        assertThat(cmd.argIndex(1) - cmd.content().readerIndex()).isEqualTo("*2\r\n$3\r\nGET\r\n$1\r\n".length());
        assertThat(cmd.argLength(1)).isEqualTo(1);
      } finally {
        cmd.release();
      }
    }
  }

  @Test
  void decode_inlineContentHoldsTheUnquotedArguments() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("GET \"k\\x41\"\r\n");
      RespCommand cmd = ch.readCommand();
      try {
        assertThat(cmd.isInline()).isTrue();
        assertThat(cmd.content().toString(StandardCharsets.US_ASCII)).isEqualTo("GETkA");
        assertThat(DecoderChannel.args(cmd)).containsExactly("GET", "kA");
      } finally {
        cmd.release();
      }
    }
  }

  @Test
  void decode_pipelineOfTenThousandCommandsInOneWrite() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      bytes.writeBytes(i % 3 == 0 ? ascii("ECHO " + i + "\r\n") : multibulk("ECHO", Integer.toString(i)));
    }
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write(bytes.toByteArray());
      List<Object> out = ch.read();
      assertThat(out).hasSize(10_000);
      for (int i = 0; i < 10_000; i++) {
        assertThat(out.get(i)).isEqualTo(List.of("ECHO", Integer.toString(i)));
      }
    }
  }

  @Test
  void decode_randomSplitsOfRandomPipelines() {
    Random random = new Random(20240607);
    for (int iteration = 0; iteration < 300; iteration++) {
      List<List<String>> expected = new ArrayList<>();
      byte[] input = randomPipeline(random, 1 + random.nextInt(40), expected);
      try (DecoderChannel ch = new DecoderChannel()) {
        ch.writeRandomSplits(input, random);
        assertThat(ch.read()).as("iteration %d", iteration).isEqualTo(expected);
      }
    }
  }

  @Test
  void decode_randomSplitsOnPooledBuffers() {
    Random random = new Random(7);
    for (int iteration = 0; iteration < 100; iteration++) {
      List<List<String>> expected = new ArrayList<>();
      byte[] input = randomPipeline(random, 1 + random.nextInt(40), expected);
      DecoderChannel ch = new DecoderChannel(RespLimits.REDIS_DEFAULTS, ByteBufAllocator.DEFAULT);
      ch.writeRandomSplits(input, random);
      assertThat(ch.read()).as("iteration %d", iteration).isEqualTo(expected);
      // Pooled slices count references of their own and freed buffers are recycled, so only
      // the channel's state is checked here; LeakCheck catches an unreleased buffer.
      assertThat(ch.finishQuietly()).isFalse();
    }
  }

  /** Whole commands take a one-pass path; it must decide as the byte-at-a-time state machine does. */
  @Test
  void decode_wholeAndBytewiseAgree_onHeapAndDirectBuffers() {
    String[] inputs = {
      "*1\r\n$4\r\nPING\r\n", "*2\r\n$3\r\nGET\r\n$0\r\n\r\n", "*01\r\n$4\r\nPING\r\n",
      "*1\r\n$04\r\nPING\r\n", "*1\r\n$-1\r\n", "*1\r\n$1234567890\r\n", "*1\r\n$9999999999\r\n",
      "*1\r\n+4\r\nPING\r\n", "*1\r\n$4x\r\nPING\r\n", "*-1\r\n*0\r\n*1\r\n$4\r\nPING\r\n",
      "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", "*1\r\n$4\r\nPI\0G\r\n", "*1\0\r\n$4\r\nPING\r\n",
      "*1\r\n$4\0\r\nPING\r\n", "*1\r\n$4\r\nPINGxx", "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO", "*1\r",
      "*2000000\r\n", "*11\r\n", "*1\r\n$600000000\r\n", "*1\rx$4\rxPINGxx",
    };
    for (ByteBufAllocator alloc : List.of(new UnpooledByteBufAllocator(false), new UnpooledByteBufAllocator(true))) {
      for (String input : inputs) {
        DecoderChannel whole = new DecoderChannel(RespLimits.REDIS_DEFAULTS, alloc);
        DecoderChannel bytewise = new DecoderChannel(RespLimits.REDIS_DEFAULTS, alloc);
        whole.write(input);
        bytewise.writeBytewise(input.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(whole.read()).as("%s on %s", input, alloc).isEqualTo(bytewise.read());
        whole.close();
        bytewise.close();
      }
    }
  }

  @Test
  void decode_bulkArgumentsAreBinarySafe() {
    byte[] value = {'a', '\r', '\n', 0, (byte) 0xff, '$', '*', '\n'};
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.writeBytewise(multibulk(ascii("SET"), ascii("k"), value));
      assertThat(ch.read()).containsExactly(List.of("SET", "k", latin1(value)));
    }
  }

  @Test
  void decode_emptyBulkArguments() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n");
      assertThat(ch.read()).containsExactly(List.of("SET", "", ""));
    }
  }

  @Test
  void decode_emptyAndNegativeMultibulkCountsAreIgnored() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*0\r\n*-1\r\n*-5\r\n*1\r\n$4\r\nPING\r\n*0\r\n");
      assertThat(ch.read()).containsExactly(List.of("PING"));
    }
  }

  @Test
  void decode_emptyInlineLinesAreIgnored() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("\r\n\n  \r\n\t\r\nPING\n\r\n");
      assertThat(ch.read()).containsExactly(List.of("PING"));
    }
  }

  @Test
  void decode_bareLineFeedEndsAnInlineCommand() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("PING\nECHO a\r\n");
      assertThat(ch.read()).containsExactly(List.of("PING"), List.of("ECHO", "a"));
    }
  }

  @Test
  void decode_lineFeedAloneDoesNotEndALengthLine() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*1\n$4\nPING\n");
      assertThat(ch.read()).isEmpty();
    }
  }

  @Test
  void decode_byteAfterALengthLinesCrIsNotChecked() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*1\rX$4\rXPING\r\n");
      assertThat(ch.read()).containsExactly(List.of("PING"));
    }
  }

  @Test
  void decode_twoBytesAfterABulkAreNotChecked() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*1\r\n$4\r\nPINGXY*1\r\n$4\r\nPING\r\n");
      assertThat(ch.read()).containsExactly(List.of("PING"), List.of("PING"));
    }
  }

  @Test
  void decode_inlineDoubleQuotesUnderstandEscapes() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("ECHO \"\\x41\\n\" \"\\x4a\\X41\\t\" \"\\xZZ\" \"a\\\"b\" \"\\\\\" \"\\q\" \"\\a\\b\\r\"\r\n");
      assertThat(ch.read()).containsExactly(List.of("ECHO", "A\n", "JX41\t", "xZZ", "a\"b", "\\", "q", "\u0007\b\r"));
    }
  }

  @Test
  void decode_inlineSingleQuotesUnderstandOnlyAnEscapedQuote() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("ECHO 'a\\'b' 'a\\nb' '\"'\r\n");
      assertThat(ch.read()).containsExactly(List.of("ECHO", "a'b", "a\\nb", "\""));
    }
  }

  @Test
  void decode_inlineQuotesJoinTheTextBeforeThem() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("SET \"k 1\" 'v 2' a\"b c\" \"\"\r\n");
      assertThat(ch.read()).containsExactly(List.of("SET", "k 1", "v 2", "ab c", ""));
    }
  }

  @Test
  void decode_inlineBlanks() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("\tECHO  a\u000bb\rc \"d\"\te\u000c\u0001\u00ff\r\n");
      assertThat(ch.read()).containsExactly(List.of("ECHO", "a\u000bb", "c", "d", "e\u000c\u0001\u00ff"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ECHO \"abc", "ECHO 'abc", "ECHO \"ab\\\"", "ECHO 'ab'c", "ECHO \"ab\"c", "ECHO a\"b c\"d"})
  void decode_inlineUnbalancedQuotes(String line) {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("PING\r\n" + line + "\r\nPING\r\n");
      assertThat(ch.read()).containsExactly(List.of("PING"), protocolError("unbalanced quotes in request"));
    }
  }

  @Test
  void decode_nulByteNeverEndsAnInlineLine() {
    try (DecoderChannel ch = new DecoderChannel()) {
      String start = "PING\0\r\nPING\r\n";
      ch.write(start);
      assertThat(ch.read()).isEmpty();
      ch.write(new byte[INLINE_MAX - start.length()]);
      assertThat(ch.read()).isEmpty();
      ch.write("x");
      assertThat(ch.read()).containsExactly(protocolError("too big inline request"));
    }
  }

  @Test
  void decode_nulByteNeverEndsALengthLine() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*1\0\r\n$4\r\nPING\r\n");
      assertThat(ch.read()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "*abc", "*+1", "*01", "* 1", "*1 ", "*", "*-0", "*--1", "*2147483648", "*9223372036854775808"})
  void decode_invalidMultibulkLength(String line) {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write(line + "\r\n$4\r\nPING\r\n");
      assertThat(ch.read()).containsExactly(protocolError("invalid multibulk length"));
    }
  }

  @Test
  void decode_multibulkLengthAboveMaxArguments() {
    RespLimits limits = new RespLimits(512L << 20, 3, INLINE_MAX, 1L << 30);
    try (DecoderChannel ch = new DecoderChannel(limits)) {
      ch.write(multibulk("SET", "k", "v"));
      ch.write("*4\r\n");
      assertThat(ch.read()).containsExactly(List.of("SET", "k", "v"), protocolError("invalid multibulk length"));
    }
  }

  @Test
  void decode_redisDefaultsCapTheArgumentCountAtOneMillion() {
    // Redis 7.0 accepts any count up to INT_MAX; cachefleet's default caps it (RespLimits).
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*1048576\r\n$4\r\nECHO\r\n");
      assertThat(ch.read()).isEmpty();
    }
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*1048577\r\n");
      assertThat(ch.read()).containsExactly(protocolError("invalid multibulk length"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"$-1", "$+4", "$04", "$abc", "$", "$4 ", "$ 4", "$-0", "$536870913", "$9223372036854775808"})
  void decode_invalidBulkLength(String line) {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*2\r\n$4\r\nECHO\r\n" + line + "\r\nPING\r\n");
      assertThat(ch.read()).containsExactly(protocolError("invalid bulk length"));
    }
  }

  @Test
  void decode_bulkLengthAboveConfiguredMaximum() {
    try (DecoderChannel ch = new DecoderChannel(RespLimits.REDIS_DEFAULTS.withMaxBulkLength(10))) {
      ch.write(multibulk("ECHO", "0123456789"));
      ch.write("*1\r\n$11\r\n");
      assertThat(ch.read()).containsExactly(List.of("ECHO", "0123456789"), protocolError("invalid bulk length"));
    }
  }

  @Test
  void decode_expectedDollarOnceTheLineHasEnded() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*2\r\n$4\r\nECHO\r\n:5");
      assertThat(ch.read()).isEmpty();
      ch.write("\r");
      assertThat(ch.read()).isEmpty();
      ch.write("\n");
      assertThat(ch.read()).containsExactly(protocolError("expected '$', got ':'"));
    }
  }

  @Test
  void decode_tooBigInlineRequest() {
    try (DecoderChannel ch = new DecoderChannel()) {
      byte[] line = new byte[INLINE_MAX];
      Arrays.fill(line, (byte) 'a');
      ch.writeRandomSplits(line, new Random(1));
      assertThat(ch.read()).isEmpty();
      ch.write("a");
      assertThat(ch.read()).containsExactly(protocolError("too big inline request"));
    }
  }

  @Test
  void decode_longInlineLineThatArrivesWholeIsAccepted() {
    String value = "v".repeat(70_000);
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("ECHO " + value + "\r\n");
      assertThat(ch.read()).containsExactly(List.of("ECHO", value));
    }
  }

  @Test
  void decode_tooBigMultibulkCountString() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*" + "1".repeat(INLINE_MAX - 1));
      assertThat(ch.read()).isEmpty();
      ch.write("1");
      assertThat(ch.read()).containsExactly(protocolError("too big mbulk count string"));
    }
  }

  @Test
  void decode_tooBigBulkCountString() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*1\r\n$" + "1".repeat(INLINE_MAX - 1));
      assertThat(ch.read()).isEmpty();
      ch.write("1");
      assertThat(ch.read()).containsExactly(protocolError("too big bulk count string"));
    }
  }

  @Test
  void decode_tooBigBulkCountStringComesBeforeTheMarkerCheck() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*1\r\n" + "x".repeat(INLINE_MAX + 1));
      assertThat(ch.read()).containsExactly(protocolError("too big bulk count string"));
    }
  }

  @Test
  void decode_unauthenticatedMultibulkLength() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.decoder().setAuthenticated(false);
      String[] ten = new String[10];
      Arrays.fill(ten, "a");
      ch.write(multibulk(ten));
      ch.write("*11\r\n");
      assertThat(ch.read()).containsExactly(Arrays.asList(ten), protocolError("unauthenticated multibulk length"));
    }
  }

  @Test
  void decode_unauthenticatedBulkLength() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.decoder().setAuthenticated(false);
      String big = "b".repeat(16384);
      ch.write(multibulk("ECHO", big));
      ch.write("*2\r\n$4\r\nECHO\r\n$16385\r\n");
      assertThat(ch.read()).containsExactly(List.of("ECHO", big), protocolError("unauthenticated bulk length"));
    }
  }

  @Test
  void decode_unauthenticatedLimitsSpareInlineCommands() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.decoder().setAuthenticated(false);
      String big = "b".repeat(20_000);
      ch.write("ECHO a a a a a a a a a a a\r\nECHO " + big + "\r\n");
      List<String> twelve = new ArrayList<>(List.of("ECHO"));
      twelve.addAll(Collections.nCopies(11, "a"));
      assertThat(ch.read()).containsExactly(twelve, List.of("ECHO", big));
    }
  }

  @Test
  void decode_authenticationLiftsTheUnauthenticatedLimits() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.decoder().setAuthenticated(false);
      ch.decoder().setAuthenticated(true);
      String[] eleven = new String[11];
      Arrays.fill(eleven, "a");
      ch.write(multibulk(eleven));
      assertThat(ch.read()).containsExactly(Arrays.asList(eleven));
    }
  }

  @Test
  void decode_pendingBytesOverTheLimitCloseWithoutAReply() {
    RespLimits limits = new RespLimits(512L << 20, 1024, INLINE_MAX, 100_000);
    try (DecoderChannel ch = new DecoderChannel(limits)) {
      byte[] head = ascii("*1\r\n$200000\r\n");
      ch.write(head);
      ch.write(new byte[100_000 - head.length]);
      assertThat(ch.read()).isEmpty();
      ch.write("x");
      assertThat(ch.read()).containsExactly(new RespProtocolError(null));
    }
  }

  @Test
  void decode_commandsBeforeAnErrorComeFirstAndNothingAfterIt() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$-1\r\nPING\r\n*1\r\n$4\r\nPING\r\n");
      assertThat(ch.read()).containsExactly(List.of("PING"), List.of("PING"), protocolError("invalid bulk length"));
      ch.write(multibulk("PING"));
      ch.write("PING\r\n");
      assertThat(ch.read()).isEmpty();
    }
  }

  @Test
  void decode_partialFrameIsFreedWhenTheChannelCloses() {
    try (DecoderChannel ch = new DecoderChannel()) {
      ch.write("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100\r\nabc");
      assertThat(ch.read()).isEmpty();
    }
  }

  @Test
  void decode_hugeDeclaredCountDoesNotAllocateByIt() {
    RespLimits limits = new RespLimits(512L << 20, Integer.MAX_VALUE, INLINE_MAX, 1L << 30);
    for (String count : List.of("2147483647", "999999999")) {
      try (DecoderChannel ch = new DecoderChannel(limits)) {
        long allocated = allocatedBy(() -> ch.write("*" + count + "\r\n$3\r\nSET\r\n$1\r\nk\r\n"));
        assertThat(ch.read()).isEmpty();
        assertThat(allocated).as(count).isLessThan(1 << 20);
      }
    }
  }

  @Test
  void decode_hugeDeclaredBulkDoesNotAllocateByIt() {
    try (DecoderChannel ch = new DecoderChannel()) {
      long allocated = allocatedBy(() -> ch.write("*2\r\n$3\r\nGET\r\n$536870912\r\n" + "x".repeat(1000)));
      assertThat(ch.read()).isEmpty();
      assertThat(allocated).isLessThan(1 << 20);
    }
  }

  /** Bytes the current thread allocated on the heap while running {@code action}. */
  private static long allocatedBy(Runnable action) {
    assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    action.run();
    return threads.getThreadAllocatedBytes(id) - before;
  }

  /**
   * Builds a pipeline of random commands, recording the arguments each must decode to: multibulk
   * commands with binary arguments of every length class, inline commands with quoting.
   */
  private static byte[] randomPipeline(Random random, int commands, List<List<String>> expected) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int c = 0; c < commands; c++) {
      switch (random.nextInt(5)) {
        case 0 -> {
          out.writeBytes(ascii("*0\r\n"));
          continue;
        }
        case 1 -> {
          List<String> args = new ArrayList<>();
          StringBuilder line = new StringBuilder();
          int argc = 1 + random.nextInt(5);
          for (int i = 0; i < argc; i++) {
            String word = randomWord(random);
            args.add(word);
            line.append(i == 0 ? "" : " ").append(random.nextBoolean() ? word : '"' + word + '"');
          }
          out.writeBytes(ascii(line + (random.nextBoolean() ? "\r\n" : "\n")));
          expected.add(args);
        }
        default -> {
          int argc = 1 + random.nextInt(6);
          byte[][] args = new byte[argc][];
          List<String> strings = new ArrayList<>();
          for (int i = 0; i < argc; i++) {
            int length = switch (random.nextInt(4)) {
              case 0 -> 0;
              case 1 -> 1 + random.nextInt(9);
              case 2 -> 10 + random.nextInt(200);
              default -> 1000 + random.nextInt(5000);
            };
            args[i] = new byte[length];
            random.nextBytes(args[i]);
            strings.add(latin1(args[i]));
          }
          out.writeBytes(multibulk(args));
          expected.add(strings);
        }
      }
    }
    return out.toByteArray();
  }

  private static String randomWord(Random random) {
    StringBuilder sb = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  static RespProtocolError protocolError(String reason) {
    return new RespProtocolError("ERR Protocol error: " + reason);
  }

  static byte[] multibulk(String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = ascii(args[i]);
    }
    return multibulk(bytes);
  }

  static byte[] multibulk(byte[]... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("*" + args.length + "\r\n"));
    for (byte[] arg : args) {
      out.writeBytes(ascii("$" + arg.length + "\r\n"));
      out.writeBytes(arg);
      out.writeBytes(ascii("\r\n"));
    }
    return out.toByteArray();
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
