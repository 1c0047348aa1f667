package io.cachefleet.discovery;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** A fleet fixed in configuration: one membership, at version 1, that never changes. */
public final class StaticNodeDirectory implements NodeDirectory {

  /** The version of the only membership a static list has. */
  private static final long VERSION = 1;

  private final Membership membership;

  public StaticNodeDirectory(List<Member> members) {
    this.membership = new Membership(VERSION, members);
  }

  @Override
  public Membership current() {
    return membership;
  }

  /** Never calls {@code listener}: a static membership has no later change. */
  @Override
  public AutoCloseable watch(Consumer<Membership> listener) {
    Objects.requireNonNull(listener, "listener");
    return () -> { };
  }

  /** Always reachable: the list is the source. */
  @Override
  public Status status() {
    return new Status("static", true, 0, null, false, 0);
  }

  @Override
  public void close() {
  }
}
