package io.cachefleet.node.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's LFU counter (Salvatore Sanfilippo, "Random notes on improving the Redis LRU
 * algorithm", and evict.c): 16 bits of minutes since the last decrement and an 8-bit
 * logarithmic counter that grows with probability {@code 1/((counter-5)*factor+1)} and decays
 * by one per {@link #DECAY_MINUTES} minutes.
 */
final class Lfu {

  /** New keys start here so that they are not evicted before they had a chance: {@code LFU_INIT_VAL}. */
  static final int INITIAL = 5;

  /** Redis's default {@code lfu-log-factor}: 10 gives ~1M hits to saturate the counter. */
  static final int LOG_FACTOR = 10;

  /** Redis's default {@code lfu-decay-time}, minutes per decrement. */
  static final int DECAY_MINUTES = 1;

  private Lfu() {}

  static int initial(long nowMillis) {
    return (minutes(nowMillis) << 8) | INITIAL;
  }

  static int increment(int access, long nowMillis) {
    int counter = decayed(access, nowMillis);
    if (counter < 255) {
      double base = Math.max(0, counter - INITIAL);
      if (ThreadLocalRandom.current().nextDouble() < 1.0 / (base * LOG_FACTOR + 1)) {
        counter++;
      }
    }
    return (minutes(nowMillis) << 8) | counter;
  }

  static int decayed(int access, long nowMillis) {
    int counter = access & 0xff;
    int last = access >>> 8;
    int now = minutes(nowMillis);
    int elapsed = now >= last ? now - last : 65535 - last + now;
    int periods = elapsed / DECAY_MINUTES;
    return periods > counter ? 0 : counter - periods;
  }

  private static int minutes(long nowMillis) {
    return (int) ((nowMillis / 60000) & 0xffff);
  }
}
