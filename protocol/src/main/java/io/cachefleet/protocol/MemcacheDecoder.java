package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Frames a client's memcached ASCII requests, emitting each as a {@link MemcacheRequest} holding a
 * retained slice of exactly its bytes, and input memcached would refuse as a {@link MemcacheError}
 * with memcached's own words, so that a proxy forwards only requests its server answers with
 * exactly one reply.
 *
 * <h2>What memcached accepts</h2>
 * As memcached 1.6's {@code proto_text.c} reads a command: a line ends at LF, a CR before it
 * dropped; tokens are separated by spaces, several counting as one; the command is its exact
 * lower-case name. A wrong number of tokens or an unknown command is {@code ERROR}. A key longer
 * than 250 bytes, or a storage command whose flags, exptime, length or cas unique is not a
 * number, is {@code CLIENT_ERROR bad command line format}, and the line alone is consumed: the data
 * block that follows is then read as a command, as memcached reads it. The data block must end in
 * CRLF, else {@code CLIENT_ERROR bad data chunk}, its length consumed anyway. A command other than
 * get, gets, version and quit whose last token is {@code noreply} gets no error either, as in
 * memcached. A line longer than {@value #MAX_LINE_LENGTH} bytes, but for get and gets (whose key
 * lists may be long, up to {@code maxRetrievalLine}), is {@code CLIENT_ERROR line too long}, and
 * the connection closes. A value larger than {@code maxValueLength} is
 * {@code SERVER_ERROR object too large for cache} and its data block is discarded, as memcached
 * does past its item size limit.
 *
 * <h2>Design</h2>
 * The reader index stays at the start of the request until the request is complete; the search
 * for the line's LF resumes where it stopped, and a request waiting for its data block is parsed
 * again when more arrives, which costs one pass over a line of at most a few hundred bytes.
 * Token positions go to a scratch array that grows with the longest key list seen.
 */
public final class MemcacheDecoder extends ByteToMessageDecoder {

  /** memcached's {@code KEY_MAX_LENGTH}. */
  public static final int MAX_KEY_LENGTH = 250;
  /** memcached's limit on a command line other than get and gets. */
  public static final int MAX_LINE_LENGTH = 2048;
  /** The default limit on a get or gets line: some 4,000 keys of the longest length. */
  public static final int DEFAULT_MAX_RETRIEVAL_LINE = 1 << 20;
  /** The default limit on a value: memcached's largest item size ({@code -I 1024m}). */
  public static final long DEFAULT_MAX_VALUE_LENGTH = 1L << 30;

  private static final MemcacheError UNKNOWN = new MemcacheError("ERROR", false);
  private static final MemcacheError BAD_FORMAT = new MemcacheError("CLIENT_ERROR bad command line format", false);
  private static final MemcacheError BAD_CHUNK = new MemcacheError("CLIENT_ERROR bad data chunk", false);
  private static final MemcacheError TOO_LARGE = new MemcacheError("SERVER_ERROR object too large for cache", false);
  private static final MemcacheError LINE_TOO_LONG = new MemcacheError("CLIENT_ERROR line too long", true);
  private static final byte[] NOREPLY = {'n', 'o', 'r', 'e', 'p', 'l', 'y'};

  private final int maxRetrievalLine;
  private final long maxValueLength;
  /** How far past the reader index the search for LF has looked. */
  private int searched;
  /** Bytes of a refused data block still to discard. */
  private long swallow;
  /** The connection is closing: all input is discarded. */
  private boolean closing;
  /** Start and end of each token of the current line, in pairs. */
  private int[] tokens = new int[32];

  public MemcacheDecoder() {
    this(DEFAULT_MAX_RETRIEVAL_LINE, DEFAULT_MAX_VALUE_LENGTH);
  }

