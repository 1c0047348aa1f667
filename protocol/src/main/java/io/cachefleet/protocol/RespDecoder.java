package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import io.netty.util.internal.PlatformDependent;
import java.util.Arrays;
import java.util.List;

/**
 * Frames client commands exactly as Redis's {@code processMultibulkBuffer} and
 * {@code processInlineBuffer} do, emitting one {@link RespCommand} per command and a
 * {@link RespProtocolError} when the client breaks the protocol.
 *
 * <h2>Design</h2>
 * An explicit state machine over Netty's cumulation buffer. The reader index stays at the start
 * of the frame being parsed while {@code scan} remembers how far parsing got, so bytes that
 * arrive one at a time are never re-parsed; a step returns false when it needs more bytes. Once
 * the last argument is in, the whole frame is taken as one retained slice: nothing is copied and
 * nothing is retained before every check has passed. Argument positions are kept relative to the
 * frame start, so Netty may compact the cumulation between reads.
 *
 * <p>Redis's quirks are kept because clients may depend on them: the byte after a length line's
 * CR and the two bytes after a bulk are skipped unchecked; a line search stops at a NUL byte as
 * Redis's {@code strchr} does, so such a line never ends until it outgrows the inline limit;
 * {@code *0} and negative counts are ignored; before AUTH only multibulk commands are capped.
 *
 * <p>Nothing is ever sized by a number the client sent: the argument array grows with the
 * arguments that actually arrive, and {@link RespLimits} caps counts, lengths and pending bytes.
 * Errors use Redis's words ({@code -ERR Protocol error: invalid bulk length}); after one the
 * decoder drops everything else the client sends.
 */
public final class RespDecoder extends ByteToMessageDecoder {

  private enum State { START, INLINE, MULTIBULK_COUNT, BULK_LENGTH, BULK_DATA, FAILED }

  /** Stops at the CR ending a length line, or at a NUL byte where Redis's {@code strchr} stops. */
  private static final ByteProcessor FIND_CR_OR_NUL = b -> b != '\r' && b != 0;

  /** Stops at the LF ending an inline line, or at a NUL byte where Redis's {@code strchr} stops. */
  private static final ByteProcessor FIND_LF_OR_NUL = b -> b != '\n' && b != 0;

  private final RespLimits limits;
  private boolean authenticated = true;

  private State state = State.START;
  /** Offset from the reader index of the line or bulk being parsed. */
  private int scan;
  /** Offset from the reader index where the search for the current line's end resumes. */
  private int searched;
  private long argsLeft;
  private int bulkLength;
  private int[] spans = new int[16];
  private int argCount;

  public RespDecoder(RespLimits limits) {
    this.limits = limits;
  }

  /**
   * Before AUTH, Redis caps multibulk commands at 10 arguments and bulks at 16 KB; the server
   * tells the decoder when the client has authenticated. Inline commands have no such caps.
   */
  public void setAuthenticated(boolean authenticated) {
    this.authenticated = authenticated;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (state == State.FAILED) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (!decodeOne(ctx, in, out) && state != State.FAILED && in.readableBytes() > limits.maxPendingBytes()) {
      fail(in, out, new RespProtocolError(null));
    }
  }

  /** Advances the state machine; returns true when it consumed a whole command. */
  private boolean decodeOne(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    for (;;) {
      switch (state) {
        case START -> {
          if (!in.isReadable()) {
            return false;
          }
          boolean multibulk = in.getByte(in.readerIndex()) == '*';
          if (multibulk && decodeWhole(in, out)) {
            return true;
          }
          state = multibulk ? State.MULTIBULK_COUNT : State.INLINE;
          scan = 0;
          searched = 0;
        }
        case INLINE -> {
          return decodeInline(ctx, in, out);
        }
        case MULTIBULK_COUNT -> {
          int cr = lineEnd(in, FIND_CR_OR_NUL);
          if (cr < 0) {
            return tooBig(in, out, "too big mbulk count string");
          }
          if (cr + 1 == in.writerIndex()) {
            return false;
          }
          int start = in.readerIndex() + 1;
          long count = RespNumbers.parseLongOrMin(in, start, cr - start);
          if (count == Long.MIN_VALUE || count > Integer.MAX_VALUE || count > limits.maxArguments()) {
            return fail(in, out, RespProtocolError.of("invalid multibulk length"));
          }
          if (count > RespLimits.UNAUTHENTICATED_MAX_ARGUMENTS && !authenticated) {
            return fail(in, out, RespProtocolError.of("unauthenticated multibulk length"));
          }
          if (count <= 0) {
            in.readerIndex(cr + 2);
            reset();
            return true;
          }
          argsLeft = count;
          argCount = 0;
          nextLine(cr + 2 - in.readerIndex());
          state = State.BULK_LENGTH;
        }
        case BULK_LENGTH -> {
          int cr = lineEnd(in, FIND_CR_OR_NUL);
          if (cr < 0) {
            return tooBig(in, out, "too big bulk count string");
          }
          if (cr + 1 == in.writerIndex()) {
            return false;
          }
          int lineStart = in.readerIndex() + scan;
          byte marker = in.getByte(lineStart);
          if (marker != '$') {
            return fail(in, out, RespProtocolError.of("expected '$', got '" + (char) (marker & 0xff) + "'"));
          }
          long length = RespNumbers.parseLongOrMin(in, lineStart + 1, cr - lineStart - 1);
          if (length < 0 || length > limits.maxBulkLength() || length > Integer.MAX_VALUE - 2) {
            return fail(in, out, RespProtocolError.of("invalid bulk length"));
          }
          if (length > RespLimits.UNAUTHENTICATED_MAX_BULK && !authenticated) {
            return fail(in, out, RespProtocolError.of("unauthenticated bulk length"));
          }
          bulkLength = (int) length;
          scan = cr + 2 - in.readerIndex();
          state = State.BULK_DATA;
        }
        case BULK_DATA -> {
          if ((long) in.readableBytes() < (long) scan + bulkLength + 2) {
            return false;
          }
          addSpan(scan, bulkLength);
          nextLine(scan + bulkLength + 2);
          if (--argsLeft == 0) {
            RespCommand cmd = new RespCommand(in.readRetainedSlice(scan), Arrays.copyOf(spans, 2 * argCount), false);
            reset();
            out.add(cmd);
            return true;
          }
          state = State.BULK_LENGTH;
        }
        default -> {
          return false;
        }
      }
    }
  }

