package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads a memcached reply as {@link MemcacheReplyDecoder} framed it, without allocating: whether
 * it answers a get, and the VALUE blocks in it. Indexes are absolute positions in the reply's
 * buffer. To walk the blocks of a get reply:
 * <pre>{@code
 * for (int at = reply.readerIndex(); !MemcacheReplies.isEnd(reply, at); ) {
 *   int next = MemcacheReplies.blockEnd(reply, at);   // reply[at, next) is one VALUE block
 *   at = next;
 * }
 * }</pre>
 */
public final class MemcacheReplies {

  static final byte[] VALUE = {'V', 'A', 'L', 'U', 'E', ' '};
  static final byte[] STAT = {'S', 'T', 'A', 'T', ' '};
  private static final byte[] END = {'E', 'N', 'D'};
  /** The end of a get reply with no block: {@code END\r\n}. */
  public static final byte[] END_LINE = {'E', 'N', 'D', '\r', '\n'};

  private MemcacheReplies() {}

  /** Whether {@code reply} answers a get: VALUE blocks, or END alone. */
  public static boolean isRetrieval(ByteBuf reply) {
    int at = reply.readerIndex();
    int lf = reply.indexOf(at, reply.writerIndex(), (byte) '\n');
    return lf >= 0 && (startsWith(reply, at, lf, VALUE) || isEnd(reply, at, lf));
  }

  /** Whether the line at {@code at} is the END that closes a get reply. */
  public static boolean isEnd(ByteBuf reply, int at) {
    int lf = reply.indexOf(at, reply.writerIndex(), (byte) '\n');
    return lf >= 0 && isEnd(reply, at, lf);
  }

  /** The index just past the VALUE block at {@code at}: its line, its data and the data's CRLF. */
  public static int blockEnd(ByteBuf reply, int at) {
    int lf = reply.indexOf(at, reply.writerIndex(), (byte) '\n');
    long length = lf < 0 || !startsWith(reply, at, lf, VALUE) ? -1 : valueLength(reply, at, lf);
    if (length < 0 || lf + 1 + length + 2 > reply.writerIndex()) {
      throw new IllegalArgumentException("no VALUE block at " + at);
    }
    return (int) (lf + 1 + length + 2);
  }

  /** Where the key of the VALUE block at {@code at} starts. */
  public static int keyIndex(int at) {
    return at + VALUE.length;
  }

  /** The length of the key of the VALUE block at {@code at}. */
  public static int keyLength(ByteBuf reply, int at) {
    int from = keyIndex(at);
    int space = reply.indexOf(from, reply.writerIndex(), (byte) ' ');
    if (space < 0) {
      throw new IllegalArgumentException("no key in the VALUE line at " + at);
    }
    return space - from;
  }

  static boolean isEnd(ByteBuf buf, int at, int lf) {
    int end = lf > at && buf.getByte(lf - 1) == '\r' ? lf - 1 : lf;
    return end - at == END.length && startsWith(buf, at, end, END);
  }

  static boolean startsWith(ByteBuf buf, int at, int lf, byte[] prefix) {
    if (lf - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buf.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The data length on the VALUE line {@code [at, lf)}: {@code VALUE <key> <flags> <bytes>
   * [<cas>]}; -1 when the line has no such field.
   */
  static long valueLength(ByteBuf buf, int at, int lf) {
    int end = lf > at && buf.getByte(lf - 1) == '\r' ? lf - 1 : lf;
    int field = 0;
    int i = at;
    while (i < end) {
      int tokenStart = i;
      while (i < end && buf.getByte(i) != ' ') {
        i++;
      }
      if (field == 3) {
        return digits(buf, tokenStart, i);
      }
      field++;
      i++;
    }
    return -1;
  }

  private static long digits(ByteBuf buf, int from, int to) {
    if (from == to || to - from > 18) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int d = buf.getByte(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  static String line(ByteBuf buf, int at, int lf) {
    return buf.toString(at, Math.min(lf - at, 80), StandardCharsets.ISO_8859_1).trim();
  }
}
