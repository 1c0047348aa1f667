package io.cachefleet.node.command;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The x87 80-bit {@code long double} arithmetic of INCRBYFLOAT and HINCRBYFLOAT, emulated
 * exactly so that their replies match Redis's to the last digit.
 *
 * <p>Redis reads both operands with {@code string2ld} (glibc's correctly rounded
 * {@code strtold}), adds them in extended precision and prints the sum with {@code %.17Lf}, then
 * strips trailing zeros ({@code ld2string} in {@code LD_STR_HUMAN} mode, util.c). A double, or
 * decimal arithmetic, differs as soon as the sum needs more than 17 significant digits:
 * {@code 10000000000 + 0.1} is {@code 10000000000.09999999962747097} in Redis. So a value here is
 * an exact {@code significand * 2^exponent} with a 64-bit significand, rounded half to even after
 * every operation as the FPU does, with the format's exponent range and subnormals.
 *
 * <p>Not on any hot path: parsing and printing go through {@link BigInteger}.
 */
final class LongDouble {

  /** Significand bits of the extended format, its explicit integer bit included. */
  private static final int PRECISION = 64;
  /** Binary exponent of the smallest normal value, 2^-16382. */
  private static final int MIN_EXPONENT = -16382;
  /** Binary exponent of the largest finite values, just below 2^16384. */
  private static final int MAX_EXPONENT = 16383;
  /** Exponent of the least significant bit of the smallest subnormal, 2^-16445. */
  private static final int MIN_QUANTUM = MIN_EXPONENT - (PRECISION - 1);
  /**
   * Decimal magnitudes beyond which a literal surely overflows or underflows (the format spans
   * about 3.6e-4951 to 1.2e4932); checked before building big numbers from hostile exponents.
   */
  private static final int MAX_DECIMAL_MAGNITUDE = 4940;
  private static final int MIN_DECIMAL_MAGNITUDE = -4960;
  /** Longest input {@code string2ld} reads: {@code MAX_LONG_DOUBLE_CHARS}. */
  private static final int MAX_CHARS = 5 * 1024;
  /** Digits {@code %.17Lf} prints after the point. */
  private static final int PRINTED_DECIMALS = 17;

