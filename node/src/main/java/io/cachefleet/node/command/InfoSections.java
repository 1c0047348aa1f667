package io.cachefleet.node.command;

import io.cachefleet.node.store.Keyspace;
import io.cachefleet.protocol.Hello;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * INFO's text: Redis 7.0's sections, in Redis's order whatever the order asked, with Redis's
 * field names, so that dashboards and client libraries read them as they read Redis's. Fields
 * about machinery the node does not have (persistence, replication, modules) hold the values an
 * idle Redis without it shows. Error and command statistics are not tracked: their sections are
 * empty or absent.
 */
final class InfoSections {

  /** Every section, in the order Redis writes them; {@code default}, {@code all} and {@code everything} are all of them. */
  private static final List<String> ORDER = List.of("server", "clients", "memory", "persistence", "stats",
      "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

  /** Redis's LRU clock resolution and width ({@code LRU_CLOCK_RESOLUTION}, {@code LRU_BITS}). */
  private static final long LRU_CLOCK_MASK = (1 << 24) - 1;

  private InfoSections() {}

  /** INFO [section ...]: the sections named (any case), all of them when none is. */
  static String render(Call c) {
    boolean all = c.argc() == 1;
    Set<String> asked = new HashSet<>();
    for (int i = 1; i < c.argc(); i++) {
      String name = c.argString(i).toLowerCase(Locale.ROOT);
      switch (name) {
        case "default", "all", "everything" -> all = true;
        default -> asked.add(name);
      }
    }
    StringBuilder sb = new StringBuilder(2048);
    for (String section : ORDER) {
      if (all || asked.contains(section)) {
        if (sb.length() > 0) {
          sb.append("\r\n");
        }
        section(c.node, section, sb);
      }
    }
    return sb.toString();
  }

  private static void section(NodeContext n, String name, StringBuilder sb) {
    Keyspace ks = n.keyspace;
    switch (name) {
      case "server" -> server(n, sb);
      case "clients" -> {
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", n.clients.size());
        field(sb, "cluster_connections", 0);
        field(sb, "maxclients", n.settings.maxClients);
        field(sb, "client_recent_max_input_buffer", 0);
        field(sb, "client_recent_max_output_buffer", 0);
        field(sb, "blocked_clients", n.blocking.blockedClients());
        field(sb, "tracking_clients", 0);
        field(sb, "clients_in_timeout_table", 0);
      }
      case "memory" -> memory(n, sb);
      case "persistence" -> {
        sb.append("# Persistence\r\n");
        field(sb, "loading", 0);
        field(sb, "async_loading", 0);
        field(sb, "rdb_changes_since_last_save", n.dirty);
        field(sb, "rdb_bgsave_in_progress", 0);
        field(sb, "rdb_last_save_time", n.startMillis / 1000);
        field(sb, "rdb_last_bgsave_status", "ok");
        field(sb, "rdb_saves", 0);
        field(sb, "aof_enabled", 0);
        field(sb, "aof_rewrite_in_progress", 0);
        field(sb, "aof_rewrite_scheduled", 0);
        field(sb, "aof_last_write_status", "ok");
      }
      case "stats" -> {
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", n.totalConnections);
        field(sb, "total_commands_processed", n.totalCommands);
        field(sb, "instantaneous_ops_per_sec", 0);
        field(sb, "rejected_connections", n.rejectedConnections);
        field(sb, "expired_keys", ks.expiredKeys());
        field(sb, "evicted_keys", ks.evictedKeys());
        field(sb, "keyspace_hits", ks.hits());
        field(sb, "keyspace_misses", ks.misses());
        field(sb, "pubsub_channels", n.pubsub.channels.size());
        field(sb, "pubsub_patterns", n.pubsub.patterns.size());
        field(sb, "pubsubshard_channels", 0);
      }
      case "replication" -> {
        sb.append("# Replication\r\n");
        field(sb, "role", "master");
        field(sb, "connected_slaves", 0);
        field(sb, "master_failover_state", "no-failover");
        field(sb, "master_replid", n.runId);
        field(sb, "master_replid2", "0".repeat(40));
        field(sb, "master_repl_offset", 0);
        field(sb, "second_repl_offset", -1);
        field(sb, "repl_backlog_active", 0);
        field(sb, "repl_backlog_size", 1048576);
        field(sb, "repl_backlog_first_byte_offset", 0);
        field(sb, "repl_backlog_histlen", 0);
      }
      case "cpu" -> {
        var os = ManagementFactory.getOperatingSystemMXBean();
        double cpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", seconds(0));
        field(sb, "used_cpu_user", seconds(cpu));
        field(sb, "used_cpu_sys_children", seconds(0));
        field(sb, "used_cpu_user_children", seconds(0));
      }
      case "modules" -> sb.append("# Modules\r\n");
      case "errorstats" -> sb.append("# Errorstats\r\n");
      case "cluster" -> {
        sb.append("# Cluster\r\n");
        field(sb, "cluster_enabled", 0);
      }
      case "keyspace" -> {
        sb.append("# Keyspace\r\n");
        if (ks.size() > 0) {
          sb.append("db0:keys=").append(ks.size()).append(",expires=").append(ks.volatileSize())
              .append(",avg_ttl=0\r\n");
        }
      }
      default -> throw new IllegalArgumentException(name);
    }
  }

  private static void server(NodeContext n, StringBuilder sb) {
    long now = n.keyspace.now();
    long uptime = (now - n.startMillis) / 1000;
    sb.append("# Server\r\n");
    field(sb, "redis_version", Hello.REDIS_VERSION);
    field(sb, "redis_git_sha1", "00000000");
    field(sb, "redis_git_dirty", 0);
    field(sb, "redis_build_id", 0);
    field(sb, "redis_mode", "standalone");
    field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    field(sb, "arch_bits", 64);
    field(sb, "process_id", ProcessHandle.current().pid());
    field(sb, "process_supervised", "no");
    field(sb, "run_id", n.runId);
    field(sb, "server_time_usec", now * 1000);
    field(sb, "uptime_in_seconds", uptime);
    field(sb, "uptime_in_days", uptime / 86400);
    field(sb, "hz", n.settings.hz);
    field(sb, "configured_hz", n.settings.hz);
    field(sb, "lru_clock", (now / 1000) & LRU_CLOCK_MASK);
    field(sb, "config_file", "");
    field(sb, "io_threads_active", 0);
    field(sb, "cachefleet_role", "node");
  }

  private static void memory(NodeContext n, StringBuilder sb) {
    long used = n.keyspace.usedMemory();
    n.peakMemory = Math.max(n.peakMemory, used);
    long rss = Runtime.getRuntime().totalMemory();
    sb.append("# Memory\r\n");
    field(sb, "used_memory", used);
    field(sb, "used_memory_human", human(used));
    field(sb, "used_memory_rss", rss);
    field(sb, "used_memory_rss_human", human(rss));
    field(sb, "used_memory_peak", n.peakMemory);
    field(sb, "used_memory_peak_human", human(n.peakMemory));
    field(sb, "used_memory_peak_perc", String.format(Locale.ROOT, "%.2f%%",
        n.peakMemory == 0 ? 100.0 : used * 100.0 / n.peakMemory));
    field(sb, "maxmemory", n.settings.maxMemory);
    field(sb, "maxmemory_human", human(n.settings.maxMemory));
    field(sb, "maxmemory_policy", n.settings.policy.redisName());
    field(sb, "mem_fragmentation_ratio", used == 0 ? "0.00" : String.format(Locale.ROOT, "%.2f", (double) rss / used));
  }

  private static void field(StringBuilder sb, String name, Object value) {
    sb.append(name).append(':').append(value).append("\r\n");
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.6f", s);
  }

  /** Redis's {@code bytesToHuman}: 512B, 1.50K, 2.00M, ... */
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
