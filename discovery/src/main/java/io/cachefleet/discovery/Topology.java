package io.cachefleet.discovery;

import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.Ring;
import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of the fleet: a membership and the ring built over it.
 *
 * <p>Proxies and nodes hold one in a volatile field and replace it whole when the membership
 * changes, so a request routes against one consistent ring without locks.
 */
public final class Topology {

  private final Membership membership;
  private final Ring ring;

  private Topology(Membership membership, Ring ring) {
    this.membership = membership;
    this.ring = ring;
  }

  /** The topology of {@code members} at {@code version}; ring indexes are indexes into {@code members}. */
  public static Topology of(long version, List<Member> members, Distribution distribution) {
    return of(new Membership(version, members), distribution);
  }

  /** The topology of a membership a {@link NodeDirectory} reported. */
  public static Topology of(Membership membership, Distribution distribution) {
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(distribution, "distribution");
    return new Topology(membership, Ring.of(distribution, membership.members()));
  }

  public long version() {
    return membership.version();
  }

  public List<Member> members() {
    return membership.members();
  }

  public Membership membership() {
    return membership;
  }

  public Ring ring() {
    return ring;
  }

  @Override
  public String toString() {
    return "Topology[version=" + version() + ", " + ring + "]";
  }
}