  public MemcacheDecoder(int maxRetrievalLine, long maxValueLength) {
    this.maxRetrievalLine = Math.max(maxRetrievalLine, MAX_LINE_LENGTH);
    this.maxValueLength = maxValueLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      if (closing) {
        in.skipBytes(in.readableBytes());
        return;
      }
      if (swallow > 0) {
        int n = (int) Math.min(swallow, in.readableBytes());
        in.skipBytes(n);
        swallow -= n;
        continue;
      }
      if (!decodeOne(in, out)) {
        return;
      }
    }
  }

  /** Frames the request at the reader index; false when more input is needed. */
  private boolean decodeOne(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int lf = in.indexOf(start + searched, in.writerIndex(), (byte) '\n');
    if (lf < 0) {
      searched = in.readableBytes();
      if (searched > maxRetrievalLine || (searched > MAX_LINE_LENGTH && !retrieval(in, start))) {
        out.add(LINE_TOO_LONG);
        closing = true;
        in.skipBytes(in.readableBytes());
      }
      return false;
    }
    int lineEnd = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
    int lineLength = lf + 1 - start;
    if (lineLength - 1 > MAX_LINE_LENGTH && !retrieval(in, start)) {
      return refuse(in, lineLength, LINE_TOO_LONG, out);
    }
    int n = tokenize(in, start, lineEnd);
    MemcacheCommand command = n == 0 ? null : MemcacheCommand.lookup(in, tokens[0], tokens[1] - tokens[0]);
    if (command == null || !command.acceptsTokens(n)) {
      return refuse(in, lineLength, UNKNOWN, out);
    }
    // as memcached's set_noreply_maybe: a last token noreply silences the reply, even one that
    // stands where an argument should ("verbosity noreply")
    boolean noreply = command.kind() != MemcacheCommand.Kind.RETRIEVAL && command.kind() != MemcacheCommand.Kind.LOCAL
        && n > 1 && isNoreply(in, n - 1);
    int keyCount = switch (command.kind()) {
      case RETRIEVAL -> n - 1;
      case STORAGE, KEYED -> 1;
      case ALL_SERVERS, LOCAL -> 0;
    };
    for (int k = 1; k <= keyCount; k++) {
      if (tokens[2 * k + 1] - tokens[2 * k] > MAX_KEY_LENGTH) {
        return refuse(in, lineLength, noreply ? null : BAD_FORMAT, out);
      }
    }
    int length = lineLength;
    if (command.kind() == MemcacheCommand.Kind.STORAGE) {
      long value = storageLength(in, command);
      if (value < 0) {
        return refuse(in, lineLength, noreply ? null : BAD_FORMAT, out);
      }
      if (value > maxValueLength) {
        searched = 0;
        in.skipBytes(lineLength);
        swallow = value + 2;
        if (!noreply) {
          out.add(TOO_LARGE);
        }
        return true;
      }
      if (in.writerIndex() - start < lineLength + value + 2) {
        return false; // the data block is not all here yet
      }
      length = (int) (lineLength + value + 2);
      if (in.getShort(start + length - 2) != RespWriter.CRLF) {
        return refuse(in, length, noreply ? null : BAD_CHUNK, out);
      }
    }
    searched = 0;
    int[] keys = new int[2 * keyCount];
    for (int k = 0; k < keyCount; k++) {
      keys[2 * k] = tokens[2 * (k + 1)] - start;
      keys[2 * k + 1] = tokens[2 * (k + 1) + 1] - tokens[2 * (k + 1)];
    }
    int noreplyAt = noreply ? tokens[2 * (n - 2) + 1] - start : -1;
    out.add(new MemcacheRequest(command, in.retainedSlice(start, length), keys, keyCount, noreplyAt, lineEnd - start));
    in.skipBytes(length);
    return true;
  }

  /** Consumes {@code length} bytes and answers {@code error}, or nothing when it is null. */
  private boolean refuse(ByteBuf in, int length, MemcacheError error, List<Object> out) {
    searched = 0;
    in.skipBytes(length);
    if (error != null) {
      out.add(error);
      closing = error.closes();
    }
    return true;
  }

  /** Splits {@code [start, end)} at spaces into {@link #tokens}; returns how many. */
  private int tokenize(ByteBuf in, int start, int end) {
    int n = 0;
    int i = start;
    while (i < end) {
      while (i < end && in.getByte(i) == ' ') {
        i++;
      }
      if (i == end) {
        break;
      }
      int tokenStart = i;
      while (i < end && in.getByte(i) != ' ') {
        i++;
      }
      if (2 * n + 2 > tokens.length) {
        tokens = Arrays.copyOf(tokens, tokens.length * 2);
      }
      tokens[2 * n] = tokenStart;
      tokens[2 * n + 1] = i;
      n++;
    }
    return n;
  }

  private boolean isNoreply(ByteBuf in, int token) {
    int from = tokens[2 * token];
    if (tokens[2 * token + 1] - from != NOREPLY.length) {
      return false;
    }
    for (int i = 0; i < NOREPLY.length; i++) {
      if (in.getByte(from + i) != NOREPLY[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The data block's length of a storage command, or -1 when a number on its line is not one
   * memcached reads: flags an unsigned 32-bit integer, exptime a signed one, the length a
   * non-negative one, cas unique an unsigned 64-bit one.
   */
  private long storageLength(ByteBuf in, MemcacheCommand command) {
    if (unsigned(in, 2, 0xFFFF_FFFFL) < 0 || !signed32(in, 3)
        || (command == MemcacheCommand.CAS && !unsigned64(in, 5))) {
      return -1;
    }
    return unsigned(in, 4, Integer.MAX_VALUE - 2);
  }

  /** Token {@code t} as an unsigned decimal of at most {@code max}, or -1 when it is not one. */
  private long unsigned(ByteBuf in, int t, long max) {
    int from = tokens[2 * t];
    int to = tokens[2 * t + 1];
    if (from == to || to - from > 18) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = in.getByte(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value <= max ? value : -1;
  }

  /** Whether token {@code t} is an unsigned 64-bit decimal. */
  private boolean unsigned64(ByteBuf in, int t) {
    int from = tokens[2 * t];
    int to = tokens[2 * t + 1];
    if (from == to || to - from > 20) {
      return false;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = in.getByte(i) - '0';
      if (d < 0 || d > 9 || Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0) {
        return false;
      }
      long next = value * 10 + d;
      if (Long.compareUnsigned(next, value * 10) < 0) {
        return false;
      }
      value = next;
    }
    return true;
  }

  /** Whether token {@code t} is a signed 32-bit decimal. */
  private boolean signed32(ByteBuf in, int t) {
    int from = tokens[2 * t];
    int to = tokens[2 * t + 1];
    boolean negative = to > from && in.getByte(from) == '-';
    int digits = negative ? from + 1 : from;
    if (digits == to || to - digits > 10) {
      return false;
    }
    long value = 0;
    for (int i = digits; i < to; i++) {
      int d = in.getByte(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      value = value * 10 + d;
    }
    return negative ? -value >= Integer.MIN_VALUE : value <= Integer.MAX_VALUE;
  }

  /** Whether the line at {@code start} begins with {@code get } or {@code gets }. */
  private static boolean retrieval(ByteBuf in, int start) {
    int readable = in.writerIndex() - start;
    return readable >= 4 && in.getByte(start) == 'g' && in.getByte(start + 1) == 'e' && in.getByte(start + 2) == 't'
        && (in.getByte(start + 3) == ' '
        || (readable >= 5 && in.getByte(start + 3) == 's' && in.getByte(start + 4) == ' '));
  }
}