  /**
   * The common case in one pass: a multibulk command that has arrived whole, whose count and
   * lengths are plain positive numbers within every limit. Anything else (a partial command, an
   * empty bulk, a line the state machine would reject) returns false having changed nothing, and
   * the state machine takes the command from its first byte. Reads go straight to the buffer's
   * memory when it has an address: through the buffer, each byte costs several indirections.
   */
  private boolean decodeWhole(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int end = in.writerIndex();
    long address = in.hasMemoryAddress() ? in.memoryAddress() : 0;
    long line = positive(in, address, start + 1, end);
    if (line < 0) {
      return false;
    }
    int count = (int) (line >>> 32);
    if (count > limits.maxArguments() || (count > RespLimits.UNAUTHENTICATED_MAX_ARGUMENTS && !authenticated)) {
      return false;
    }
    int next = (int) line + 2;
    for (int arg = 0; arg < count; arg++) {
      if (next >= end || byteAt(in, address, next) != '$') {
        argCount = 0;
        return false;
      }
      line = positive(in, address, next + 1, end);
      int length = (int) (line >>> 32);
      int data = (int) line + 2;
      if (line < 0 || length > limits.maxBulkLength() || (length > RespLimits.UNAUTHENTICATED_MAX_BULK && !authenticated)
          || (long) data + length + 2 > end) {
        argCount = 0;
        return false;
      }
      addSpan(data - start, length);
      next = data + length + 2;
    }
    out.add(new RespCommand(in.readRetainedSlice(next - start), Arrays.copyOf(spans, 2 * argCount), false));
    reset();
    return true;
  }

  /**
   * A decimal number from {@code i} to a CR that has a byte after it, without sign or leading
   * zero and of at most 9 digits: the value in the high half, the CR's index in the low half;
   * -1 for anything else.
   */
  private static long positive(ByteBuf in, long address, int i, int end) {
    int value = 0;
    int j = i;
    for (;; j++) {
      if (j >= end || j - i > 9) {
        return -1;
      }
      byte b = byteAt(in, address, j);
      if (b == '\r') {
        break;
      }
      if (b < '0' || b > '9' || (b == '0' && j == i)) {
        return -1;
      }
      value = value * 10 + b - '0';
    }
    return j == i || j + 1 >= end ? -1 : (long) value << 32 | j;
  }

  private static byte byteAt(ByteBuf in, long address, int index) {
    return address != 0 ? PlatformDependent.getByte(address + index) : in.getByte(index);
  }

  /**
   * Returns the absolute index of the byte ending the line that starts at {@code scan}, or -1
   * when it has not arrived. Like Redis's {@code strchr} over its query buffer, the search stops
   * at a NUL byte: such a line never ends, and only the length limit ends the wait. The search
   * resumes where it stopped, so a line that arrives a byte at a time is scanned once.
   */
  private int lineEnd(ByteBuf in, ByteProcessor finder) {
    int from = in.readerIndex() + searched;
    int found = in.forEachByte(from, in.writerIndex() - from, finder);
    if (found < 0) {
      searched = in.readableBytes();
      return -1;
    }
    searched = found - in.readerIndex();
    return in.getByte(found) == 0 ? -1 : found;
  }

  /** Fails when the unfinished line from {@code scan} is longer than Redis's inline limit. */
  private boolean tooBig(ByteBuf in, List<Object> out, String reason) {
    if (in.readableBytes() - scan > limits.maxInlineLength()) {
      return fail(in, out, RespProtocolError.of(reason));
    }
    return false;
  }

  private boolean decodeInline(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int nl = lineEnd(in, FIND_LF_OR_NUL);
    if (nl < 0) {
      return tooBig(in, out, "too big inline request");
    }
    int start = in.readerIndex();
    int end = nl > start && in.getByte(nl - 1) == '\r' ? nl - 1 : nl;
    InlineSplitter splitter = new InlineSplitter(in, start, end);
    if (!splitter.split()) {
      return fail(in, out, RespProtocolError.of("unbalanced quotes in request"));
    }
    in.readerIndex(nl + 1);
    reset();
    if (splitter.argc() == 0) {
      return true;
    }
    if (splitter.argc() > limits.maxArguments()) {
      return fail(in, out, RespProtocolError.of("invalid multibulk length"));
    }
    out.add(splitter.toCommand(ctx.alloc()));
    return true;
  }

  private void nextLine(int offset) {
    scan = offset;
    searched = offset;
  }

  private void addSpan(int offset, int length) {
    if (2 * argCount == spans.length) {
      spans = Arrays.copyOf(spans, spans.length * 2);
    }
    spans[2 * argCount] = offset;
    spans[2 * argCount + 1] = length;
    argCount++;
  }

  private boolean fail(ByteBuf in, List<Object> out, RespProtocolError error) {
    state = State.FAILED;
    in.skipBytes(in.readableBytes());
    out.add(error);
    return false;
  }

  private void reset() {
    state = State.START;
    scan = 0;
    searched = 0;
    argCount = 0;
    if (spans.length > 256) {
      spans = new int[16];
    }
  }
}
