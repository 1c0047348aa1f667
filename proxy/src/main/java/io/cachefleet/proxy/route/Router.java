package io.cachefleet.proxy.route;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.discovery.ring.KeyHash;
import io.cachefleet.discovery.ring.Ring;
import io.cachefleet.proxy.backend.Backend;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;

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
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile Snapshot current;

  /** A ring over some of the backends, the backend behind each ring member, and the ring's version. */
  private record Snapshot(Ring ring, Backend[] byMember, String version) {}

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
   * The version of the ring routed over now: a digest of its distribution, hash, hash tag and
   * members (name, address, weight), so two proxies routing the same keys to the same servers show
   * the same version, whatever their history.
   */
  public String ringVersion() {
    return current.version();
  }

  /** Calls {@code listener}, on the thread that changed it, whenever the ring changes. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
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
    listeners.forEach(Runnable::run);
  }

  private void use(List<Backend> live) {
    List<Member> members = new ArrayList<>(live.size());
    CRC32 digest = new CRC32();
    String shape = distribution.configName() + " " + hash.name() + " " + hashTag.tag();
    digest.update(shape.getBytes(StandardCharsets.UTF_8));
    for (Backend b : live) {
      Member m = b.member();
      members.add(m);
      digest.update(("\n" + m.name() + " " + m.address() + " " + m.weight()).getBytes(StandardCharsets.UTF_8));
    }
    String version = String.format("%08x", digest.getValue());
    current = new Snapshot(Ring.of(distribution, members), live.toArray(new Backend[0]), version);
  }

  /** The backend owning the key at {@code buf[index, index + length)}, or null when none is live. */
  public Backend route(ByteBuf buf, int index, int length) {
    int h = hashTag.routingHash(hash, buf, index, length);
    Snapshot s = current;
    int member = s.ring().memberIndex(h);
    return member < 0 ? null : s.byMember()[member];
  }
}
