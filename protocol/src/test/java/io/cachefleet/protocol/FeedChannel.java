package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCounted;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A decoder in an {@link EmbeddedChannel} that feeds bytes whole, a byte at a time or cut at
 * random points, and accounts for every buffer.
 *
 * <p>Input buffers come from a leak-aware unpooled allocator, whose slices share their parent's
 * reference count: once the channel is finished and every emitted message released, each fed
 * buffer and each message must be at reference count zero, so a retain too many or a release
 * missing fails {@link #close()} deterministically, without waiting for the garbage collector.
 *
 * @param <S> the concrete channel, returned by the write methods for chaining
 * @param <M> the reference-counted messages the decoder emits
 */
abstract class FeedChannel<S extends FeedChannel<S, M>, M extends ReferenceCounted> implements AutoCloseable {

  private final EmbeddedChannel channel;
  private final ByteBufAllocator alloc;
  private final Class<M> messageType;
  private final List<ByteBuf> fed = new ArrayList<>();
  private final List<M> emitted = new ArrayList<>();

  FeedChannel(ChannelHandler decoder, ByteBufAllocator alloc, Class<M> messageType) {
    this.alloc = alloc;
    this.messageType = messageType;
    this.channel = new EmbeddedChannel();
    channel.config().setAllocator(alloc);
    channel.pipeline().addLast(decoder);
  }

  /** What {@link #read()} reports for a message, taken before the message is released. */
  abstract Object view(M message);

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  S write(String latin1) {
    return write(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  S write(byte[] bytes) {
    return write(bytes, 0, bytes.length);
  }

  S write(byte[] bytes, int from, int to) {
    ByteBuf buf = alloc.buffer(to - from).writeBytes(bytes, from, to - from);
    fed.add(buf);
    channel.writeInbound(buf);
    return self();
  }

  S writeBytewise(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      write(bytes, i, i + 1);
    }
    return self();
  }

  /** Writes {@code bytes} in pieces cut at random points, most small, some large. */
  S writeRandomSplits(byte[] bytes, Random random) {
    int pos = 0;
    while (pos < bytes.length) {
      int max = random.nextInt(4) == 0 ? 4096 : 16;
      int end = Math.min(bytes.length, pos + 1 + random.nextInt(max));
      write(bytes, pos, end);
      pos = end;
    }
    return self();
  }

  /**
   * Takes every message emitted so far: a decoded message becomes its {@link #view} and is
   * released at once; a protocol error stays a {@link RespProtocolError}.
   */
  List<Object> read() {
    List<Object> out = new ArrayList<>();
    for (Object msg; (msg = channel.readInbound()) != null; ) {
      if (messageType.isInstance(msg)) {
        M m = messageType.cast(msg);
        emitted.add(m);
        out.add(view(m));
        m.release();
      } else {
        out.add(msg);
      }
    }
    return out;
  }

  /** Takes the next message, which the caller releases; null when none was emitted. */
  M readMessage() {
    Object msg = channel.readInbound();
    if (msg == null) {
      return null;
    }
    M m = messageType.cast(msg);
    emitted.add(m);
    return m;
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
      assertThat(emitted.get(i).refCnt()).as("reference count of message %d", i).isZero();
    }
    for (ByteBuf buf : fed) {
      assertThat(buf.refCnt()).as("reference count of an input buffer").isZero();
    }
  }
}
