package io.cachefleet.proxy.admin;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.NodeDirectory;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.frontend.Pool;
import io.cachefleet.proxy.route.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The admin documents, built from the pools' current snapshots. */
final class Documents {

  /** Every member is in the ring and every source of members answers. */
  static final String UP = "up";
  /** The proxy serves, but a source of members cannot be reached or holds a change back, or a member is ejected. */
  static final String DEGRADED = "degraded";
  /** The proxy cannot serve: a listener is closed, or a pool has no member to route to. */
  static final String DOWN = "down";

  private final List<Pool> pools;
  private final BooleanSupplier serving;

  Documents(List<Pool> pools, BooleanSupplier serving) {
    this.pools = List.copyOf(pools);
    this.serving = serving;
  }

  /**
   * The health document and its verdict.
   *
   * @param serving the proxy can answer requests: up or degraded
   */
  record Health(boolean serving, Map<String, Object> document) {}

  Health health() {
    boolean listening = serving.getAsBoolean();
    String status = listening ? UP : DOWN;
    Map<String, Object> byPool = new LinkedHashMap<>();
    for (Pool pool : pools) {
      Router router = pool.router();
      NodeDirectory.Status source = pool.directory().status();
      int members = router.backends().size();
      int inRing = router.live().size();
      String poolStatus = inRing == 0 ? DOWN
          : !source.reachable() || source.holding() || inRing < members ? DEGRADED : UP;
      status = worse(status, poolStatus);
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("status", poolStatus);
      p.put("members", members);
      p.put("in_ring", inRing);
      p.put("membership", source(source));
      byPool.put(pool.config().name(), p);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", status);
    doc.put("listening", listening);
    doc.put("pools", byPool);
    return new Health(!status.equals(DOWN), doc);
  }

  Map<String, Object> topology() {
    Map<String, Object> byPool = new LinkedHashMap<>();
    for (Pool pool : pools) {
      Router router = pool.router();
      NodeDirectory.Status source = pool.directory().status();
      List<Map<String, Object>> members = new ArrayList<>();
      for (Backend b : router.backends()) {
        Member m = b.member();
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("name", m.name());
        member.put("address", m.address());
        member.put("host", m.host());
        member.put("port", m.port());
        member.put("weight", m.weight());
        member.put("zone", m.zone());
        member.put("state", b.ejected() ? "ejected" : "up");
        members.add(member);
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("distribution", pool.config().distribution().configName());
      p.put("hash", pool.config().hash().name());
      p.put("ring_version", router.ringVersion());
      p.put("ring_size", router.ringSize());
      p.put("topology_version", router.membershipVersion());
      p.put("consul_index", source.index());
      p.put("source", source.source());
      p.put("members", members);
      byPool.put(pool.config().name(), p);
    }
    return Map.of("pools", byPool);
  }

  private static Map<String, Object> source(NodeDirectory.Status status) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("source", status.source());
    s.put("reachable", status.reachable());
    s.put("index", status.index());
    s.put("last_error", status.lastError());
    s.put("holding", status.holding());
    s.put("failures", status.failures());
    return s;
  }

  private static String worse(String a, String b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(String status) {
    return switch (status) {
      case UP -> 0;
      case DEGRADED -> 1;
      default -> 2;
    };
  }
}
