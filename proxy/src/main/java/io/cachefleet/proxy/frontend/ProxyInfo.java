package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.Hello;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.proxy.PoolConfig;
import io.cachefleet.proxy.Proxy;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.stats.CommandLatency;
import io.cachefleet.proxy.stats.PoolSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * INFO as the proxy answers it: Redis's {@code # Section} / {@code field:value} format with the
 * proxy's own sections: server, clients, stats, pool (its backends and which are in the ring),
 * as in Redis 7 latencystats, which only {@code INFO latencystats}, {@code all} and
 * {@code everything} include, and last keyspace, which {@link KeyspaceSection} adds up from the
 * backends.
 */
final class ProxyInfo {

  /** Every section, in the order they are written. */
  private static final List<String> SECTIONS = List.of("server", "clients", "stats", "pool", "latencystats", "keyspace");
  private static final Set<String> DEFAULT_SECTIONS = Set.of("server", "clients", "stats", "pool", "keyspace");

  private ProxyInfo() {}

  /**
   * The sections INFO [section ...] asks for, in the order they are written: those named (any
   * case, unknown names ignored), {@code default}'s, or every one for {@code all} and
   * {@code everything}; with no argument, the default ones.
   */
  static List<String> sections(RespCommand cmd) {
    Set<String> asked = new HashSet<>();
    if (cmd.argc() == 1) {
      asked.addAll(DEFAULT_SECTIONS);
    }
    for (int i = 1; i < cmd.argc(); i++) {
      String name = cmd.argString(i).toLowerCase(Locale.ROOT);
      switch (name) {
        case "default" -> asked.addAll(DEFAULT_SECTIONS);
        case "all", "everything" -> asked.addAll(SECTIONS);
        default -> asked.add(name);
      }
    }
    return SECTIONS.stream().filter(asked::contains).toList();
  }

  /** The INFO text of {@code sections}, but for keyspace, which {@link KeyspaceSection} writes. */
  static String render(Pool pool, List<String> sections, PoolSnapshot stats) {
    StringBuilder sb = new StringBuilder();
    for (String name : sections) {
      if (!name.equals("keyspace")) {
        title(sb, name);
        section(pool, name, stats, sb);
      }
    }
    return sb.toString();
  }

  /** Starts section {@code name}: {@code # Name}, after a blank line when a section came before. */
  static void title(StringBuilder sb, String name) {
    if (!sb.isEmpty()) {
      sb.append("\r\n");
    }
    sb.append("# ").append(Character.toUpperCase(name.charAt(0))).append(name.substring(1)).append("\r\n");
  }

  private static void section(Pool pool, String name, PoolSnapshot stats, StringBuilder sb) {
    switch (name) {
      case "server" -> {
        line(sb, "redis_version", Hello.REDIS_VERSION);
        line(sb, "cachefleet_version", Proxy.version());
        line(sb, "redis_mode", "proxy");
        line(sb, "process_id", ProcessHandle.current().pid());
        line(sb, "tcp_port", pool.port());
        long uptime = (System.currentTimeMillis() - pool.startedAt()) / 1000;
        line(sb, "uptime_in_seconds", uptime);
        line(sb, "uptime_in_days", uptime / 86400);
      }
      case "clients" -> line(sb, "connected_clients", stats.clientConnections());
      case "stats" -> {
        line(sb, "total_connections_received", stats.clientsAccepted());
        line(sb, "total_commands_processed", stats.commands());
      }
      case "pool" -> pool(pool, sb);
      case "latencystats" -> latencies(stats, sb);
      default -> throw new IllegalArgumentException(name);
    }
  }

  private static void pool(Pool pool, StringBuilder sb) {
    PoolConfig config = pool.config();
    line(sb, "pool", config.name());
    line(sb, "hash", config.hash().name());
    line(sb, "distribution", config.distribution().configName());
    List<Backend> live = pool.router().live();
    line(sb, "backends", pool.router().backends().size());
    line(sb, "backends_in_ring", live.size());
    line(sb, "ring_version", pool.router().ringVersion());
    for (Backend b : pool.router().backends()) {
      sb.append("backend").append(b.id()).append(":name=").append(b.member().name())
          .append(",addr=").append(b.member().address())
          .append(",weight=").append(b.member().weight())
          .append(",in_ring=").append(live.contains(b) ? 1 : 0).append("\r\n");
    }
  }

  /** Redis 7's lines: {@code latency_percentiles_usec_get:p50=1.003,p99=2.007,p99.9=3.011}. */
  private static void latencies(PoolSnapshot stats, StringBuilder sb) {
    for (CommandLatency latency : stats.latencies()) {
      sb.append("latency_percentiles_usec_").append(latency.command())
          .append(":p50=").append(micros(latency.p50Nanos()))
          .append(",p99=").append(micros(latency.p99Nanos()))
          .append(",p99.9=").append(micros(latency.p999Nanos())).append("\r\n");
    }
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1000.0);
  }

  static void line(StringBuilder sb, String field, Object value) {
    sb.append(field).append(':').append(value).append("\r\n");
  }

}
