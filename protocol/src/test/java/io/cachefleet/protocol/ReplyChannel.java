package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** A {@link RespReplyDecoder} fed as {@link FeedChannel} feeds; a reply reads as its bytes. */
final class ReplyChannel extends FeedChannel<ReplyChannel, ByteBuf> {

  ReplyChannel() {
    this(RespReplyDecoder.Limits.DEFAULTS);
  }

  ReplyChannel(RespReplyDecoder.Limits limits) {
    this(limits, UnpooledByteBufAllocator.DEFAULT);
  }

  ReplyChannel(RespReplyDecoder.Limits limits, ByteBufAllocator alloc) {
    super(new RespReplyDecoder(limits), alloc, ByteBuf.class);
  }

  /** A reply as its bytes mapped one to one onto ISO-8859-1 characters. */
  @Override
  Object view(ByteBuf reply) {
    return reply.toString(StandardCharsets.ISO_8859_1);
  }

  /** Takes the next reply, which the caller releases; null when none was emitted. */
  ByteBuf readReply() {
    return readMessage();
  }
}
