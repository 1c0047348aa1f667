package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.List;

/**
 * Frames a Redis server's replies, RESP2 and RESP3, emitting each complete top-level reply as one
 * {@link ByteBuf}: a retained slice of the input holding exactly that reply's bytes, which the
 * receiver forwards or releases once. A push ({@code >}) is a top-level reply of its own; an
 * attribute ({@code |}) belongs to the reply whose value follows it. When the server breaks the
 * protocol the decoder emits one {@link RespProtocolError}, after the replies before it, and then
 * discards all input: the handler closes the connection.
 *
 * <h2>Design</h2>
 * An explicit state machine over Netty's cumulation buffer, like {@link RespDecoder}. The reader
 * index stays at the start of the top-level reply until it is complete, while {@code scan}
 * remembers how far parsing got and {@code searched} where the search for a line's CR resumes,
 * so however the reply is split each byte is searched once, and a bulk payload is not read at
 * all: the decoder waits until the cumulation holds it and checks the CRLF after it. Offsets
 * are relative to the reader index, so Netty may compact the cumulation between reads.
 *
 * <p>Open aggregates are a stack of remaining-element counts, preallocated at the depth limit.
 * An element's end pops every aggregate it completes; the reply is complete when the stack is
 * empty. An attribute {@code |n} counts as an aggregate of 2n+1 elements (its pairs and then the
 * value it annotates), so it frames as one element of its parent, or as part of the top-level
 * reply. Only then is the reply sliced and retained, after every check has passed.
 *
 * <p>The decoder checks structure (type bytes, lengths, counts, CRLFs), not what a line says: an
 * integer's digits are read by whoever needs them ({@link RespReplies#integer(ByteBuf)}). Lengths
 * and counts must be written as Redis writes them (digits, no sign, no leading zero); -1 is
 * accepted only in RESP2's nulls {@code $-1} and {@code *-1}, RESP3's null being {@code _}.
 * Streamed strings and aggregates ({@code $?}, {@code *?}), which Redis never sends, are refused.
 * Nothing is sized by a number the server sent; {@link Limits} caps bulks, lines and nesting.
 *
 * <p>References: the RESP3 specification
 * (github.com/redis/redis-specifications, {@code protocol/RESP3.md}); Redis's reply writers in
 * {@code networking.c}; hiredis's {@code read.c}, whose {@code processItem} frames replies with a
 * stack of the same kind.
 */
public final class RespReplyDecoder extends ByteToMessageDecoder {

  /**
   * What the decoder accepts from a server.
   *
   * @param maxBulkLength largest payload of a bulk string, verbatim string or blob error
   * @param maxDepth most aggregates a value may be nested in, its own included
   * @param maxLineLength longest line, its type byte included and its CRLF excluded: simple
   *     strings, errors, numbers, and the length lines of bulks and aggregates
   */
  public record Limits(long maxBulkLength, int maxDepth, int maxLineLength) {

    /** Redis's default {@code proto-max-bulk-len}: no Redis string is longer. */
    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;

    /**
     * Over five times the deepest reply Redis builds itself, {@code COMMAND DOCS} at 12 levels in
     * 7.0.15. A script can return deeper tables, up to Lua's C stack limit (about 8,000 levels,
     * verified with {@code EVAL}), and such a reply fails the connection; a client allowed to run
     * scripts can already stall the server for everyone, so this gives it no new power, while
     * the stack it bounds stays 256 bytes per backend connection.
     */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /**
     * Redis's {@code PROTO_INLINE_MAX_SIZE}, the longest line it accepts from a client. Redis
     * builds status and error lines under 1 KB; only a script's {@code status_reply} or
     * {@code error_reply} can be longer (a 70,000-byte one was verified on 7.0.15) and fails the
     * connection. The limit bounds how much a peer that is not Redis makes the decoder buffer
     * and search before it notices.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    /** Highest depth limit accepted: the stack is allocated at the limit, 4 bytes a level. */
    public static final int MAX_DEPTH = 1 << 16;

    /** The defaults above. */
    public static final Limits DEFAULTS =
        new Limits(DEFAULT_MAX_BULK_LENGTH, DEFAULT_MAX_DEPTH, DEFAULT_MAX_LINE_LENGTH);

