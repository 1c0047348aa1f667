package io.cachefleet.node.command;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * C's {@code strtod} as glibc reads numbers, checked the way Redis's {@code zslParseRange}
 * checks the bounds of a score range: the whole argument must be read and must not be NaN, and
 * nothing else. So, unlike scores ({@code getDoubleFromObject}, {@code RespNumbers}), a bound
 * may start with blanks, a value too large becomes an infinity, a value too small becomes 0, and
 * the empty string, which {@code strtod} reads as no number at all, is 0.
 *
 * <p>Accepted forms after the blanks: an optional sign, then decimal digits with an optional
 * point and exponent, hexadecimal {@code 0x} digits with an optional point and binary exponent,
 * or {@code inf} / {@code infinity} in any case.
 */
final class Strtod {

  private Strtod() {}

  /** The number the buffer region holds, or NaN when it is not one. */
  static double parse(ByteBuf buf, int index, int length) {
    if (length == 0) {
      return 0; // strtod converts nothing and stops at the terminator
    }
    String s = buf.toString(index, length, StandardCharsets.ISO_8859_1);
    int i = 0;
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    String rest = s.substring(i);
    if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    boolean hex = rest.length() > 2 && rest.charAt(0) == '0' && (rest.charAt(1) | 0x20) == 'x'
        && (isHexDigit(rest.charAt(2)) || (rest.charAt(2) == '.' && rest.length() > 3 && isHexDigit(rest.charAt(3))));
    double value = hex ? hexValue(rest.substring(2)) : decimalValue(rest);
    return negative ? -value : value;
  }

  /** Digits, an optional point and digits (at least one digit in all), an optional exponent. */
  private static double decimalValue(String s) {
    int i = skipDigits(s, 0, false);
    int mantissaDigits = i;
    if (i < s.length() && s.charAt(i) == '.') {
      int j = skipDigits(s, i + 1, false);
      mantissaDigits += j - i - 1;
      i = j;
    }
    if (mantissaDigits == 0) {
      return Double.NaN;
    }
    i = skipExponent(s, i, 'e');
    return i == s.length() ? Double.parseDouble(s) : Double.NaN;
  }

  /** Hex digits after {@code 0x}, an optional point and hex digits, an optional {@code p} exponent. */
  private static double hexValue(String s) {
    int i = skipDigits(s, 0, true);
    if (i < s.length() && s.charAt(i) == '.') {
      i = skipDigits(s, i + 1, true);
    }
    int mantissaEnd = i;
    i = skipExponent(s, i, 'p');
    if (i != s.length()) {
      return Double.NaN;
    }
    String exponent = mantissaEnd == s.length() ? "p0" : s.substring(mantissaEnd);
    return Double.parseDouble("0x" + s.substring(0, mantissaEnd) + exponent);
  }

  /** Skips an exponent marker, sign and digits; a marker without digits is not an exponent. */
  private static int skipExponent(String s, int i, char marker) {
    if (i < s.length() && (s.charAt(i) | 0x20) == marker) {
      int j = i + 1;
      if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int k = skipDigits(s, j, false);
      if (k > j) {
        return k;
      }
    }
    return i;
  }

  private static int skipDigits(String s, int i, boolean hex) {
    while (i < s.length() && (hex ? isHexDigit(s.charAt(i)) : isDigit(s.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  }

  /** C's {@code isspace} in the C locale. */
  private static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
