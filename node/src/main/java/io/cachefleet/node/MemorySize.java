package io.cachefleet.node;

import java.util.Locale;

/**
 * Sizes in bytes written as Redis writes them in its configuration and in CONFIG SET
 * ({@code maxmemory 100mb}), read with the rules of Redis 7.0's {@code memtoull} (util.c).
 *
 * <p>A size is decimal digits followed by an optional unit in any case: {@code b} (1),
 * {@code k} (1000), {@code kb} (1024), {@code m} (1000^2), {@code mb} (1024^2), {@code g}
 * (1000^3) or {@code gb} (1024^3). No sign, blank, point or other unit is allowed. As in Redis,
 * the digits may be missing ({@code ""} and {@code "mb"} are 0: {@code strtoull} of nothing), and
 * at most 127 digits are read ({@code memtoull} copies them into a 128-byte buffer).
 *
 * <p>One difference: Redis holds sizes as unsigned 64-bit numbers, saturating the digits at
 * 2^64-1 and letting the unit's multiplication wrap around; here every size beyond
 * {@link Long#MAX_VALUE} is {@link Long#MAX_VALUE}, which every setting reads as unlimited.
 */
public final class MemorySize {

  /** {@code memtoull} refuses this many digits or more: they would not fit its buffer. */
  private static final int MAX_DIGITS = 128;

  private MemorySize() {}

  /**
   * The bytes {@code text} stands for.
   *
   * @throws IllegalArgumentException when Redis would refuse it, saying why
   */
  public static long parse(String text) {
    if (text.startsWith("-")) {
      throw new IllegalArgumentException("negative");
    }
    int digits = 0;
    while (digits < text.length() && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') {
      digits++;
    }
    String unit = text.substring(digits);
    long multiplier = switch (unit.toLowerCase(Locale.ROOT)) {
      case "", "b" -> 1;
      case "k" -> 1000;
      case "kb" -> 1024;
      case "m" -> 1000 * 1000;
      case "mb" -> 1024 * 1024;
      case "g" -> 1000L * 1000 * 1000;
      case "gb" -> 1024L * 1024 * 1024;
      default -> throw new IllegalArgumentException(
          "unknown unit '" + unit + "' after the digits (expected b, k, kb, m, mb, g or gb)");
    };
    if (digits >= MAX_DIGITS) {
      throw new IllegalArgumentException("more than " + (MAX_DIGITS - 1) + " digits");
    }
    long value = 0;
    for (int i = 0; i < digits; i++) {
      int digit = text.charAt(i) - '0';
      value = value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
    }
    return value > Long.MAX_VALUE / multiplier ? Long.MAX_VALUE : value * multiplier;
  }
}
