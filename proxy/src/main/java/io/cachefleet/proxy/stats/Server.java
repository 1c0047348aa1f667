package io.cachefleet.proxy.stats;

/**
 * A backend as the statistics see it. Its id indexes each event loop's counters; when a backend
 * leaves and another takes its id, the counters kept for the first are dropped, not inherited.
 */
public interface Server {

  /** A small number, unique among the pool's current backends. */
  int id();

  /** The name the stats document reports the backend under. */
  String name();

  /** How many times the backend was ejected from the ring. */
  long ejections();

  /** When it was last ejected, in microseconds since the epoch; 0 if never. */
  long ejectedAtMicros();

  /** True once the backend left the pool. */
  boolean left();
}
