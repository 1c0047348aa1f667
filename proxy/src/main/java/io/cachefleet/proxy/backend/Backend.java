package io.cachefleet.proxy.backend;

import io.cachefleet.discovery.Member;
import io.cachefleet.proxy.stats.Server;
import java.net.InetSocketAddress;

/**
 * One member of a pool, shared by every event loop; each loop keeps its own connections to it.
 * Its {@link #id()} indexes the per-loop connection arrays. A member that leaves the pool and
 * comes back is a new {@code Backend}, which may reuse the id of one that left.
 */
public final class Backend implements Server {

  private final int id;
  private final Member member;
  private final String label;
  private final InetSocketAddress address;
  private BackendHealth health;
  private volatile boolean left;

  /** Resolves the member's host now, off the event loops, as Twemproxy does when it reads its config. */
  public Backend(int id, Member member) {
    this.id = id;
    this.member = member;
    this.address = new InetSocketAddress(member.host(), member.port());
    this.label = member.name().equals(member.address()) ? member.address()
        : member.name() + " (" + member.address() + ")";
  }

  /** Ejects this backend from the ring after failures, as {@code auto_eject_hosts} asks; set once, before it is routed to. */
  public void health(BackendHealth health) {
    this.health = health;
  }

  /** The backend left the pool: stops watching its health. */
  public void retire() {
    left = true;
    if (health != null) {
      health.close();
    }
  }

  /** True once the backend left the pool; its id may belong to another backend by now. */
  @Override
  public boolean left() {
    return left;
  }

  /** True while the backend is ejected from the ring. */
  public boolean ejected() {
    return health != null && health.ejected();
  }

  void failure(String error) {
    if (health != null) {
      health.failure(error);
    }
  }

  void success() {
    if (health != null) {
      health.success();
    }
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public String name() {
    return member.name();
  }

  @Override
  public long ejections() {
    return health == null ? 0 : health.ejections();
  }

  @Override
  public long ejectedAtMicros() {
    return health == null ? 0 : health.ejectedAtMicros();
  }

  public Member member() {
    return member;
  }

  /** How errors name this backend: {@code host:port}, or {@code name (host:port)}. */
  public String label() {
    return label;
  }

  InetSocketAddress address() {
    return address;
  }

  String timedOut(long millis) {
    return "ERR backend " + label + " timed out after " + millis + " ms";
  }

  String closed() {
    return "ERR backend " + label + " closed the connection";
  }

  String unreachable(Throwable cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return "ERR backend " + label + " is unreachable: " + reason;
  }

  @Override
  public String toString() {
    return label;
  }
}
