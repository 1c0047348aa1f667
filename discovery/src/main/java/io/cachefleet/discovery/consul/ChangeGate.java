package io.cachefleet.discovery.consul;

import io.cachefleet.discovery.Member;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides which of Consul's answers become the members a proxy routes over.
 *
 * <h2>Design</h2>
 * Every answer of the health watch is {@linkplain #offer offered}; {@link #poll} says what to
 * publish now. Three rules stand between an answer and the ring:
 * <ol>
 *   <li>Debounce: answers that come within {@code debounce} of the first unpublished change are
 *       batched into one publication, so a fleet restarting node by node rebuilds the ring once
 *       per window, not once per node.</li>
 *   <li>Mass removal: an answer that drops more than {@code maxRemovedShare} of the published
 *       members (a partitioned agent, a bad ACL, a mistaken deregistration) is held for
 *       {@code removalGrace} and published only if it still stands then; an answer that drops
 *       fewer ends the hold.</li>
 *   <li>An empty answer is always held so, even when nothing was published yet.</li>
 *   <li>Settling: after the agent was unreachable or lost its state (its index went back), any
 *       removal is held for {@code removalGrace}, however small: instances re-register with a
 *       restarted agent one by one, and an answer listing only those back so far must not take
 *       the others out of the ring while they are alive.</li>
 * </ol>
 * The first answer with members is published at once: a proxy starting up should not wait.
 * Failed requests never reach the gate, so one bad answer cannot drop the ring.
 *
 * <p>Not thread-safe: the watch thread alone calls it. Time comes from an injected ticker.
 */
final class ChangeGate {

  private final long debounceNanos;
  private final double maxRemovedShare;
  private final long removalGraceNanos;
  private final LongSupplier nanoTime;

  private List<Member> published;
  private List<Member> pending;
  private long pendingSince;
  private long heldSince;
  private boolean held;
  /** Removals are held until this time, by {@link System#nanoTime()}; see {@link #settle}. */
  private long settlingUntil;
  private boolean settling;

  ChangeGate(Duration debounce, double maxRemovedShare, Duration removalGrace, LongSupplier nanoTime) {
    if (maxRemovedShare < 0 || maxRemovedShare > 1) {
      throw new IllegalArgumentException("the share of members removed at once must be within 0..1 (was "
          + maxRemovedShare + ")");
    }
    this.debounceNanos = debounce.toNanos();
    this.maxRemovedShare = maxRemovedShare;
    this.removalGraceNanos = removalGrace.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * The agent answers again after an outage, or lost its state: for {@code removalGrace} from now
   * every answer that removes members is held.
   */
  void settle() {
    settling = true;
    settlingUntil = nanoTime.getAsLong() + removalGraceNanos;
  }

  /** A new answer from Consul: the members that are healthy now. */
  void offer(List<Member> members) {
    long now = nanoTime.getAsLong();
    if (settling && now - settlingUntil >= 0) {
      settling = false;
    }
    if (pending == null) {
      pendingSince = now;
    }
    pending = List.copyOf(members);
    boolean massRemoval = massRemoval();
    if (massRemoval && !held) {
      heldSince = now;
    }
    held = massRemoval;
  }

  /** The members to publish now, or null when nothing is to change yet. */
  List<Member> poll() {
    if (pending == null) {
      return null;
    }
    if (pending.equals(published)) {
      pending = null;
      held = false;
      return null;
    }
    long now = nanoTime.getAsLong();
    boolean first = published == null && !pending.isEmpty();
    if (!first && now - pendingSince < debounceNanos) {
      return null;
    }
    if (held && now - heldSince < removalGraceNanos) {
      return null;
    }
    published = pending;
    pending = null;
    held = false;
    return published;
  }

  /** The {@link System#nanoTime()}-based time at which {@link #poll} should be asked again, or -1. */
  long nextPollAt() {
    if (pending == null) {
      return -1;
    }
    long debounced = pendingSince + debounceNanos;
    return held ? Math.max(debounced, heldSince + removalGraceNanos) : debounced;
  }

  /** True while an answer that removes too many members is being held. */
  boolean holding() {
    return held;
  }

  /** The members last published, or an empty list before the first. */
  List<Member> published() {
    return published == null ? List.of() : published;
  }

  /** True when the pending answer is empty or drops too many of the published members, or any while settling. */
  private boolean massRemoval() {
    if (pending.isEmpty()) {
      return true;
    }
    if (published == null || published.isEmpty()) {
      return false;
    }
    Set<String> remaining = new HashSet<>();
    for (Member m : pending) {
      remaining.add(m.name());
    }
    int removed = 0;
    for (Member m : published) {
      if (!remaining.contains(m.name())) {
        removed++;
      }
    }
    return removed > (settling ? 0 : maxRemovedShare * published.size());
  }
}
