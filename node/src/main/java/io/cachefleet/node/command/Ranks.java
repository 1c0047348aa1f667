package io.cachefleet.node.command;

/**
 * Element indexes as the list and sorted-set commands read them: a negative index counts from the
 * end, -1 being the last element. A range ({@code LRANGE}, {@code LTRIM}, {@code ZRANGE},
 * {@code ZREMRANGEBYRANK}) is clamped to the elements there are, as {@code lrangeGenericCommand},
 * {@code ltrimCommand} and {@code zrangeGenericCommand} clamp it; it selects nothing when its
 * {@link #first} is past its {@link #last}.
 */
final class Ranks {

  private Ranks() {}

  /** The index of a single element ({@code LINDEX}, {@code LSET}), or -1 when there is none. */
  static int index(long index, int size) {
    if (index < 0) {
      index += size;
    }
    return index < 0 || index >= size ? -1 : (int) index;
  }

  /** The first index of a range beginning at {@code start}, within {@code 0..size}. */
  static int first(long start, int size) {
    if (start < 0) {
      start += size;
    }
    return (int) Math.max(0, Math.min(start, size));
  }

  /** The last index of a range ending at {@code stop}, within {@code -1..size-1}. */
  static int last(long stop, int size) {
    if (stop < 0) {
      stop += size;
    }
    return (int) Math.max(-1, Math.min(stop, size - 1));
  }
}
