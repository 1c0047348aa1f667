package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 and RESP3 replies into a buffer the caller owns.
 *
 * <p>Every method appends one reply element. Methods that differ between protocol versions take
 * {@code resp3}: RESP2 clients get the RESP2 shape Redis gives them (a map as a flat array, a
 * double as a bulk string, null as {@code $-1}), RESP3 clients the native type. Small integers
 * and fixed replies are written from pre-encoded bytes; nothing here allocates per reply.
 */
public final class RespWriter {

  static final short CRLF = ('\r' << 8) | '\n';

  private static final byte[] OK = ascii("+OK\r\n");
  private static final byte[] QUEUED = ascii("+QUEUED\r\n");
  private static final byte[] NULL_BULK = ascii("$-1\r\n");
  private static final byte[] NULL_ARRAY = ascii("*-1\r\n");
  private static final byte[] NULL_RESP3 = ascii("_\r\n");
  private static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
  private static final byte[] EMPTY_BULK = ascii("$0\r\n\r\n");

  /** Pre-encoded {@code :n\r\n} for the integers commands answer most. */
  private static final byte[][] SMALL_INTEGERS = new byte[256][];

  /** Decimal digits of every two-digit number, for writing integers two digits at a time. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int i = 0; i < SMALL_INTEGERS.length; i++) {
      SMALL_INTEGERS[i] = ascii(":" + i + "\r\n");
    }
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private RespWriter() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  public static void ok(ByteBuf out) {
    put(out, OK);
  }

  public static void queued(ByteBuf out) {
    out.writeBytes(QUEUED);
  }

  /** A simple string {@code +text}; the text must not contain CR or LF. */
  public static void simple(ByteBuf out, CharSequence text) {
    out.writeByte('+');
    ByteBufUtil.writeAscii(out, text);
    out.writeShort(CRLF);
  }

  /** An error line; {@code message} starts with its code, e.g. {@code "ERR syntax error"}. */
  public static void error(ByteBuf out, CharSequence message) {
    out.writeByte('-');
    writeSanitized(out, message);
    out.writeShort(CRLF);
  }

