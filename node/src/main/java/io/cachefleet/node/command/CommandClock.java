package io.cachefleet.node.command;

import java.util.function.LongSupplier;

/**
 * The keyspace's wall clock, read once each time the keyspace lock is taken: every step of a
 * command (expiry checks, LRU stamps, versions, TTL replies) sees the same millisecond, as in
 * Redis, and a command costs one clock read instead of one per lookup.
 */
final class CommandClock implements LongSupplier {

  private final LongSupplier source;
  private long now;

  CommandClock(LongSupplier source) {
    this.source = source;
    this.now = source.getAsLong();
  }

  /** Reads the source again; called with the keyspace lock held, before the keyspace is used. */
  void refresh() {
    now = source.getAsLong();
  }

  /** The source's time now, for use outside the lock. */
  long read() {
    return source.getAsLong();
  }

  @Override
  public long getAsLong() {
    return now;
  }
}
