package io.cachefleet.node.store;

import java.util.function.LongSupplier;

/**
 * A hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014): 48 bits of
 * wall-clock milliseconds and a 16-bit counter, never going backwards even if the wall clock
 * does. Stamps are unique per node; with the node id they order every change in the fleet.
 */
public final class HybridClock {

  private static final int COUNTER_BITS = 16;

  private final LongSupplier wallMillis;
  private long last;

  public HybridClock(LongSupplier wallMillis) {
    this.wallMillis = wallMillis;
  }

  /** The next stamp, greater than every stamp issued or observed before. */
  public long tick() {
    long physical = wallMillis.getAsLong() << COUNTER_BITS;
    last = physical > last ? physical : last + 1;
    return last;
  }

  /** Advances past a stamp received from another node. */
  public void observe(long stamp) {
    if (stamp > last) {
      last = stamp;
    }
  }
}
