package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A {@link RespReplyDecoder} in an {@link EmbeddedChannel}, fed whole, a byte at a time or cut at
 * random points, that accounts for every buffer as {@link DecoderChannel} does: once the channel
 * is finished and every emitted reply released, each fed buffer and each reply must be at
 * reference count zero.
 */
final class ReplyChannel implements AutoCloseable {

  private final EmbeddedChannel channel;
  private final ByteBufAllocator alloc;
  private final List<ByteBuf> fed = new ArrayList<>();
  private final List<ByteBuf> emitted = new ArrayList<>();

  ReplyChannel() {
    this(RespReplyDecoder.Limits.DEFAULTS);
  }

  ReplyChannel(RespReplyDecoder.Limits limits) {
    this(limits, UnpooledByteBufAllocator.DEFAULT);
  }

  ReplyChannel(RespReplyDecoder.Limits limits, ByteBufAllocator alloc) {
    this.alloc = alloc;
    this.channel = new EmbeddedChannel();
    channel.config().setAllocator(alloc);
    channel.pipeline().addLast(new RespReplyDecoder(limits));
  }

  ReplyChannel write(String latin1) {
    return write(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  ReplyChannel write(byte[] bytes) {
    return write(bytes, 0, bytes.length);
  }

  ReplyChannel write(byte[] bytes, int from, int to) {
    ByteBuf buf = alloc.buffer(to - from).writeBytes(bytes, from, to - from);
    fed.add(buf);
    channel.writeInbound(buf);
    return this;
  }

  ReplyChannel writeBytewise(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      write(bytes, i, i + 1);
    }
    return this;
  }

  /** Writes {@code bytes} in pieces cut at random points, most small, some large. */
  ReplyChannel writeRandomSplits(byte[] bytes, Random random) {
    int pos = 0;
    while (pos < bytes.length) {
      int max = random.nextInt(4) == 0 ? 4096 : 16;
      int end = Math.min(bytes.length, pos + 1 + random.nextInt(max));
      write(bytes, pos, end);
      pos = end;
    }
    return this;
  }

  /**
   * Takes every message emitted so far: a reply becomes its bytes mapped one to one onto
   * ISO-8859-1 characters and is released at once; a protocol error stays a
   * {@link RespProtocolError}.
   */
  List<Object> read() {
    List<Object> out = new ArrayList<>();
    for (Object msg; (msg = channel.readInbound()) != null; ) {
      if (msg instanceof ByteBuf reply) {
        emitted.add(reply);
        out.add(reply.toString(StandardCharsets.ISO_8859_1));
        reply.release();
      } else {
        out.add(msg);
      }
    }
    return out;
  }

  /** Takes the next reply, which the caller releases; null when none was emitted. */
  ByteBuf readReply() {
    ByteBuf reply = channel.readInbound();
    if (reply != null) {
      emitted.add(reply);
    }
    return reply;
  }

  /** Finishes the channel; true when it held unread messages. */
  boolean finishQuietly() {
    return channel.finish();
  }

  /** Finishes the channel, which must hold no unread message, and checks every buffer is freed. */
  @Override
  public void close() {
    assertThat(channel.finish()).as("messages left unread in the channel").isFalse();
    for (int i = 0; i < emitted.size(); i++) {
      assertThat(emitted.get(i).refCnt()).as("reference count of reply %d", i).isZero();
    }
    for (ByteBuf buf : fed) {
      assertThat(buf.refCnt()).as("reference count of an input buffer").isZero();
    }
  }
}
