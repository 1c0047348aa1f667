package io.cachefleet.proxy.route;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.Membership;
import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.discovery.ring.KeyHash;
import io.cachefleet.discovery.ring.Ring;
import io.cachefleet.proxy.backend.Backend;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps keys to backends for one pool: the hash tag picks the bytes to hash, the pool's hash
 * function hashes them, and the ring of live backends names the owner.
 *
 * <h2>Design</h2>
 * The members come from a {@link Membership} ({@link #update}): a static list given once, or each
 * change a directory such as Consul reports. Each member is a {@link Backend}; one that stays
 * keeps its backend, and with it its connections and statistics, while one that joins gets a new
 * backend with the lowest free id, so ids stay dense and index the per-loop arrays. The ring is
 * an immutable snapshot over the members that are not ejected, swapped atomically when the
 * membership changes or a backend is ejected or returns, so routing takes no lock: event loops
 * read whichever snapshot is current.
 *
 * <p>A backend that leaves is retired: {@link #onLeave} listeners close its connections once
 * they are answered, then {@link #release} frees its id, so no event loop can still hold a
 * connection of the old backend under an id a new one has taken.
 */
public final class Router {

  private static final Logger log = LoggerFactory.getLogger(Router.class);

  /** The most members a pool routes to; SCAN cursors carry a backend id below it. */
  public static final int MAX_BACKENDS = 1024;

  private final String pool;
  private final KeyHash hash;
  private final HashTag hashTag;
  private final Distribution distribution;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Backend>> joinListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<Backend>> leaveListeners = new CopyOnWriteArrayList<>();
  /** Ids held by members and by retired backends not yet released; guarded by this. */
  private final BitSet ids = new BitSet();
  private volatile Snapshot current;
  /** Times the ring changed; written under the lock, read by metrics. */
  private volatile long ringChanges;

  /**
   * The members and the ring over the live ones.
   *
   * @param members every member, in membership order
   * @param ring the ring over the live members
   * @param byMember the backend behind each ring member
   * @param version the ring's version
   * @param membershipVersion the version of the membership the members came from
   */
  private record Snapshot(List<Backend> members, Ring ring, Backend[] byMember, String version,
                          long membershipVersion) {}

  /** A router with no members until the first {@link #update}. */
  public Router(String pool, KeyHash hash, HashTag hashTag, Distribution distribution) {
    this.pool = pool;
    this.hash = hash;
    this.hashTag = hashTag;
    this.distribution = distribution;
    this.current = snapshot(List.of(), List.of(), 0);
  }

  /** Every member now, in membership order, ejected ones included. */
  public List<Backend> backends() {
    return current.members();
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

  /** The version of the membership the members came from. */
  public long membershipVersion() {
    return current.membershipVersion();
  }

  /** How many times the ring changed: its first members arrived, or members joined, left, were ejected or returned. */
  public long ringChanges() {
    return ringChanges;
  }

  /** The number of entries on the ring routed over now ({@link Ring#size()}). */
  public int ringSize() {
    return current.ring().size();
  }

  /** Calls {@code listener}, on the thread that changed it, whenever the ring changes. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Stops calling a listener given to {@link #onChange}. */
  public void removeOnChange(Runnable listener) {
    listeners.remove(listener);
  }

  /** Calls {@code listener} with each backend that joins, before the ring routes to it. */
  public void onJoin(Consumer<Backend> listener) {
    joinListeners.add(listener);
  }

  /**
   * Calls {@code listener} with each backend that leaves, after the ring stopped routing to it;
   * once its connections are retired, {@link #release} must be called.
   */
  public void onLeave(Consumer<Backend> listener) {
    leaveListeners.add(listener);
  }

  /**
   * Routes over {@code membership} from now on. A membership older than the current one, or
   * larger than {@link #MAX_BACKENDS}, is ignored with a warning.
   */
  public synchronized void update(Membership membership) {
    Snapshot before = current;
    if (membership.version() < before.membershipVersion()) {
      log.warn("pool {}: membership version {} is older than {}; ignored", pool, membership.version(),
          before.membershipVersion());
      return;
    }
    if (membership.members().size() > MAX_BACKENDS) {
      log.warn("pool {}: {} members is more than the {} a pool takes; keeping the {} members routed to", pool,
          membership.members().size(), MAX_BACKENDS, before.members().size());
      return;
    }
    Map<Identity, Backend> staying = new HashMap<>();
    for (Backend b : before.members()) {
      staying.put(Identity.of(b.member()), b);
    }
    List<Backend> members = new ArrayList<>(membership.members().size());
    List<Backend> joined = new ArrayList<>();
    for (Member m : membership.members()) {
      Backend b = staying.remove(Identity.of(m));
      if (b == null) {
        int id = ids.nextClearBit(0);
        ids.set(id);
        b = new Backend(id, m);
        joined.add(b);
      }
      members.add(b);
    }
    joined.forEach(b -> joinListeners.forEach(l -> l.accept(b)));
    swap(snapshot(members, live(members), membership.version()));
    if (!joined.isEmpty() || !staying.isEmpty()) {
      log.info("pool {}: {} members (version {}), ring {}{}{}", pool, members.size(), membership.version(),
          current.version(), joined.isEmpty() ? "" : "; joined " + joined, staying.isEmpty() ? ""
              : "; left " + staying.values());
    }
    listeners.forEach(Runnable::run);
    for (Backend b : staying.values()) {
      b.retire();
      leaveListeners.forEach(l -> l.accept(b));
    }
  }

  /** Frees the id of a backend that left, once nothing holds a connection to it under that id. */
  public synchronized void release(Backend backend) {
    ids.clear(backend.id());
  }

  /**
   * Rebuilds the ring over the members that are not ejected; keys of an ejected backend move to
   * the others as Twemproxy moves them, and come back when it returns.
   */
  public synchronized void refresh() {
    Snapshot s = current;
    swap(snapshot(s.members(), live(s.members()), s.membershipVersion()));
    listeners.forEach(Runnable::run);
  }

  /** Routes over {@code next} from now on; called under the lock. */
  private void swap(Snapshot next) {
    if (!next.version().equals(current.version())) {
      ringChanges++;
    }
    current = next;
  }

  private static List<Backend> live(List<Backend> members) {
    List<Backend> live = new ArrayList<>(members.size());
    for (Backend b : members) {
      if (!b.ejected()) {
        live.add(b);
      }
    }
    return live;
  }

  private Snapshot snapshot(List<Backend> members, List<Backend> live, long membershipVersion) {
    List<Member> ringMembers = new ArrayList<>(live.size());
    CRC32 digest = new CRC32();
    String shape = distribution.configName() + " " + hash.name() + " " + hashTag.tag();
    digest.update(shape.getBytes(StandardCharsets.UTF_8));
    for (Backend b : live) {
      Member m = b.member();
      ringMembers.add(m);
      digest.update(("\n" + m.name() + " " + m.address() + " " + m.weight()).getBytes(StandardCharsets.UTF_8));
    }
    String version = String.format("%08x", digest.getValue());
    return new Snapshot(List.copyOf(members), Ring.of(distribution, ringMembers), live.toArray(new Backend[0]),
        version, membershipVersion);
  }

  /** The backend owning the key at {@code buf[index, index + length)}, or null when none is live. */
  public Backend route(ByteBuf buf, int index, int length) {
    int h = hashTag.routingHash(hash, buf, index, length);
    Snapshot s = current;
    int member = s.ring().memberIndex(h);
    return member < 0 ? null : s.byMember()[member];
  }

  /**
   * What makes a member the same backend across memberships: what routing and connections use.
   * Meta data such as a run id may change without the backend being replaced.
   */
  private record Identity(String name, String host, int port, int weight, String zone) {
    static Identity of(Member m) {
      return new Identity(m.name(), m.host(), m.port(), m.weight(), m.zone());
    }
  }
}
