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
   * Parses a double as Redis's {@code getDoubleFromObject} does with {@code strtod}: decimal and
   * exponent forms, {@code inf}/{@code infinity} in any case with an optional sign; no spaces, no
   * NaN, nothing after the number.
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

  /** Returns the value, or NaN for anything Redis would not accept as a float. */
  public static double parseDoubleOrNaN(ByteBuf buf, int index, int length) {
    if (length == 0 || length > 5000) {
      return Double.NaN;
    }
    String s = buf.toString(index, length, StandardCharsets.US_ASCII);
    int start = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
    String body = s.substring(start);
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    boolean digits = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
        return Double.NaN;
      }
    }
    if (!digits) {
      return Double.NaN;
    }
    try {
      double d = Double.parseDouble(s);
      return Double.isInfinite(d) ? Double.NaN : d; // strtod's ERANGE overflow is an error in Redis
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
