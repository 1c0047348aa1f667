package io.cachefleet.protocol;

import static io.cachefleet.protocol.RespDecoderTest.protocolError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reply decoder over every RESP2 and RESP3 type. Replies quoted as Redis's are the bytes a
 * redis-server 7.0.15 sent over a socket for the command named beside them.
 */
class RespReplyDecoderTest {

  private static final int LINE_MAX = 64 * 1024;

  /** One reply of each type, and each alone must come out as one frame. */
  @ParameterizedTest
  @ValueSource(strings = {
      "+OK\r\n",
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
      ":12345\r\n",
      ":-9223372036854775808\r\n",
      "$11\r\nHello World\r\n",
      "$0\r\n\r\n",
      "$-1\r\n",
      "*-1\r\n",
      "*0\r\n",
      "*3\r\n:1\r\n$-1\r\n$1\r\nx\r\n",
      "_\r\n",
      ",3.141\r\n",
      ",-inf\r\n",
      "#t\r\n",
      "#f\r\n",
      "(1234567999999999999999999999999999999\r\n",
      "=29\r\ntxt:This is a verbatim\nstring\r\n",
      "!21\r\nSYNTAX invalid syntax\r\n",
      "%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n",
      "%0\r\n",
      "~3\r\n:0\r\n:1\r\n:2\r\n",
      "~0\r\n",
      ">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n",
      "|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n$39\r\nSome real reply following the attribute\r\n",
      "|0\r\n:1\r\n"})
  void decode_eachTypeWholeAndByteByByte(String reply) {
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write(reply);
      assertThat(ch.read()).containsExactly(reply);
      ch.writeBytewise(latin1(reply + reply));
      assertThat(ch.read()).containsExactly(reply, reply);
    }
  }

  @Test
  void decode_helloThreeMap() {
    String hello = "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"
        + "$2\r\nid\r\n:3\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n";
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.writeBytewise(latin1(hello));
      assertThat(ch.read()).containsExactly(hello);
    }
  }

  @Test
  void decode_pushIsAReplyOfItsOwn() {
    // SET k w on a connection with CLIENT TRACKING on, after GET k: the reply, then the push.
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write("+OK\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n");
      assertThat(ch.read()).containsExactly("+OK\r\n", ">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n");
    }
  }

  @Test
  void decode_nestedArraysMapsAndSets() {
    String reply = "*4\r\n*2\r\n:1\r\n*0\r\n%2\r\n$1\r\na\r\n~1\r\n_\r\n+b\r\n*1\r\n*-1\r\n"
        + "~2\r\n%1\r\n:1\r\n:2\r\n$-1\r\n:9\r\n";
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.writeBytewise(latin1(reply + ":1\r\n"));
      assertThat(ch.read()).containsExactly(reply, ":1\r\n");
    }
  }

  @Test
  void decode_attributesBelongToTheValueTheyAnnotate() {
    String nested = "*2\r\n|1\r\n+ttl\r\n:5\r\n$1\r\nv\r\n|1\r\n+a\r\n|1\r\n+b\r\n:1\r\n:2\r\n:3\r\n";
    String topLevel = "|2\r\n+a\r\n*1\r\n:1\r\n+b\r\n%1\r\n:1\r\n:2\r\n>1\r\n+pushed\r\n";
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.writeBytewise(latin1(nested + topLevel + "+OK\r\n"));
      assertThat(ch.read()).containsExactly(nested, topLevel, "+OK\r\n");
    }
  }

  @Test
  void decode_binaryBulkContainingCrlf() {
    byte[] payload = {'\r', '\n', '$', '5', '\r', '\n', 0, (byte) 0xff, '*', '\r', '\n'};
    byte[] reply = concat(latin1("*2\r\n$" + payload.length + "\r\n"), payload,
        latin1("\r\n=14\r\ntxt:\r\n*1\r\n:1\r\n\r\n"));
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.writeBytewise(reply);
      assertThat(ch.read()).containsExactly(new String(reply, StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void decode_tenThousandRepliesInOneBuffer() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String reply = switch (i % 4) {
        case 0 -> ":" + i + "\r\n";
        case 1 -> "$" + Integer.toString(i).length() + "\r\n" + i + "\r\n";
        case 2 -> "*2\r\n+" + i + "\r\n$-1\r\n";
        default -> "+OK\r\n";
      };
      bytes.writeBytes(latin1(reply));
      expected.add(reply);
    }
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write(bytes.toByteArray());
      assertThat(ch.read()).isEqualTo(expected);
    }
  }

  @Test
  void decode_byteByByteAndRandomSplitsGiveTheFramesOfTheWholeInput() {
    Random random = new Random(20240611);
    for (int iteration = 0; iteration < 300; iteration++) {
      List<Object> expected = new ArrayList<>();
      boolean small = iteration % 10 == 0;
      byte[] input = randomReplies(random, 1 + random.nextInt(30), small, expected);
      try (ReplyChannel ch = new ReplyChannel()) {
        ch.write(input);
        assertThat(ch.read()).as("whole, iteration %d", iteration).isEqualTo(expected);
      }
      try (ReplyChannel ch = new ReplyChannel()) {
        ch.writeRandomSplits(input, random);
        assertThat(ch.read()).as("random splits, iteration %d", iteration).isEqualTo(expected);
      }
      if (small) {
        try (ReplyChannel ch = new ReplyChannel()) {
          ch.writeBytewise(input);
          assertThat(ch.read()).as("byte by byte, iteration %d", iteration).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void decode_randomSplitsOnPooledBuffers() {
    Random random = new Random(11);
    for (int iteration = 0; iteration < 100; iteration++) {
      List<Object> expected = new ArrayList<>();
      byte[] input = randomReplies(random, 1 + random.nextInt(30), false, expected);
      ReplyChannel ch = new ReplyChannel(RespReplyDecoder.Limits.DEFAULTS, ByteBufAllocator.DEFAULT);
      ch.writeRandomSplits(input, random);
      assertThat(ch.read()).as("iteration %d", iteration).isEqualTo(expected);
      // Pooled slices count references of their own and freed buffers are recycled, so only
      // the channel's state is checked here; LeakCheck catches an unreleased buffer.
      assertThat(ch.finishQuietly()).isFalse();
    }
  }

  @Test
  void decode_repliesAreRetainedSlicesOfTheInput() {
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write("+OK\r\n:1\r\n");
      ByteBuf first = ch.readReply();
      ByteBuf second = ch.readReply();
      assertThat(first.toString(StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
      assertThat(second.toString(StandardCharsets.US_ASCII)).isEqualTo(":1\r\n");
      // Unpooled slices share their parent's count: the one input buffer, held by both replies.
      assertThat(first.refCnt()).isEqualTo(2);
      first.release();
      assertThat(second.refCnt()).isEqualTo(1);
      second.release();
    }
  }

  /**
   * A 1 MB bulk arriving 64 bytes at a time: the decoder reads its length line and the CRLF
   * after it, never the payload, so the bytes it reads do not grow with the payload.
   */
  @Test
  void decode_largeBulkInSmallChunksIsNotRescanned() {
    byte[] payload = new byte[1 << 20];
    new Random(5).nextBytes(payload);
    byte[] reply = concat(latin1("$" + payload.length + "\r\n"), payload, latin1("\r\n"));
    CountingAllocator alloc = new CountingAllocator();
    try (ReplyChannel ch = new ReplyChannel(RespReplyDecoder.Limits.DEFAULTS, alloc)) {
      for (int i = 0; i < reply.length; i += 64) {
        ch.write(reply, i, Math.min(reply.length, i + 64));
      }
      ByteBuf frame = ch.readReply();
      try {
        assertThat(frame.readableBytes()).isEqualTo(reply.length);
        assertThat(frame.slice(frame.readerIndex() + 10, payload.length).nioBuffer())
            .isEqualTo(java.nio.ByteBuffer.wrap(payload));
      } finally {
        frame.release();
      }
    }
    assertThat(alloc.bytesRead).isLessThan(64);
  }

  /** Lines that arrive a byte at a time are searched once: bytes read stay linear in the input. */
  @Test
  void decode_repliesFedByteByByteAreReadOnce() {
    String longLine = "+" + "x".repeat(60_000) + "\r\n";
    StringBuilder array = new StringBuilder("*1000\r\n");
    for (int i = 0; i < 1000; i++) {
      array.append(i % 2 == 0 ? ":123456\r\n" : "*1\r\n$3\r\nabc\r\n");
    }
    for (String reply : List.of(longLine, array.toString())) {
      CountingAllocator alloc = new CountingAllocator();
      try (ReplyChannel ch = new ReplyChannel(RespReplyDecoder.Limits.DEFAULTS, alloc)) {
        ch.writeBytewise(latin1(reply));
        assertThat(ch.read()).containsExactly(reply);
      }
      assertThat(alloc.bytesRead).isLessThan(3L * reply.length());
    }
  }

  /** {@code EVAL "local t = 1; for i=1,N do t = {t} end; return t" 0} answers N nested arrays. */
  @Test
  void decode_nestingUpToTheDepthLimit() {
    String deepest = "*1\r\n".repeat(64) + ":1\r\n";
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write(deepest);
      assertThat(ch.read()).containsExactly(deepest);
      ch.write("*1\r\n".repeat(64) + "*0\r\n");
      assertThat(ch.read()).containsExactly(protocolError("reply nested deeper than 64"));
    }
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.writeBytewise(latin1("*1\r\n".repeat(65) + ":1\r\n"));
      assertThat(ch.read()).containsExactly(protocolError("reply nested deeper than 64"));
    }
  }

  @Test
  void decode_configuredDepthLimitCountsAttributesAndMaps() {
    RespReplyDecoder.Limits limits = new RespReplyDecoder.Limits(1 << 20, 2, LINE_MAX);
    try (ReplyChannel ch = new ReplyChannel(limits)) {
      ch.write("*1\r\n*-1\r\n%1\r\n*1\r\n:1\r\n:2\r\n|1\r\n+a\r\n:1\r\n*1\r\n:2\r\n");
      ch.write("*1\r\n|1\r\n+a\r\n:1\r\n*0\r\n");
      assertThat(ch.read()).containsExactly("*1\r\n*-1\r\n", "%1\r\n*1\r\n:1\r\n:2\r\n",
          "|1\r\n+a\r\n:1\r\n*1\r\n:2\r\n", protocolError("reply nested deeper than 2"));
    }
  }

  @Test
  void decode_bulkLengthAboveTheLimit() {
    RespReplyDecoder.Limits limits = new RespReplyDecoder.Limits(10, 64, LINE_MAX);
    try (ReplyChannel ch = new ReplyChannel(limits)) {
      ch.write("$10\r\n0123456789\r\n!10\r\nERR 456789\r\n=11\r\n");
      assertThat(ch.read()).containsExactly("$10\r\n0123456789\r\n", "!10\r\nERR 456789\r\n",
          protocolError("invalid bulk length"));
    }
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write("$536870912\r\n");
      assertThat(ch.read()).isEmpty();
    }
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write("*1\r\n$536870913\r\n");
      assertThat(ch.read()).containsExactly(protocolError("invalid bulk length"));
    }
  }

  @Test
  void decode_replyThatCannotFitOneBuffer() {
    RespReplyDecoder.Limits unlimited = new RespReplyDecoder.Limits(Long.MAX_VALUE, 64, LINE_MAX);
    try (ReplyChannel ch = new ReplyChannel(unlimited)) {
      ch.write("$2147483632\r\n");
      assertThat(ch.read()).isEmpty();
    }
    try (ReplyChannel ch = new ReplyChannel(unlimited)) {
      ch.write("$2147483633\r\n");
      assertThat(ch.read()).containsExactly(protocolError("reply too large for one buffer"));
    }
  }

  @Test
  void decode_lineUpToTheLimitWhetherItArrivesWholeOrSplit() {
    String longest = "-" + "e".repeat(LINE_MAX - 1) + "\r\n";
    String tooLong = "+" + "s".repeat(LINE_MAX) + "\r\n";
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write(longest + tooLong);
      assertThat(ch.read()).containsExactly(longest, protocolError("reply line longer than 65536 bytes"));
    }
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.writeRandomSplits(latin1(longest + tooLong), new Random(3));
      assertThat(ch.read()).containsExactly(longest, protocolError("reply line longer than 65536 bytes"));
    }
  }

  @Test
  void decode_unterminatedLineFailsOnceItPassesTheLimit() {
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write("+" + "s".repeat(LINE_MAX - 1));
      assertThat(ch.read()).isEmpty();
      ch.write("\r");
      assertThat(ch.read()).isEmpty();
      ch.write("\n");
      assertThat(ch.read()).hasSize(1);
      ch.write("*1\r\n$" + "1".repeat(LINE_MAX - 1));
      assertThat(ch.read()).isEmpty();
      ch.write("1");
      assertThat(ch.read()).containsExactly(protocolError("reply line longer than 65536 bytes"));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "X\\r\\n ; unknown reply type 'X'",
      "\\r\\n ; unknown reply type 0x0d",
      "*1\\r\\n\\0\\r\\n ; unknown reply type 0x00",
      "$abc\\r\\n ; invalid bulk length",
      "$-2\\r\\n ; invalid bulk length",
      "$-0\\r\\n ; invalid bulk length",
      "$01\\r\\n ; invalid bulk length",
      "$+1\\r\\n ; invalid bulk length",
      "$ 1\\r\\n ; invalid bulk length",
      "$\\r\\n ; invalid bulk length",
      "=-1\\r\\n ; invalid bulk length",
      "!-1\\r\\n ; invalid bulk length",
      "$9223372036854775808\\r\\n ; invalid bulk length",
      "*-2\\r\\n ; invalid multibulk length",
      "*x\\r\\n ; invalid multibulk length",
      "*\\r\\n ; invalid multibulk length",
      "%-1\\r\\n ; invalid multibulk length",
      "~-1\\r\\n ; invalid multibulk length",
      ">-1\\r\\n ; invalid multibulk length",
      "|-1\\r\\n ; invalid multibulk length",
      "*2147483648\\r\\n ; invalid multibulk length",
      "%1073741824\\r\\n ; invalid multibulk length",
      "|1073741824\\r\\n ; invalid multibulk length",
      "$3\\r\\nabcXY ; bulk not terminated by CRLF",
      "$3\\r\\nabc\\n\\r ; bulk not terminated by CRLF",
      ":1\\rX ; expected LF after CR",
      "*2\\r\\n+a\\r+b\\r\\n ; expected LF after CR",
      "$?\\r\\n ; streamed replies are not supported",
      "*?\\r\\n ; streamed replies are not supported",
      "%?\\r\\n ; streamed replies are not supported"})
  void decode_malformedReplyIsOneErrorAndThenNothing(String malformed, String reason) {
    String unescaped = malformed.replace("\\r", "\r").replace("\\n", "\n").replace("\\0", "\0");
    byte[] input = latin1(unescaped + "+OK\r\n:1\r\n");
    for (boolean bytewise : new boolean[] {false, true}) {
      try (ReplyChannel ch = new ReplyChannel()) {
        ch.write("+before\r\n");
        if (bytewise) {
          ch.writeBytewise(input);
        } else {
          ch.write(input);
        }
        assertThat(ch.read()).containsExactly("+before\r\n", protocolError(reason));
        ch.write("+OK\r\n");
        assertThat(ch.read()).isEmpty();
      }
    }
  }

  @Test
  void decode_largestCountsAreAccepted() {
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write("*2147483647\r\n%1073741823\r\n|1073741823\r\n:1\r\n");
      assertThat(ch.read()).isEmpty();
    }
  }

  @Test
  void decode_partialReplyIsFreedWhenTheChannelCloses() {
    try (ReplyChannel ch = new ReplyChannel()) {
      ch.write("*3\r\n$1\r\na\r\n*2\r\n:1\r\n$100\r\nabc");
      assertThat(ch.read()).isEmpty();
    }
  }

  @Test
  void decode_hugeDeclaredCountsDoNotAllocateByThem() {
    try (ReplyChannel ch = new ReplyChannel()) {
      String heads = "*2147483647\r\n%1073741823\r\n:1\r\n$536870912\r\n";
      long allocated = allocatedBy(() -> ch.write(heads + "x".repeat(1000)));
      assertThat(ch.read()).isEmpty();
      assertThat(allocated).isLessThan(1 << 20);
    }
  }

  @Test
  void limits_refuseNonsense() {
    assertThatThrownBy(() -> new RespReplyDecoder.Limits(-1, 64, LINE_MAX)).hasMessageContaining("maxBulkLength");
    assertThatThrownBy(() -> new RespReplyDecoder.Limits(1, 0, LINE_MAX)).hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> new RespReplyDecoder.Limits(1, Integer.MAX_VALUE, LINE_MAX))
        .hasMessage("maxDepth must be in [1, 65536]: 2147483647");
    assertThatThrownBy(() -> new RespReplyDecoder.Limits(1, 64, 2)).hasMessageContaining("maxLineLength");
    assertThat(RespReplyDecoder.Limits.DEFAULTS)
        .isEqualTo(new RespReplyDecoder.Limits(512L * 1024 * 1024, 64, 64 * 1024));
  }

  /**
   * Builds {@code count} random replies of every type, nested up to four levels, and records the
   * bytes of each in {@code expected}; {@code small} keeps bulks short for byte-by-byte feeding.
   */
  static byte[] randomReplies(Random random, int count, boolean small, List<Object> expected) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      randomValue(random, reply, 4, small);
      expected.add(reply.toString(StandardCharsets.ISO_8859_1));
      all.writeBytes(reply.toByteArray());
    }
    return all.toByteArray();
  }

  private static void randomValue(Random random, ByteArrayOutputStream out, int depthLeft, boolean small) {
    int kind = random.nextInt(depthLeft > 0 ? 12 : 7);
    switch (kind) {
      case 0 -> out.writeBytes(latin1(pick(random, "+OK", "-ERR no", "_", "#t", "#f", ",1.5", "(12345678901234567890",
          "$-1", "*-1", "*0", "%0", "~0") + "\r\n"));
      case 1 -> out.writeBytes(latin1(":" + (random.nextLong() >> random.nextInt(64)) + "\r\n"));
      case 2, 3, 4 -> {
        int length = switch (random.nextInt(small ? 3 : 4)) {
          case 0 -> 0;
          case 1 -> 1 + random.nextInt(9);
          case 2 -> 10 + random.nextInt(100);
          default -> 1000 + random.nextInt(5000);
        };
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        out.writeBytes(latin1(pick(random, "$", "$", "=", "!") + length + "\r\n"));
        out.writeBytes(payload);
        out.writeBytes(latin1("\r\n"));
      }
      case 5, 6 -> out.writeBytes(latin1(pick(random, "+", "-") + "x".repeat(random.nextInt(50)) + "\r\n"));
      default -> {
        String type = pick(random, "*", "*", "~", ">", "%", "|");
        int n = random.nextInt(4);
        int children = type.equals("%") ? 2 * n : type.equals("|") ? 2 * n + 1 : n;
        out.writeBytes(latin1(type + n + "\r\n"));
        for (int c = 0; c < children; c++) {
          randomValue(random, out, depthLeft - 1, small);
        }
      }
    }
  }

  private static String pick(Random random, String... choices) {
    return choices[random.nextInt(choices.length)];
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

  static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /**
   * Heap buffers that count the bytes read from them one at a time, which is how the decoder
   * reads: {@code getByte} and {@code forEachByte}. Copies and slices are not reads.
   */
  private static final class CountingAllocator extends AbstractByteBufAllocator {
    long bytesRead;

    CountingAllocator() {
      super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity) {
        @Override
        protected byte _getByte(int index) {
          bytesRead++;
          return super._getByte(index);
        }

        @Override
        protected short _getShort(int index) {
          bytesRead += 2;
          return super._getShort(index);
        }
      };
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }
}