  /** Writes text as UTF-8 with CR and LF turned into spaces, as Redis does for error lines. */
  private static void writeSanitized(ByteBuf out, CharSequence message) {
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '\r' || c == '\n') {
        out.writeByte(' ');
      } else if (c < 0x80) {
        out.writeByte(c);
      } else {
        int end = i + 1;
        while (end < message.length() && message.charAt(end) >= 0x80) {
          end++;
        }
        ByteBufUtil.writeUtf8(out, message.subSequence(i, end));
        i = end - 1;
      }
    }
  }

  public static void integer(ByteBuf out, long value) {
    if (value >= 0 && value < SMALL_INTEGERS.length) {
      put(out, SMALL_INTEGERS[(int) value]);
      return;
    }
    out.writeByte(':');
    writeDecimal(out, value);
    out.writeShort(CRLF);
  }

  public static void bulk(ByteBuf out, byte[] value) {
    bulkHeader(out, value.length);
    put(out, value, 0, value.length);
    out.writeShort(CRLF);
  }

  public static void bulk(ByteBuf out, byte[] value, int offset, int length) {
    bulkHeader(out, length);
    put(out, value, offset, length);
    out.writeShort(CRLF);
  }

  public static void bulk(ByteBuf out, ByteBuf src, int index, int length) {
    bulkHeader(out, length);
    out.writeBytes(src, index, length);
    out.writeShort(CRLF);
  }

  /** A bulk string of ASCII or UTF-8 text. */
  public static void bulk(ByteBuf out, CharSequence text) {
    int len = ByteBufUtil.utf8Bytes(text);
    bulkHeader(out, len);
    ByteBufUtil.reserveAndWriteUtf8(out, text, len);
    out.writeShort(CRLF);
  }

  /** A bulk string holding the decimal form of {@code value}. */
  public static void bulk(ByteBuf out, long value) {
    bulkHeader(out, decimalLength(value));
    writeDecimal(out, value);
    out.writeShort(CRLF);
  }

  public static void emptyBulk(ByteBuf out) {
    put(out, EMPTY_BULK);
  }

  /** A verbatim string in RESP3 ({@code =len\r\ntxt:...}), a bulk string in RESP2. */
  public static void verbatim(ByteBuf out, CharSequence text, boolean resp3) {
    if (!resp3) {
      bulk(out, text);
      return;
    }
    int len = ByteBufUtil.utf8Bytes(text) + 4;
    out.writeByte('=');
    writeDecimal(out, len);
    out.writeShort(CRLF);
    ByteBufUtil.writeAscii(out, "txt:");
    ByteBufUtil.reserveAndWriteUtf8(out, text, len - 4);
    out.writeShort(CRLF);
  }

  public static void bulkHeader(ByteBuf out, int length) {
    out.writeByte('$');
    writeDecimal(out, length);
    out.writeShort(CRLF);
  }

  /** The null bulk string: {@code $-1} in RESP2, {@code _} in RESP3. */
  public static void nullBulk(ByteBuf out, boolean resp3) {
    put(out, resp3 ? NULL_RESP3 : NULL_BULK);
  }

  /** The null array: {@code *-1} in RESP2, {@code _} in RESP3. */
  public static void nullArray(ByteBuf out, boolean resp3) {
    put(out, resp3 ? NULL_RESP3 : NULL_ARRAY);
  }

  public static void arrayHeader(ByteBuf out, long length) {
    if (length == 0) {
      put(out, EMPTY_ARRAY);
      return;
    }
    aggregateHeader(out, '*', length);
  }

  public static void emptyArray(ByteBuf out) {
    put(out, EMPTY_ARRAY);
  }

  /** A map of {@code pairs} entries: {@code %n} in RESP3, an array of 2n elements in RESP2. */
  public static void mapHeader(ByteBuf out, long pairs, boolean resp3) {
    if (resp3) {
      aggregateHeader(out, '%', pairs);
    } else {
      arrayHeader(out, pairs * 2);
    }
  }

  /** A set: {@code ~n} in RESP3, an array in RESP2. */
  public static void setHeader(ByteBuf out, long length, boolean resp3) {
    if (resp3) {
      aggregateHeader(out, '~', length);
    } else {
      arrayHeader(out, length);
    }
  }

  /** An out-of-band push: {@code >n} in RESP3, an array in RESP2 (pub/sub messages). */
  public static void pushHeader(ByteBuf out, long length, boolean resp3) {
    if (resp3) {
      aggregateHeader(out, '>', length);
    } else {
      arrayHeader(out, length);
    }
  }

  private static void aggregateHeader(ByteBuf out, char type, long length) {
    out.writeByte(type);
    writeDecimal(out, length);
    out.writeShort(CRLF);
  }

  /** A boolean: {@code #t}/{@code #f} in RESP3, integer 1/0 in RESP2. */
  public static void bool(ByteBuf out, boolean value, boolean resp3) {
    if (resp3) {
      out.writeByte('#');
      out.writeByte(value ? 't' : 'f');
      out.writeShort(CRLF);
    } else {
      integer(out, value ? 1 : 0);
    }
  }

  /**
   * A double as Redis 7.0 writes it: {@code %.17g} text, {@code inf}/{@code -inf} for infinities;
   * a bulk string in RESP2, a {@code ,} double in RESP3.
   */
  public static void doubleValue(ByteBuf out, double value, boolean resp3) {
    String text = formatDouble(value);
    if (resp3) {
      out.writeByte(',');
      ByteBufUtil.writeAscii(out, text);
      out.writeShort(CRLF);
    } else {
      bulkHeader(out, text.length());
      ByteBufUtil.writeAscii(out, text);
      out.writeShort(CRLF);
    }
  }

  private static void put(ByteBuf out, byte[] bytes) {
    put(out, bytes, 0, bytes.length);
  }

  /**
   * Appends bytes; up to 8 of them with one 8-byte store past the writer index, as a bulk copy
   * of a few bytes into a direct buffer spends more on its checks than on the copy.
   */
  private static void put(ByteBuf out, byte[] bytes, int offset, int length) {
    if (length > Long.BYTES || out.maxWritableBytes() < Long.BYTES) {
      out.writeBytes(bytes, offset, length);
      return;
    }
    long packed = 0;
    for (int i = 0; i < length; i++) {
      packed |= (bytes[offset + i] & 0xffL) << (56 - 8 * i);
    }
    out.ensureWritable(Long.BYTES);
    int at = out.writerIndex();
    out.setLong(at, packed);
    out.writerIndex(at + length);
  }

  /** Copies already-encoded RESP bytes, such as a reply kept from a backend. */
  public static void raw(ByteBuf out, byte[] resp) {
    out.writeBytes(resp);
  }

  /** Formats a double as C's {@code printf("%.17g")} does, the form Redis 7.0 replies with. */
  public static String formatDouble(double value) {
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (value == 0) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(17, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 17) {
      String digits = rounded.unscaledValue().abs().toString();
      digits = stripZeros(digits);
      StringBuilder sb = new StringBuilder(24);
      if (rounded.signum() < 0) {
        sb.append('-');
      }
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        sb.append('0');
      }
      return sb.append(abs).toString();
    }
    String plain = rounded.toPlainString();
    if (plain.indexOf('.') >= 0) {
      plain = stripZeros(plain);
      if (plain.endsWith(".")) {
        plain = plain.substring(0, plain.length() - 1);
      }
    }
    return plain;
  }

  private static String stripZeros(String s) {
    int end = s.length();
    while (end > 1 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Number of characters in the decimal form of {@code value}. */
  public static int decimalLength(long value) {
    if (value < 0) {
      return value == Long.MIN_VALUE ? 20 : 1 + decimalLength(-value);
    }
    int n = 1;
    long bound = 10;
    while (n < 19 && value >= bound) {
      n++;
      bound *= 10;
    }
    return n;
  }

  /** Writes the decimal form of {@code value} into {@code dst}, which is {@link #decimalLength} bytes long. */
  public static void writeDecimal(byte[] dst, long value) {
    long rest = value;
    int pos = dst.length;
    do {
      dst[--pos] = (byte) ('0' + Math.abs(rest % 10));
      rest /= 10;
    } while (rest != 0);
    if (value < 0) {
      dst[--pos] = '-';
    }
  }

  /** Writes the decimal form of {@code value} without allocating. */
  public static void writeDecimal(ByteBuf out, long value) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        out.writeCharSequence("-9223372036854775808", StandardCharsets.US_ASCII);
        return;
      }
      out.writeByte('-');
      value = -value;
    }
    int len = decimalLength(value);
    out.ensureWritable(len);
    int pos = out.writerIndex() + len;
    while (value >= 100) {
      int pair = (int) (value % 100) * 2;
      value /= 100;
      out.setByte(--pos, DIGIT_PAIRS[pair + 1]);
      out.setByte(--pos, DIGIT_PAIRS[pair]);
    }
    if (value >= 10) {
      int pair = (int) value * 2;
      out.setByte(--pos, DIGIT_PAIRS[pair + 1]);
      out.setByte(--pos, DIGIT_PAIRS[pair]);
    } else {
      out.setByte(--pos, (byte) ('0' + value));
    }
    out.writerIndex(out.writerIndex() + len);
  }
}
