package io.cachefleet.proxy.fanout;

import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import io.cachefleet.proxy.backend.BackendConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes a new command built from pieces of a client's frame: a fresh array header, then the
 * client's own argument bytes as retained slices. Nothing is re-encoded or copied; consecutive
 * arguments go out as one slice.
 */
final class Frames {

  private Frames() {}

  /** Index in the frame of the {@code $} starting argument {@code i}'s encoding. */
  static int encodingStart(RespCommand cmd, int i) {
    // the decoder accepts only canonical lengths, so the header is exactly '$', the digits, CRLF
    return cmd.argIndex(i) - 3 - RespWriter.decimalLength(cmd.argLength(i));
  }

  /** Index in the frame just after argument {@code i}'s encoding, its trailing two bytes included. */
  static int encodingEnd(RespCommand cmd, int i) {
    return cmd.argIndex(i) + cmd.argLength(i) + 2;
  }

  /** Writes the array header of a command of {@code argc} arguments. */
  static void header(BackendConnection conn, ByteBufAllocator alloc, int argc) {
    ByteBuf header = alloc.buffer(16);
    RespWriter.arrayHeader(header, argc);
    conn.write(header);
  }

  /** Writes arguments {@code from..to} (inclusive) of {@code cmd} as they arrived. */
  static void args(BackendConnection conn, RespCommand cmd, int from, int to) {
    int start = encodingStart(cmd, from);
    conn.write(cmd.content().retainedSlice(start, encodingEnd(cmd, to) - start));
  }
}
