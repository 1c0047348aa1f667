package io.cachefleet.node.store;

/**
 * Redis's LRU clock: seconds, 24 bits wide, wrapping every 194 days; an entry keeps the clock of
 * its last access ({@code LRU_CLOCK}, {@code estimateObjectIdleTime} in evict.c).
 */
final class Lru {

  /** Largest clock value: the clock wraps past it. */
  static final int CLOCK_MAX = (1 << 24) - 1;

  private Lru() {}

  static int clock(long nowMillis) {
    return (int) ((nowMillis / 1000) & CLOCK_MAX);
  }

  static long idleMillis(int access, long nowMillis) {
    int now = clock(nowMillis);
    int lru = access & CLOCK_MAX;
    return (now >= lru ? now - lru : (CLOCK_MAX - lru) + now) * 1000L;
  }
}
