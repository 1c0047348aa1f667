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

  /** What the directory knows of its source now. */
  Status status();

  /**
   * What a directory knows of its source.
   *
   * @param source where the members come from, e.g. {@code static} or {@code consul http://...}
   * @param reachable the source answered the last time it was asked
   * @param index the source's index of the last answer (Consul's {@code X-Consul-Index}); 0 for none
   * @param lastError why the last question failed, or null when it did not
   * @param holding an answer that would remove too many members is being held back
   * @param failures questions that failed since the start
   */
  record Status(String source, boolean reachable, long index, String lastError, boolean holding, long failures) {}

  /** Stops watching the source and releases what the directory holds; listeners get no more calls. */
  @Override
  void close();
}