    public Limits {
      if (maxBulkLength < 0) {
        throw new IllegalArgumentException("maxBulkLength must not be negative: " + maxBulkLength);
      }
      if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
        throw new IllegalArgumentException("maxDepth must be in [1, " + MAX_DEPTH + "]: " + maxDepth);
      }
      if (maxLineLength < 3) {
        throw new IllegalArgumentException("maxLineLength must be at least 3: " + maxLineLength);
      }
    }
  }

  private enum State { LINE, BULK, FAILED }

  private final Limits limits;
  /** Elements still to come in each open aggregate, the innermost at {@code depth - 1}. */
  private final int[] remaining;
  private int depth;

  private State state = State.LINE;
  /** Offset from the reader index of the line, or in state BULK the payload, being parsed. */
  private int scan;
  /** Offset from the reader index where the search for the current line's CR resumes. */
  private int searched;
  private int bulkLength;

  public RespReplyDecoder() {
    this(Limits.DEFAULTS);
  }

  public RespReplyDecoder(Limits limits) {
    this.limits = limits;
    this.remaining = new int[limits.maxDepth()];
  }

  /** Advances the state machine until it needs more bytes, has emitted a reply, or fails. */
  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    boolean more = true;
    while (more) {
      more = switch (state) {
        case LINE -> line(in, out);
        case BULK -> bulk(in, out);
        case FAILED -> {
          in.skipBytes(in.readableBytes());
          yield false;
        }
      };
    }
  }

  /** Parses the line at {@code scan}; true when the state machine may go on. */
  private boolean line(ByteBuf in, List<Object> out) {
    int cr = lineEnd(in, out);
    if (cr < 0) {
      return false;
    }
    int start = in.readerIndex() + scan;
    byte type = in.getByte(start);
    int next = cr + 2 - in.readerIndex();
    switch (RespReplies.kind(type)) {
      case RespReplies.LINE -> {
        return element(in, out, next);
      }
      case RespReplies.BULK -> {
        return bulkHeader(in, out, type, start, cr, next);
      }
      case RespReplies.AGGREGATE -> {
        return aggregateHeader(in, out, type, start, cr, next);
      }
      default -> {
        return fail(in, out, "unknown reply type " + RespReplies.describe(type));
      }
    }
  }

  /**
   * Returns the absolute index of the CR ending the line at {@code scan} once its LF has arrived,
   * else -1, having failed when the line breaks a rule. The search resumes where it stopped and
   * never looks further than the longest line allowed.
   */
  private int lineEnd(ByteBuf in, List<Object> out) {
    int reader = in.readerIndex();
    long last = (long) reader + scan + limits.maxLineLength();
    int from = reader + searched;
    int to = (int) Math.min(in.writerIndex(), last + 1);
    int cr = from < to ? in.forEachByte(from, to - from, ByteProcessor.FIND_CR) : -1;
    if (cr < 0) {
      searched = to - reader;
      if (to > last) {
        fail(in, out, "reply line longer than " + limits.maxLineLength() + " bytes");
      }
      return -1;
    }
    searched = cr - reader;
    if (cr + 1 == in.writerIndex()) {
      return -1;
    }
    if (in.getByte(cr + 1) != '\n') {
      fail(in, out, "expected LF after CR");
      return -1;
    }
    return cr;
  }

  private boolean bulkHeader(ByteBuf in, List<Object> out, byte type, int start, int cr, int next) {
    if (isStreamed(in, start, cr)) {
      return fail(in, out, "streamed replies are not supported");
    }
    long length = RespReplies.length(in, start, cr);
    if (RespReplies.isNull(type, length)) {
      return element(in, out, next);
    }
    if (length < 0 || length > limits.maxBulkLength()) {
      return fail(in, out, "invalid bulk length");
    }
    if (next + length + 2 > Integer.MAX_VALUE) {
      return fail(in, out, "reply too large for one buffer");
    }
    bulkLength = (int) length;
    scan = next;
    state = State.BULK;
    return true;
  }

  private boolean aggregateHeader(ByteBuf in, List<Object> out, byte type, int start, int cr, int next) {
    if (isStreamed(in, start, cr)) {
      return fail(in, out, "streamed replies are not supported");
    }
    long count = RespReplies.length(in, start, cr);
    if (RespReplies.isNull(type, count)) {
      return element(in, out, next);
    }
    long children = RespReplies.children(type, count);
    if (count < 0 || children > Integer.MAX_VALUE) {
      return fail(in, out, "invalid multibulk length");
    }
    if (depth == remaining.length) {
      return fail(in, out, "reply nested deeper than " + remaining.length);
    }
    if (children == 0) {
      return element(in, out, next);
    }
    remaining[depth++] = (int) children;
    scan = next;
    searched = next;
    return true;
  }

  private static boolean isStreamed(ByteBuf in, int start, int cr) {
    return cr == start + 2 && in.getByte(start + 1) == '?';
  }

  /** Waits for the bulk payload at {@code scan} and the CRLF after it, without reading the payload. */
  private boolean bulk(ByteBuf in, List<Object> out) {
    int end = scan + bulkLength;
    if (in.readableBytes() < end + 2) {
      return false;
    }
    if (in.getShort(in.readerIndex() + end) != RespWriter.CRLF) {
      return fail(in, out, "bulk not terminated by CRLF");
    }
    return element(in, out, end + 2);
  }

  /**
   * Ends an element just before offset {@code next}, closing every aggregate it completes; when
   * it completes the top-level reply, emits the reply and returns false.
   */
  private boolean element(ByteBuf in, List<Object> out, int next) {
    state = State.LINE;
    scan = next;
    searched = next;
    while (depth > 0) {
      if (--remaining[depth - 1] > 0) {
        return true;
      }
      depth--;
    }
    out.add(in.readRetainedSlice(next));
    scan = 0;
    searched = 0;
    return false;
  }

  private boolean fail(ByteBuf in, List<Object> out, String reason) {
    state = State.FAILED;
    in.skipBytes(in.readableBytes());
    out.add(RespProtocolError.of(reason));
    return false;
  }
}
