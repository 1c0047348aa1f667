package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Number parsing with Redis's exact acceptance rules, straight from buffer bytes. */
public final class RespNumbers {

  private RespNumbers() {}

  /**
   * Parses a signed 64-bit integer as Redis's {@code string2ll} does: optional '-', no '+', no
   * leading zeros, no spaces, nothing after the digits.
   *
   * @throws RedisError {@link RedisError#NOT_AN_INTEGER} when the bytes are not such a number
   */
  public static long parseLong(ByteBuf buf, int index, int length) {
    long v = parseLongOrMin(buf, index, length);
    if (v == Long.MIN_VALUE && !isLongMin(buf, index, length)) {
      throw RedisError.NOT_AN_INTEGER;
    }
    return v;
  }

  /** {@link #parseLong(ByteBuf, int, int)} over a byte array. */
  public static long parseLong(byte[] bytes) {
    return parseLong(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
  }

  /** True when the bytes are a valid integer as Redis's {@code string2ll} accepts it. */
  public static boolean isLong(byte[] bytes) {
    ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
    return parseLongOrMin(buf, 0, bytes.length) != Long.MIN_VALUE || isLongMin(buf, 0, bytes.length);
  }

  private static boolean isLongMin(ByteBuf buf, int index, int length) {
    String min = "-9223372036854775808";
    if (length != min.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (buf.getByte(index + i) != min.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the value, or {@link Long#MIN_VALUE} for anything that is not a valid integer. */
  static long parseLongOrMin(ByteBuf buf, int index, int length) {
    if (length == 0 || length > 20) {
      return Long.MIN_VALUE;
    }
    int i = index;
    int end = index + length;
    boolean negative = false;
    byte b = buf.getByte(i);
    if (length == 1 && b == '0') {
      return 0;
    }
    if (b == '-') {
      negative = true;
      if (++i == end) {
        return Long.MIN_VALUE;
      }
      b = buf.getByte(i);
    }
    if (b < '1' || b > '9') {
      return Long.MIN_VALUE;
    }
    long v = 0; // accumulated negatively so that Long.MIN_VALUE fits
    for (; i < end; i++) {
      b = buf.getByte(i);
      if (b < '0' || b > '9') {
        return Long.MIN_VALUE;
      }
      int digit = b - '0';
      if (v < (Long.MIN_VALUE + digit) / 10) {
        return Long.MIN_VALUE;
      }
      v = v * 10 - digit;
    }
    if (!negative) {
      if (v == Long.MIN_VALUE) {
        return Long.MIN_VALUE;
      }
      return -v;
    }
    return v;
  }

  /**
   * Parses a double as Redis's {@code string2d} does with {@code strtod}: decimal and hexadecimal
   * ({@code 0x1.8p1}) forms, {@code inf}/{@code infinity} in any case with an optional sign; no
   * spaces, no NaN, nothing after the number, and no value that overflows to infinity or
   * underflows to zero ({@code strtod}'s ERANGE).
   *
   * @throws RedisError {@link RedisError#NOT_A_FLOAT} when the bytes are not such a number
   */
  public static double parseDouble(ByteBuf buf, int index, int length) {
    double d = parseDoubleOrNaN(buf, index, length);
    if (Double.isNaN(d)) {
      throw RedisError.NOT_A_FLOAT;
    }
    return d;
  }

  /** {@link #parseDouble(ByteBuf, int, int)} over a byte array. */
  public static double parseDouble(byte[] bytes) {
    return parseDouble(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
  }

  /**
   * Longest numeral parsed. Redis parses any length with {@code strtod}; cachefleet refuses
   * longer ones, as Redis's own long double parser ({@code string2ld}, INCRBYFLOAT) does, so a
   * client cannot make the server copy a huge numeral into a string.
   */
  private static final int MAX_DOUBLE_CHARS = 5 * 1024 - 1;

  /** Returns the value, or NaN for anything Redis would not accept as a float. */
  public static double parseDoubleOrNaN(ByteBuf buf, int index, int length) {
    if (length == 0 || length > MAX_DOUBLE_CHARS) {
      return Double.NaN;
    }
    return strtod(buf, index, index + length, true);
  }

  /**
   * Parses a double as {@code zslParseRange} reads a bound of a score range (t_zset.c): with a
   * bare {@code strtod} that must stop at the end of the C string and must not read NaN. So,
   * unlike {@link #parseDoubleOrNaN}, the number ends at the first NUL byte, leading blanks are
   * skipped, a value too large becomes an infinity, a value too small becomes 0, and an empty
   * string (or one starting with NUL), where {@code strtod} reads nothing, is 0. No length limit
   * applies, as none applies in Redis.
   *
   * @return the value, or NaN when Redis refuses the bound
   */
  public static double parseDoubleLenientOrNaN(ByteBuf buf, int index, int length) {
    int end = buf.indexOf(index, index + length, (byte) 0);
    if (end < 0) {
      end = index + length;
    }
    if (end == index) {
      return 0;
    }
    int i = index;
    while (i < end && isSpace(buf.getByte(i))) {
      i++;
    }
    return strtod(buf, i, end, false);
  }

  /**
   * C's {@code strtod} over the whole region {@code [index, end)} as glibc reads numbers: an
   * optional sign, then decimal digits with an optional point and {@code e} exponent, hexadecimal
   * {@code 0x} digits with an optional point and {@code p} exponent, or {@code inf} /
   * {@code infinity} in any case. NaN when the region is not exactly one such number, and, when
   * {@code rangeErrors}, when it overflows to an infinity or underflows to zero ({@code ERANGE}).
   */
  private static double strtod(ByteBuf buf, int index, int end, boolean rangeErrors) {
    int i = index;
    byte sign = i < end ? buf.getByte(i) : 0;
    if (sign == '-' || sign == '+') {
      i++;
    }
    if (isInfinity(buf, i, end - i)) {
      return sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    boolean hex = end - i > 2 && buf.getByte(i) == '0' && (buf.getByte(i + 1) | 0x20) == 'x';
    if (hex) {
      i += 2;
    }
    boolean digits = false;
    boolean nonZero = false;
    boolean point = false;
    for (; i < end; i++) {
      byte b = buf.getByte(i);
      if (b == '.' && !point) {
        point = true;
      } else if (isDigit(b, hex)) {
        digits = true;
        nonZero |= b != '0';
      } else {
        break;
      }
    }
    if (!digits) {
      return Double.NaN;
    }
    boolean exponent = i < end;
    if (exponent) {
      if ((buf.getByte(i) | 0x20) != (hex ? 'p' : 'e')) {
        return Double.NaN;
      }
      i++;
      if (i < end && (buf.getByte(i) == '-' || buf.getByte(i) == '+')) {
        i++;
      }
      if (i == end) {
        return Double.NaN;
      }
      for (; i < end; i++) {
        if (!isDigit(buf.getByte(i), false)) {
          return Double.NaN;
        }
      }
    }
    String text = buf.toString(index, end - index, StandardCharsets.US_ASCII);
    double d = Double.parseDouble(hex && !exponent ? text + "p0" : text);
    if (rangeErrors && (Double.isInfinite(d) || (d == 0 && nonZero))) {
      return Double.NaN;
    }
    return d;
  }

  private static boolean isInfinity(ByteBuf buf, int index, int length) {
    String word = "infinity";
    if (length != 3 && length != word.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if ((buf.getByte(index + i) | 0x20) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** C's {@code isspace} in the C locale. */
  private static boolean isSpace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }

  private static boolean isDigit(byte b, boolean hex) {
    return (b >= '0' && b <= '9') || (hex && (b | 0x20) >= 'a' && (b | 0x20) <= 'f');
  }
}
