package io.cachefleet.node.command;

import io.cachefleet.node.store.Keyspace;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders INFO's sections with Redis's field names, so dashboards and clients read them as Redis's. */
final class InfoSections {

  private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
      "replication", "cpu", "keyspace");

  private InfoSections() {}

  static String render(Call c, List<String> requested) {
    Set<String> sections = new LinkedHashSet<>();
    for (String name : requested) {
      switch (name) {
        case "default", "all", "everything" -> sections.addAll(DEFAULT);
        default -> sections.add(name);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String section : sections) {
      int before = sb.length();
      if (before > 0) {
        sb.append("\r\n");
      }
      if (!section(c, section, sb)) {
        sb.setLength(before);
      }
    }
    return sb.toString();
  }

  private static boolean section(Call c, String name, StringBuilder sb) {
    NodeContext n = c.node;
    Keyspace ks = n.keyspace;
    switch (name) {
      case "server" -> {
        long uptime = (ks.now() - n.startMillis) / 1000;
        sb.append("# Server\r\n");
        field(sb, "redis_version", ConnectionCommands.REDIS_VERSION);
        field(sb, "redis_mode", "standalone");
        field(sb, "cachefleet_role", "node");
        field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
        field(sb, "arch_bits", "64");
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "run_id", n.runId);
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "hz", n.settings.hz);
      }
      case "clients" -> {
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", n.clients.size());
        field(sb, "maxclients", n.settings.maxClients);
        field(sb, "blocked_clients", n.blocking.blockedClients());
        field(sb, "tracking_clients", 0);
      }
      case "memory" -> {
        long used = ks.usedMemory();
        n.peakMemory = Math.max(n.peakMemory, used);
        long rss = Runtime.getRuntime().totalMemory();
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", human(used));
        field(sb, "used_memory_rss", rss);
        field(sb, "used_memory_rss_human", human(rss));
        field(sb, "used_memory_peak", n.peakMemory);
        field(sb, "used_memory_peak_human", human(n.peakMemory));
        field(sb, "maxmemory", n.settings.maxMemory);
        field(sb, "maxmemory_human", human(n.settings.maxMemory));
        field(sb, "maxmemory_policy", n.settings.policy.redisName());
        field(sb, "mem_fragmentation_ratio", used == 0 ? "0.00"
            : String.format(Locale.ROOT, "%.2f", (double) rss / used));
      }
      case "persistence" -> {
        sb.append("# Persistence\r\n");
        field(sb, "loading", 0);
        field(sb, "rdb_changes_since_last_save", n.dirty);
        field(sb, "aof_enabled", 0);
      }
      case "stats" -> {
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", n.totalConnections);
        field(sb, "total_commands_processed", n.totalCommands);
        field(sb, "rejected_connections", n.rejectedConnections);
        field(sb, "expired_keys", ks.expiredKeys());
        field(sb, "evicted_keys", ks.evictedKeys());
        field(sb, "keyspace_hits", ks.hits());
        field(sb, "keyspace_misses", ks.misses());
        field(sb, "pubsub_channels", n.pubsub.channels.size());
        field(sb, "pubsub_patterns", n.pubsub.patterns.size());
      }
      case "replication" -> {
        sb.append("# Replication\r\n");
        field(sb, "role", "master");
        field(sb, "connected_slaves", 0);
        field(sb, "master_replid", n.runId);
        field(sb, "master_repl_offset", 0);
      }
      case "cpu" -> {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun
            ? sun.getProcessCpuTime() / 1e9 : 0;
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", 0.0));
        field(sb, "used_cpu_user", String.format(Locale.ROOT, "%.6f", cpu));
      }
      case "keyspace" -> {
        sb.append("# Keyspace\r\n");
        if (ks.size() > 0) {
          sb.append("db0:keys=").append(ks.size()).append(",expires=").append(ks.volatileSize())
              .append(",avg_ttl=0\r\n");
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void field(StringBuilder sb, String name, Object value) {
    sb.append(name).append(':').append(value).append("\r\n");
  }

  /** Redis's {@code bytesToHuman}: 1.50K, 2.00M, ... */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    String[] units = {"K", "M", "G", "T", "P"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
  }
}
