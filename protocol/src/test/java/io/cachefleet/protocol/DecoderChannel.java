package io.cachefleet.protocol;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link RespDecoder} fed as {@link FeedChannel} feeds; a command reads as its arguments. */
final class DecoderChannel extends FeedChannel<DecoderChannel, RespCommand> {

  private final RespDecoder decoder;

  DecoderChannel() {
    this(RespLimits.REDIS_DEFAULTS);
  }

  DecoderChannel(RespLimits limits) {
    this(limits, UnpooledByteBufAllocator.DEFAULT);
  }

  DecoderChannel(RespLimits limits, ByteBufAllocator alloc) {
    this(new RespDecoder(limits), alloc);
  }

  private DecoderChannel(RespDecoder decoder, ByteBufAllocator alloc) {
    super(decoder, alloc, RespCommand.class);
    this.decoder = decoder;
  }

  RespDecoder decoder() {
    return decoder;
  }

  /** A command as the list of its arguments, bytes mapped one to one onto ISO-8859-1 characters. */
  @Override
  Object view(RespCommand cmd) {
    return args(cmd);
  }

  /** Takes the next command, which the caller releases; null when none was emitted. */
  RespCommand readCommand() {
    return readMessage();
  }

  static List<String> args(RespCommand cmd) {
    List<String> args = new ArrayList<>(cmd.argc());
    for (int i = 0; i < cmd.argc(); i++) {
      args.add(new String(cmd.argBytes(i), StandardCharsets.ISO_8859_1));
    }
    return args;
  }
}
