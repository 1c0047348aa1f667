package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemcacheDecoderTest {

  @Test
  void frames_eachCommand_withItsKeysAndBytes() {
    List<Object> out = decode("get a bb ccc\r\nset k 5 -1 3\r\nabc\r\ndelete k noreply\r\nincr n 7\r\nversion\n");
    assertThat(out).hasSize(5);
    MemcacheRequest get = (MemcacheRequest) out.get(0);
    assertThat(get.command()).isEqualTo(MemcacheCommand.GET);
    assertThat(get.keyCount()).isEqualTo(3);
    assertThat(List.of(key(get, 0), key(get, 1), key(get, 2))).containsExactly("a", "bb", "ccc");
    assertThat(text(get.content())).isEqualTo("get a bb ccc\r\n");
    MemcacheRequest set = (MemcacheRequest) out.get(1);
    assertThat(set.command()).isEqualTo(MemcacheCommand.SET);
    assertThat(key(set, 0)).isEqualTo("k");
    assertThat(set.noreply()).isFalse();
    assertThat(text(set.content())).isEqualTo("set k 5 -1 3\r\nabc\r\n");
    MemcacheRequest delete = (MemcacheRequest) out.get(2);
    assertThat(delete.noreply()).isTrue();
    assertThat(taken(delete.withReply(ByteBufAllocator.DEFAULT))).isEqualTo("delete k\r\n");
    assertThat(((MemcacheRequest) out.get(3)).command()).isEqualTo(MemcacheCommand.INCR);
    MemcacheRequest version = (MemcacheRequest) out.get(4);
    assertThat(version.command()).isEqualTo(MemcacheCommand.VERSION);
    assertThat(version.keyCount()).isZero();
    out.forEach(MemcacheDecoderTest::release);
  }

  @Test
  void storageCommand_waitsForItsDataBlock_howeverTheBytesArrive() {
    String request = "cas key 0 0 10 42 noreply\r\n0123456789\r\n";
    for (int split = 1; split < request.length(); split++) {
      EmbeddedChannel ch = new EmbeddedChannel(new MemcacheDecoder());
      ch.writeInbound(bytes(request.substring(0, split)));
      assertThat((Object) ch.readInbound()).isNull();
      ch.writeInbound(bytes(request.substring(split)));
      MemcacheRequest cas = ch.readInbound();
      assertThat(text(cas.content())).isEqualTo(request);
      assertThat(cas.noreply()).isTrue();
      assertThat(taken(cas.withReply(ByteBufAllocator.DEFAULT))).isEqualTo("cas key 0 0 10 42\r\n0123456789\r\n");
      cas.release();
      ch.finishAndReleaseAll();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo\\r\\n | ERROR",
      "\\r\\n | ERROR",
      "GET k\\r\\n | ERROR",
      "get\\r\\n | ERROR",
      "set k 0 0\\r\\n | ERROR",
      "incr k\\r\\n | ERROR",
      "verbosity 1 2 3\\r\\n | ERROR",
      "set k x 0 1\\r\\n | CLIENT_ERROR bad command line format",
      "set k 0 0 -1\\r\\n | CLIENT_ERROR bad command line format",
      "set k 4294967296 0 1\\r\\n | CLIENT_ERROR bad command line format",
      "cas k 0 0 1 x\\r\\n | CLIENT_ERROR bad command line format",
      "set k 0 0 1\\r\\nabc\\r\\n | CLIENT_ERROR bad data chunk"})
  void refused_asMemcachedRefusesIt_andTheConnectionGoesOn(String input, String reply) {
    List<Object> out = decode(input.replace("\\r", "\r").replace("\\n", "\n") + "get k\r\n");
    assertThat(out.get(0)).isEqualTo(new MemcacheError(reply, false));
    assertThat(out.get(out.size() - 1)).isInstanceOf(MemcacheRequest.class);
    out.forEach(MemcacheDecoderTest::release);
  }

  @Test
  void noreply_asTheLastToken_silencesEvenWhereAnArgumentShouldStand() {
    List<Object> out = decode("verbosity noreply\r\nflush_all 0 noreply\r\nincr n noreply\r\nquit now\r\n");
    assertThat(out).hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(((MemcacheRequest) out.get(i)).noreply()).isTrue();
    }
    MemcacheRequest verbosity = (MemcacheRequest) out.get(0);
    assertThat(verbosity.command()).isEqualTo(MemcacheCommand.VERBOSITY);
    assertThat(taken(verbosity.withReply(ByteBufAllocator.DEFAULT))).isEqualTo("verbosity\r\n");
    assertThat(((MemcacheRequest) out.get(3)).command()).isEqualTo(MemcacheCommand.QUIT);
    out.forEach(MemcacheDecoderTest::release);
  }

  @Test
  void badLine_consumesTheLineOnly_soItsDataIsReadAsACommand() {
    List<Object> out = decode("set k 0 x 1\r\nv\r\n");
    assertThat(out).containsExactly(new MemcacheError("CLIENT_ERROR bad command line format", false),
        new MemcacheError("ERROR", false));
  }

  @Test
  void noreply_silencesTheErrorsOfItsOwnLine() {
    List<Object> out = decode("set k 0 x 1 noreply\r\nset k 0 0 1 noreply\r\nxy\r\nget k\r\n");
    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo(new MemcacheError("ERROR", false)); // the first data line, read as a command
    release(out.get(1));
  }

  @Test
  void keyLongerThan250Bytes_isABadLine() {
    String key = "k".repeat(251);
    List<Object> out = decode("get a " + key + "\r\nset " + key + " 0 0 1\r\n");
    assertThat(out).containsExactly(new MemcacheError("CLIENT_ERROR bad command line format", false),
        new MemcacheError("CLIENT_ERROR bad command line format", false));
    List<Object> ok = decode("get " + "k".repeat(250) + "\r\n");
    assertThat(((MemcacheRequest) ok.get(0)).keyLength(0)).isEqualTo(250);
    release(ok.get(0));
  }

  @Test
  void longLine_closesTheConnection_butLongKeyListsAreGets() {
    EmbeddedChannel ch = new EmbeddedChannel(new MemcacheDecoder());
    ch.writeInbound(bytes("set " + "x ".repeat(1100)));
    assertThat((Object) ch.readInbound()).isEqualTo(new MemcacheError("CLIENT_ERROR line too long", true));
    ch.writeInbound(bytes("get k\r\n"));
    assertThat((Object) ch.readInbound()).isNull();
    ch.finishAndReleaseAll();

    StringBuilder keys = new StringBuilder("gets");
    for (int i = 0; i < 2000; i++) {
      keys.append(" key:").append(i);
    }
    List<Object> out = decode(keys + "\r\n");
    assertThat(((MemcacheRequest) out.get(0)).keyCount()).isEqualTo(2000);
    assertThat(key((MemcacheRequest) out.get(0), 1999)).isEqualTo("key:1999");
    release(out.get(0));
  }

  @Test
  void valueOverTheLimit_isTooLarge_andItsDataIsDiscarded() {
    EmbeddedChannel ch = new EmbeddedChannel(new MemcacheDecoder(4096, 8));
    ch.writeInbound(bytes("set k 0 0 9\r\n0123"), bytes("45678\r\nget k\r\n"));
    assertThat((Object) ch.readInbound()).isEqualTo(new MemcacheError("SERVER_ERROR object too large for cache", false));
    MemcacheRequest get = ch.readInbound();
    assertThat(get.command()).isEqualTo(MemcacheCommand.GET);
    get.release();
    ch.finishAndReleaseAll();
  }

  @Test
  void retrievalOf_buildsAGetForSomeKeys() {
    List<Object> out = decode("gets a b c d\r\n");
    MemcacheRequest gets = (MemcacheRequest) out.get(0);
    assertThat(taken(gets.retrievalOf(ByteBufAllocator.DEFAULT, new int[] {3, 1}))).isEqualTo("gets d b\r\n");
    gets.release();
  }

  private static List<Object> decode(String input) {
    EmbeddedChannel ch = new EmbeddedChannel(new MemcacheDecoder());
    ch.writeInbound(bytes(input));
    List<Object> out = new ArrayList<>();
    Object o;
    while ((o = ch.readInbound()) != null) {
      out.add(o);
    }
    ch.finishAndReleaseAll();
    return out;
  }

  private static void release(Object o) {
    if (o instanceof MemcacheRequest r) {
      r.release();
    }
  }

  private static String key(MemcacheRequest request, int i) {
    return request.content().toString(request.keyIndex(i), request.keyLength(i), StandardCharsets.ISO_8859_1);
  }

  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  private static String text(ByteBuf buf) {
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  /** The text of a buffer the caller owns, which is then released. */
  private static String taken(ByteBuf buf) {
    try {
      return text(buf);
    } finally {
      buf.release();
    }
  }
}