  static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0, false);
  private static final LongDouble POSITIVE_INFINITY = new LongDouble(false, null, 0, false);
  private static final LongDouble NEGATIVE_INFINITY = new LongDouble(true, null, 0, false);
  private static final LongDouble NAN = new LongDouble(false, null, 0, true);

  private final boolean negative;
  /** The significand, below 2^64; null for the infinities and NaN. */
  private final BigInteger significand;
  private final int exponent;
  private final boolean nan;

  private LongDouble(boolean negative, BigInteger significand, int exponent, boolean nan) {
    this.negative = negative;
    this.significand = significand;
    this.exponent = exponent;
    this.nan = nan;
  }

  /** The bytes read as Redis's {@code string2ld} reads them, or null when it refuses them. */
  static LongDouble parse(byte[] bytes) {
    return bytes.length == 0 || bytes.length >= MAX_CHARS ? null
        : parse(new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** A buffer region read as Redis's {@code string2ld} reads it, or null when it refuses it. */
  static LongDouble parse(ByteBuf buf, int index, int length) {
    return length == 0 || length >= MAX_CHARS ? null
        : parse(buf.toString(index, length, StandardCharsets.ISO_8859_1));
  }

  /**
   * {@code strtold} that must read the whole text: leading blanks, trailing bytes (a NUL
   * included), NaN, overflow and underflow to zero are refused, as {@code string2ld} refuses them.
   */
  private static LongDouble parse(String s) {
    if (isSpace(s.charAt(0)) || s.indexOf('\0') >= 0) {
      return null;
    }
    int i = 0;
    boolean negative = s.charAt(0) == '-';
    if (negative || s.charAt(0) == '+') {
      i++;
    }
    String body = s.substring(i);
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }
    LongDouble magnitude = body.length() > 2 && body.charAt(0) == '0' && (body.charAt(1) | 0x20) == 'x'
        ? parseHex(body, 2) : parseDecimal(body);
    if (magnitude == null || magnitude.significand == null) {
      return null;
    }
    return negative ? magnitude.negate() : magnitude;
  }

  private static LongDouble parseDecimal(String s) {
    StringBuilder digits = new StringBuilder(s.length());
    int i = appendDigits(s, 0, digits, 10);
    int integerDigits = digits.length();
    if (i < s.length() && s.charAt(i) == '.') {
      i = appendDigits(s, i + 1, digits, 10);
    }
    if (digits.length() == 0) {
      return null;
    }
    long[] exp = new long[1];
    i = exponent(s, i, 'e', exp);
    if (i != s.length()) {
      return null;
    }
    long decimalExponent = exp[0] - (digits.length() - integerDigits);
    BigInteger value = strippedValue(digits, 10);
    if (value.signum() == 0) {
      return ZERO;
    }
    long magnitude = value.toString().length() - 1 + decimalExponent;
    if (magnitude > MAX_DECIMAL_MAGNITUDE || magnitude < MIN_DECIMAL_MAGNITUDE) {
      return null;
    }
    BigInteger scale = BigInteger.TEN.pow((int) Math.abs(decimalExponent));
    return decimalExponent >= 0 ? round(false, value.multiply(scale), BigInteger.ONE, 0, true)
        : round(false, value, scale, 0, true);
  }

  private static LongDouble parseHex(String s, int start) {
    StringBuilder digits = new StringBuilder(s.length());
    int i = appendDigits(s, start, digits, 16);
    int integerDigits = digits.length();
    if (i < s.length() && s.charAt(i) == '.') {
      i = appendDigits(s, i + 1, digits, 16);
    }
    if (digits.length() == 0) {
      return null; // strtold reads the "0" and stops at the 'x'
    }
    long[] exp = new long[1];
    i = exponent(s, i, 'p', exp);
    if (i != s.length()) {
      return null;
    }
    BigInteger value = strippedValue(digits, 16);
    if (value.signum() == 0) {
      return ZERO;
    }
    long binaryExponent = exp[0] - 4L * (digits.length() - integerDigits);
    long magnitude = value.bitLength() - 1 + binaryExponent;
    if (magnitude > MAX_EXPONENT + 1 || magnitude < MIN_QUANTUM - 2) {
      return null;
    }
    return round(false, value, BigInteger.ONE, (int) binaryExponent, true);
  }

  private static int appendDigits(String s, int i, StringBuilder out, int radix) {
    while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0 && s.charAt(i) < 0x80) {
      out.append(s.charAt(i++));
    }
    return i;
  }

  /**
   * Reads an exponent ({@code e12}, {@code p-3}) at {@code i} into {@code out[0]}, saturated far
   * beyond any usable value; returns the index after it, or {@code i} when there is none there.
   */
  private static int exponent(String s, int i, char marker, long[] out) {
    if (i >= s.length() || (s.charAt(i) | 0x20) != marker) {
      return i;
    }
    int j = i + 1;
    boolean negative = false;
    if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
      negative = s.charAt(j++) == '-';
    }
    if (j >= s.length() || s.charAt(j) < '0' || s.charAt(j) > '9') {
      return i;
    }
    long value = 0;
    for (; j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9'; j++) {
      value = Math.min(value * 10 + (s.charAt(j) - '0'), 1_000_000_000L);
    }
    out[0] = negative ? -value : value;
    return j;
  }

  private static BigInteger strippedValue(StringBuilder digits, int radix) {
    int k = 0;
    while (k < digits.length() && digits.charAt(k) == '0') {
      k++;
    }
    return k == digits.length() ? BigInteger.ZERO : new BigInteger(digits.substring(k), radix);
  }

  /**
   * The long double nearest {@code num / den * 2^exp2} (half to even), an infinity past the
   * largest finite value, and zero, or null when {@code strict} (parsing), below the smallest
   * subnormal.
   */
  private static LongDouble round(boolean negative, BigInteger num, BigInteger den, int exp2, boolean strict) {
    int e = num.bitLength() - den.bitLength();
    if (compareScaled(num, den, e) < 0) {
      e--;
    }
    long top = (long) e + exp2;
    if (top > MAX_EXPONENT) {
      return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }
    long quantum = Math.max(top - (PRECISION - 1), MIN_QUANTUM);
    long shift = exp2 - quantum;
    BigInteger n = shift >= 0 ? num.shiftLeft((int) shift) : num;
    BigInteger d = shift >= 0 ? den : den.shiftLeft((int) -shift);
    BigInteger[] qr = n.divideAndRemainder(d);
    BigInteger q = qr[0];
    int half = qr[1].shiftLeft(1).compareTo(d);
    if (half > 0 || (half == 0 && q.testBit(0))) {
      q = q.add(BigInteger.ONE);
    }
    if (q.signum() == 0) {
      return strict ? null : ZERO;
    }
    if (q.bitLength() > PRECISION) {
      q = q.shiftRight(1);
      quantum++;
    }
    if (quantum + q.bitLength() - 1 > MAX_EXPONENT) {
      return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }
    return new LongDouble(negative, q, (int) quantum, false);
  }

  /** Compares {@code num} with {@code den * 2^e}. */
  private static int compareScaled(BigInteger num, BigInteger den, int e) {
    return e >= 0 ? num.compareTo(den.shiftLeft(e)) : num.shiftLeft(-e).compareTo(den);
  }

  private LongDouble negate() {
    return significand.signum() == 0 ? this : new LongDouble(!negative, significand, exponent, false);
  }

  /** True unless this is an infinity or NaN. */
  boolean isFinite() {
    return significand != null;
  }

  /** The sum, rounded as the FPU rounds it; an infinity or NaN as IEEE 754 says. */
  LongDouble plus(LongDouble other) {
    if (!isFinite() || !other.isFinite()) {
      if (nan || other.nan || (!isFinite() && !other.isFinite() && negative != other.negative)) {
        return NAN;
      }
      return isFinite() ? other : this;
    }
    int low = Math.min(exponent, other.exponent);
    BigInteger sum = signed().shiftLeft(exponent - low).add(other.signed().shiftLeft(other.exponent - low));
    if (sum.signum() == 0) {
      return ZERO;
    }
    return round(sum.signum() < 0, sum.abs(), BigInteger.ONE, low, false);
  }

  private BigInteger signed() {
    return negative ? significand.negate() : significand;
  }

  /**
   * The value as {@code ld2string} writes it for humans: {@code %.17Lf}, trailing zeros and a
   * trailing point removed, and {@code -0} written {@code 0}. Only for finite values.
   */
  byte[] toHumanBytes() {
    BigDecimal exact = exponent >= 0 ? new BigDecimal(significand.shiftLeft(exponent))
        : new BigDecimal(significand.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
    String text = exact.setScale(PRINTED_DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
    int end = text.length();
    while (text.charAt(end - 1) == '0') {
      end--;
    }
    if (text.charAt(end - 1) == '.') {
      end--;
    }
    boolean negativeZero = negative && end == 1 && text.charAt(0) == '0';
    StringBuilder sb = new StringBuilder(end + 1);
    if (negative && !negativeZero) {
      sb.append('-');
    }
    return sb.append(text, 0, end).toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
