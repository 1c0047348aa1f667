package io.cachefleet.proxy.route;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.discovery.ring.KeyHash;
import io.cachefleet.discovery.ring.Ring;
import io.cachefleet.proxy.backend.Backend;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps keys to backends for one pool: the hash tag picks the bytes to hash, the pool's hash
 * function hashes them, and the ring of live backends names the owner.
 *
 * <p>The ring is an immutable snapshot swapped atomically when a backend is ejected or returns,
 * so routing takes no lock; event loops read whichever snapshot is current.
 */
public final class Router {

  private final KeyHash hash;
  private final HashTag hashTag;
  private final Distribution distribution;
  private final List<Backend> backends;
  private volatile Snapshot current;

  /** A ring over some of the backends, and the backend behind each ring member. */
  private record Snapshot(Ring ring, Backend[] byMember) {}

  public Router(KeyHash hash, HashTag hashTag, Distribution distribution, List<Backend> backends) {
    this.hash = hash;
    this.hashTag = hashTag;
    this.distribution = distribution;
    this.backends = List.copyOf(backends);
    use(this.backends);
  }

  /** Every configured backend, in configuration order: ids are indexes here. */
  public List<Backend> backends() {
    return backends;
  }

  /** The backends the ring routes to now. */
  public List<Backend> live() {
    return List.of(current.byMember());
  }

  /**
   * Rebuilds the ring over the backends that are not ejected; keys of an ejected backend move to
   * the others as Twemproxy moves them, and come back when it returns.
   */
  public synchronized void refresh() {
    List<Backend> live = new ArrayList<>();
    for (Backend b : backends) {
      if (!b.ejected()) {
        live.add(b);
      }
    }
    use(live);
  }

  private void use(List<Backend> live) {
    List<Member> members = new ArrayList<>(live.size());
    for (Backend b : live) {
      members.add(b.member());
    }
    current = new Snapshot(Ring.of(distribution, members), live.toArray(new Backend[0]));
  }

  /** The backend owning the key at {@code buf[index, index + length)}, or null when none is live. */
  public Backend route(ByteBuf buf, int index, int length) {
    int h = hashTag.routingHash(hash, buf, index, length);
    Snapshot s = current;
    int member = s.ring().memberIndex(h);
    return member < 0 ? null : s.byMember()[member];
  }
}
