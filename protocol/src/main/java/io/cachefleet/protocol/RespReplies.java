package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * Reads one server reply, as {@link RespReplyDecoder} frames it, without allocating: its type, its
 * integer, and the byte ranges of its elements.
 *
 * <p>Indexes are absolute positions in the reply's buffer. To walk the elements of an array
 * reply, start at {@link #firstElement(ByteBuf)} and step with {@link #end(ByteBuf, int)}:
 * <pre>{@code
 * int length = RespReplies.arrayLength(reply);
 * int at = RespReplies.firstElement(reply);
 * for (int i = 0; i < length; i++) {
 *   int next = RespReplies.end(reply, at);   // element i is reply[at, next)
 *   at = next;
 * }
 * }</pre>
 *
 * <p>An attribute ({@code |}) in front of a value is metadata about it, so the accessors look
 * past it at the value; {@link #end(ByteBuf, int)} counts it as part of the value it annotates.
 * The methods expect a reply the decoder framed, but a malformed one makes them throw
 * {@link IllegalArgumentException}; they never read at or past the writer index, and walking
 * ends, since every step consumes at least one line.
 */
public final class RespReplies {

  /** Kind of a type byte: not a RESP type. */
  static final byte UNKNOWN = 0;
  /** Kind of a type byte: the value is the rest of the line ({@code + - : _ , # (}). */
  static final byte LINE = 1;
  /** Kind of a type byte: the line holds the length of the payload that follows ({@code $ = !}). */
  static final byte BULK = 2;
  /** Kind of a type byte: the line holds a count of the elements that follow ({@code * ~ > % |}). */
  static final byte AGGREGATE = 3;

  /** Each type byte's kind, indexed by the unsigned byte. */
  private static final byte[] KINDS = new byte[256];

  static {
    register("+-:_,#(", LINE);
    register("$=!", BULK);
    register("*~>%|", AGGREGATE);
  }

  private RespReplies() {}

  private static void register(String types, byte kind) {
    for (int i = 0; i < types.length(); i++) {
      if (KINDS[types.charAt(i)] != UNKNOWN) {
        throw new IllegalStateException("type byte registered twice: " + types.charAt(i));
      }
      KINDS[types.charAt(i)] = kind;
    }
  }

  static byte kind(byte type) {
    return KINDS[type & 0xff];
  }

  /**
   * Elements that follow an aggregate's line: a map's {@code %n} is followed by n keys and n
   * values, an attribute's {@code |n} by n keys and n values and then the value it annotates.
   */
  static long children(byte type, long count) {
    return switch (type) {
      case '%' -> 2 * count;
      case '|' -> 2 * count + 1;
      default -> count;
    };
  }

  /** True for RESP2's null bulk string {@code $-1} and null array {@code *-1}. */
  static boolean isNull(byte type, long length) {
    return length == -1 && (type == '$' || type == '*');
  }

  /** The length or count on the line {@code [lineStart, cr)}, or {@link Long#MIN_VALUE} if not a number. */
  static long length(ByteBuf buf, int lineStart, int cr) {
    return RespNumbers.parseLongOrMin(buf, lineStart + 1, cr - lineStart - 1);
  }

  /** A type byte for an error message: {@code '+'}, or {@code 0x0d} when not printable. */
  static String describe(byte type) {
    int c = type & 0xff;
    return c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("0x%02x", c);
  }

  /** The reply's type byte, that of the value when attributes come first: {@code '+'}, {@code '*'}, ... */
  public static byte type(ByteBuf reply) {
    return reply.getByte(valueStart(reply));
  }

  /** True for a simple error ({@code -}) and a blob error ({@code !}). */
  public static boolean isError(ByteBuf reply) {
    byte type = type(reply);
    return type == '-' || type == '!';
  }

  /**
   * The value of an integer reply ({@code :}).
   *
   * @throws IllegalArgumentException when the reply is not an integer reply
   */
  public static long integer(ByteBuf reply) {
    int start = valueStart(reply);
    if (reply.getByte(start) != ':') {
      throw new IllegalArgumentException("not an integer reply: " + describe(reply.getByte(start)));
    }
    int cr = lineEnd(reply, start);
    try {
      return RespNumbers.parseLong(reply, start + 1, cr - start - 1);
    } catch (RedisError e) {
      throw new IllegalArgumentException("malformed integer reply");
    }
  }

  /**
   * The text of a bulk string ({@code $}) or, without its three-letter format and colon, of a
   * verbatim string ({@code =}): how a server answers INFO in RESP2 and in RESP3.
   *
   * @throws IllegalArgumentException when the reply is neither, or is the null bulk string
   */
  public static String text(ByteBuf reply) {
    int start = valueStart(reply);
    byte type = reply.getByte(start);
    int cr = lineEnd(reply, start);
    long length = length(reply, start, cr);
    if ((type != '$' && type != '=') || length < 0) {
      throw new IllegalArgumentException("not a bulk or verbatim string reply: " + describe(type));
    }
    skipBulk(reply, start, cr);
    int skip = type == '=' ? 4 : 0;
    if (length < skip) {
      throw new IllegalArgumentException("verbatim string without its format at " + start);
    }
    return reply.toString(cr + 2 + skip, (int) length - skip, StandardCharsets.UTF_8);
  }

  /**
   * The number of elements of an array ({@code *}), set ({@code ~}) or push ({@code >}) reply, or
   * -1 for the null array {@code *-1}.
   *
   * @throws IllegalArgumentException when the reply is no such aggregate
   */
  public static int arrayLength(ByteBuf reply) {
    int start = valueStart(reply);
    byte type = reply.getByte(start);
    if (type != '*' && type != '~' && type != '>') {
      throw new IllegalArgumentException("not an array, set or push reply: " + describe(type));
    }
    return (int) count(reply, start, lineEnd(reply, start));
  }

  /**
   * The index of the first element of an array, set, push or map ({@code %}, whose elements are
   * its keys and values in turn); for an empty or null one, the index just past the reply.
   *
   * @throws IllegalArgumentException when the reply is no such aggregate
   */
  public static int firstElement(ByteBuf reply) {
    int start = valueStart(reply);
    byte type = reply.getByte(start);
    if (type != '*' && type != '~' && type != '>' && type != '%') {
      throw new IllegalArgumentException("not an aggregate reply: " + describe(type));
    }
    int cr = lineEnd(reply, start);
    count(reply, start, cr);
    return cr + 2;
  }

  /**
   * The index just after the complete value that starts at {@code index}, nested elements and
   * any attribute in front of it included.
   *
   * @throws IllegalArgumentException when no complete value starts there
   */
  public static int end(ByteBuf buf, int index) {
    return skip(buf, index, 1);
  }

  /** Skips past attributes at the reader index to the value they annotate. */
  private static int valueStart(ByteBuf reply) {
    int index = reply.readerIndex();
    checkIndex(reply, index);
    while (reply.getByte(index) == '|') {
      int cr = lineEnd(reply, index);
      index = skip(reply, cr + 2, 2 * count(reply, index, cr));
      checkIndex(reply, index);
    }
    return index;
  }

  /**
   * Skips {@code values} complete values from {@code index}. One counter of values still to skip
   * replaces a stack: an aggregate's line adds its elements to it, so nesting costs nothing.
   */
  private static int skip(ByteBuf buf, int index, long values) {
    int at = index;
    for (long pending = values; pending > 0; pending--) {
      int cr = lineEnd(buf, at);
      byte type = buf.getByte(at);
      switch (kind(type)) {
        case LINE -> at = cr + 2;
        case BULK -> at = skipBulk(buf, at, cr);
        case AGGREGATE -> {
          pending += children(type, Math.max(count(buf, at, cr), 0));
          at = cr + 2;
        }
        default -> throw new IllegalArgumentException("unknown reply type " + describe(type) + " at " + at);
      }
    }
    return at;
  }

  private static int skipBulk(ByteBuf buf, int lineStart, int cr) {
    byte type = buf.getByte(lineStart);
    long length = length(buf, lineStart, cr);
    if (isNull(type, length)) {
      return cr + 2;
    }
    if (length < 0 || cr + 2 + length + 2 > buf.writerIndex()) {
      throw new IllegalArgumentException("bad or truncated bulk at " + lineStart);
    }
    int end = cr + 2 + (int) length;
    if (buf.getShort(end) != RespWriter.CRLF) {
      throw new IllegalArgumentException("bulk at " + lineStart + " not terminated by CRLF");
    }
    return end + 2;
  }

  /** An aggregate's declared count: at least 0, or -1 for {@code *-1}, and within an int. */
  private static long count(ByteBuf buf, int lineStart, int cr) {
    long count = length(buf, lineStart, cr);
    if ((count < 0 && !isNull(buf.getByte(lineStart), count)) || count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("bad aggregate length at " + lineStart);
    }
    return count;
  }

  /** The index of the CR ending the line at {@code index}, which its LF must follow. */
  private static int lineEnd(ByteBuf buf, int index) {
    checkIndex(buf, index);
    int cr = buf.forEachByte(index, buf.writerIndex() - index, ByteProcessor.FIND_CR);
    if (cr < 0 || cr + 1 == buf.writerIndex() || buf.getByte(cr + 1) != '\n') {
      throw new IllegalArgumentException("no complete line at " + index);
    }
    return cr;
  }

  private static void checkIndex(ByteBuf buf, int index) {
    if (index < 0 || index >= buf.writerIndex()) {
      throw new IllegalArgumentException("index " + index + " outside the reply [0, " + buf.writerIndex() + ")");
    }
  }
}
