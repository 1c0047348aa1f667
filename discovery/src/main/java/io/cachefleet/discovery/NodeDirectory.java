package io.cachefleet.discovery;

import java.util.function.Consumer;

/**
 * Who is in the fleet now, and every change after that.
 *
 * <p>A directory hands out immutable {@link Membership} snapshots. Readers never lock: they take
 * {@link #current()} or keep the last snapshot a listener received, and build a {@link Topology}
 * from it.
 */
public interface NodeDirectory extends AutoCloseable {

  /** The latest membership. */
  Membership current();

  /**
   * Calls {@code listener} with every membership that replaces the current one from now on, in
   * version order, on a thread of the directory's choosing.
   *
   * @return a handle whose {@code close()} stops the calls
   */
  AutoCloseable watch(Consumer<Membership> listener);

  /** Stops watching the source and releases what the directory holds; listeners get no more calls. */
  @Override
  void close();
}
