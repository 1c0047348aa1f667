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
 * A {@link RespDecoder} in an {@link EmbeddedChannel} that feeds bytes whole, a byte at a time or
 * cut at random points, and accounts for every buffer.
 *
 * <p>Input buffers come from a leak-aware unpooled allocator, whose slices share their parent's
 * reference count: once the channel is finished and every emitted command released, each fed
 * buffer and each command must be at reference count zero, so a retain too many or a release
 * missing fails {@link #close()} deterministically, without waiting for the garbage collector.
 */
final class DecoderChannel implements AutoCloseable {

  private final EmbeddedChannel channel;
  private final RespDecoder decoder;
  private final ByteBufAllocator alloc;
  private final List<ByteBuf> fed = new ArrayList<>();
  private final List<RespCommand> emitted = new ArrayList<>();

  DecoderChannel() {
    this(RespLimits.REDIS_DEFAULTS);
  }

  DecoderChannel(RespLimits limits) {
    this(limits, UnpooledByteBufAllocator.DEFAULT);
  }

  DecoderChannel(RespLimits limits, ByteBufAllocator alloc) {
    this.decoder = new RespDecoder(limits);
    this.alloc = alloc;
    this.channel = new EmbeddedChannel();
    channel.config().setAllocator(alloc);
    channel.pipeline().addLast(decoder);
  }

  RespDecoder decoder() {
    return decoder;
  }

  DecoderChannel write(String ascii) {
    return write(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  DecoderChannel write(byte[] bytes) {
    return write(bytes, 0, bytes.length);
  }

  DecoderChannel write(byte[] bytes, int from, int to) {
    ByteBuf buf = alloc.buffer(to - from).writeBytes(bytes, from, to - from);
    fed.add(buf);
    channel.writeInbound(buf);
    return this;
  }

  DecoderChannel writeBytewise(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      write(bytes, i, i + 1);
    }
    return this;
  }

  /** Writes {@code bytes} in pieces cut at random points, most small, some large. */
  DecoderChannel writeRandomSplits(byte[] bytes, Random random) {
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
   * Takes every message the decoder emitted so far: a command becomes the list of its arguments
   * (bytes mapped one to one onto ISO-8859-1 characters) and is released at once; a protocol
   * error stays a {@link RespProtocolError}.
   */
  List<Object> read() {
    List<Object> out = new ArrayList<>();
    for (Object msg; (msg = channel.readInbound()) != null; ) {
      if (msg instanceof RespCommand cmd) {
        emitted.add(cmd);
        out.add(args(cmd));
        cmd.release();
      } else {
        out.add(msg);
      }
    }
    return out;
  }

  /** Takes the next command, which the caller releases; null when none was emitted. */
  RespCommand readCommand() {
    RespCommand cmd = channel.readInbound();
    if (cmd != null) {
      emitted.add(cmd);
    }
    return cmd;
  }

  static List<String> args(RespCommand cmd) {
    List<String> args = new ArrayList<>(cmd.argc());
    for (int i = 0; i < cmd.argc(); i++) {
      args.add(new String(cmd.argBytes(i), StandardCharsets.ISO_8859_1));
    }
    return args;
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
      assertThat(emitted.get(i).refCnt()).as("reference count of command %d", i).isZero();
    }
    for (ByteBuf buf : fed) {
      assertThat(buf.refCnt()).as("reference count of an input buffer").isZero();
    }
  }
}
