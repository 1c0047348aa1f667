package io.cachefleet.proxy.frontend;

import io.cachefleet.proxy.PoolConfig;
import io.cachefleet.proxy.backend.Backend;
import java.util.List;
import java.util.Locale;

/**
 * INFO as the proxy answers it: Redis's {@code # Section} / {@code field:value} format with the
 * proxy's own sections: server, clients, stats and pool (its backends and which are in the ring).
 */
final class ProxyInfo {

  private static final List<String> DEFAULT_SECTIONS = List.of("server", "clients", "stats", "pool");

  private ProxyInfo() {}

  /** The INFO text for {@code section}: a section name, or default, all or everything. */
  static String render(Pool pool, String section) {
    String wanted = section.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder();
    for (String name : DEFAULT_SECTIONS) {
      if (wanted.equals(name) || wanted.equals("default") || wanted.equals("all") || wanted.equals("everything")) {
        if (!sb.isEmpty()) {
          sb.append("\r\n");
        }
        sb.append("# ").append(Character.toUpperCase(name.charAt(0))).append(name.substring(1)).append("\r\n");
        section(pool, name, sb);
      }
    }
    return sb.toString();
  }

  private static void section(Pool pool, String name, StringBuilder sb) {
    PoolConfig config = pool.config();
    switch (name) {
      case "server" -> {
        line(sb, "redis_version", LocalCommands.REDIS_VERSION);
        line(sb, "cachefleet_version", version());
        line(sb, "redis_mode", "proxy");
        line(sb, "process_id", ProcessHandle.current().pid());
        line(sb, "tcp_port", pool.port());
        long uptime = (System.currentTimeMillis() - pool.startedAt()) / 1000;
        line(sb, "uptime_in_seconds", uptime);
        line(sb, "uptime_in_days", uptime / 86400);
      }
      case "clients" -> line(sb, "connected_clients", pool.connectedClients.get());
      case "stats" -> {
        line(sb, "total_connections_received", pool.totalConnections());
        line(sb, "total_commands_processed", pool.commands.sum());
      }
      case "pool" -> pool(pool, sb);
      default -> throw new IllegalArgumentException(name);
    }
  }

  private static void pool(Pool pool, StringBuilder sb) {
    PoolConfig config = pool.config();
    line(sb, "pool", config.name());
    line(sb, "hash", config.hash().name());
    line(sb, "distribution", config.distribution().configName());
    List<Backend> live = pool.router().live();
    line(sb, "backends", config.servers().size());
    line(sb, "backends_in_ring", live.size());
    for (Backend b : pool.router().backends()) {
      sb.append("backend").append(b.id()).append(":name=").append(b.member().name())
          .append(",addr=").append(b.member().address())
          .append(",weight=").append(b.member().weight())
          .append(",in_ring=").append(live.contains(b) ? 1 : 0).append("\r\n");
    }
  }

  private static void line(StringBuilder sb, String field, Object value) {
    sb.append(field).append(':').append(value).append("\r\n");
  }

  private static String version() {
    String v = ProxyInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
