package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Replies the proxy makes itself, each in a new buffer from the client's allocator. */
public final class Replies {

  private Replies() {}

  public static ByteBuf error(ByteBufAllocator alloc, String message) {
    ByteBuf out = alloc.buffer(message.length() + 3);
    RespWriter.error(out, message);
    return out;
  }

  public static ByteBuf ok(ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer(5);
    RespWriter.ok(out);
    return out;
  }

  public static ByteBuf integer(ByteBufAllocator alloc, long value) {
    ByteBuf out = alloc.buffer(24);
    RespWriter.integer(out, value);
    return out;
  }
}
