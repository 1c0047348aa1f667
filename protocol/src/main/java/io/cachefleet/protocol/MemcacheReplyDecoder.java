package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * Frames a memcached server's ASCII replies, emitting each complete reply as one {@link ByteBuf}, a
 * retained slice of the input holding exactly its bytes: either one line ({@code STORED},
 * {@code NOT_FOUND}, a number, {@code SERVER_ERROR ...}), or the answer to a get, its
 * {@code VALUE <key> <flags> <bytes> [<cas>]} lines each followed by its data block, then
 * {@code END}, or the answer to stats, its {@code STAT <name> <value>} lines, then {@code END}. A reply that breaks this shape, or a line or value past the limits, throws a
 * {@link DecoderException}, after which all input is discarded: the connection's handler closes
 * it.
 *
 * <p>Like {@link RespReplyDecoder}, the reader index stays at the reply's start until it is
 * complete, and {@code scan} remembers where the next of its VALUE blocks starts, so a long get
 * reply arriving in pieces is walked once. {@link MemcacheReplies} reads the blocks of a framed
 * reply.
 */
public final class MemcacheReplyDecoder extends ByteToMessageDecoder {

  /** Longest reply line: far past what memcached writes (a VALUE line with a 250-byte key). */
  static final int MAX_LINE_LENGTH = 8 * 1024;

  private final long maxValueLength;
  /** Where the current reply's next line starts, relative to the reader index. */
  private int scan;
  private boolean failed;

  public MemcacheReplyDecoder() {
    this(MemcacheDecoder.DEFAULT_MAX_VALUE_LENGTH);
  }

  public MemcacheReplyDecoder(long maxValueLength) {
    this.maxValueLength = maxValueLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      frame(in, out);
    } catch (DecoderException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  private void frame(ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int start = in.readerIndex();
      int at = start + scan;
      while (true) {
        int lf = in.indexOf(at, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
          if (in.writerIndex() - at > MAX_LINE_LENGTH) {
            throw new DecoderException("memcached reply line longer than " + MAX_LINE_LENGTH + " bytes");
          }
          scan = at - start;
          return;
        }
        if (MemcacheReplies.startsWith(in, at, lf, MemcacheReplies.VALUE)) {
          long length = MemcacheReplies.valueLength(in, at, lf);
          if (length < 0 || length > maxValueLength) {
            throw new DecoderException("malformed memcached VALUE line: " + MemcacheReplies.line(in, at, lf));
          }
          long end = lf + 1 + length + 2;
          if (end > in.writerIndex()) {
            scan = at - start;
            return; // the data block is not all here yet
          }
          if (in.getShort((int) end - 2) != RespWriter.CRLF) {
            throw new DecoderException("memcached value not ended by CRLF");
          }
          at = (int) end;
          continue;
        }
        if (MemcacheReplies.startsWith(in, at, lf, MemcacheReplies.STAT)) {
          at = lf + 1; // a line of a stats reply, which END ends too
          continue;
        }
        if (at != start && !MemcacheReplies.isEnd(in, at, lf)) {
          throw new DecoderException("memcached get or stats reply ended by '" + MemcacheReplies.line(in, at, lf)
            + "', not END");
        }
        out.add(in.retainedSlice(start, lf + 1 - start));
        in.readerIndex(lf + 1);
        scan = 0;
        break;
      }
    }
  }
}
