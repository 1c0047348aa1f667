package io.cachefleet.proxy.stats;

import java.util.List;
import java.util.Locale;

/**
 * Twemproxy's stats document, laid out byte for byte as nutcracker 0.5.0 writes it
 * ({@code nc_stats.c}): each field followed by a comma and a space, a nested object opened after
 * its key with a colon, a space and a brace, and closed by a brace and a comma with no space, a
 * newline at the end. Scripts that scrape it with regular expressions keep working, as JSON
 * parsers do.
 */
final class StatsJson {

  private StatsJson() {}

  /** Values of the document's header. */
  record Header(String service, String source, String version, long uptime, long timestamp) {}

  static String render(Header header, List<PoolSnapshot> pools) {
    StringBuilder sb = new StringBuilder(1024 * pools.size()).append('{');
    text(sb, "service", header.service());
    text(sb, "source", header.source());
    text(sb, "version", header.version());
    number(sb, "uptime", header.uptime());
    number(sb, "timestamp", header.timestamp());
    // nutcracker counts its listeners, clients and server connections; so does the proxy
    long total = pools.size();
    long current = pools.size();
    for (PoolSnapshot pool : pools) {
      total += pool.clientsAccepted();
      current += pool.clientConnections();
      for (int b = 0; b < pool.servers().size(); b++) {
        total += pool.counter(b, ServerCounter.CONNECTIONS_OPENED);
        current += pool.counter(b, ServerCounter.SERVER_CONNECTIONS);
      }
    }
    number(sb, "total_connections", total);
    number(sb, "curr_connections", current);
    for (PoolSnapshot pool : pools) {
      pool(sb, pool);
    }
    sb.setCharAt(sb.length() - 1, '}');
    return sb.append('\n').toString();
  }

  private static void pool(StringBuilder sb, PoolSnapshot pool) {
    open(sb, pool.name());
    for (PoolCounter c : PoolCounter.REPORTED) {
      number(sb, c.field(), pool.counter(c));
    }
    for (CommandLatency latency : pool.latencies()) {
      String prefix = "latency_" + fieldName(latency.command());
      number(sb, prefix + "_p50_us", micros(latency.p50Nanos()));
      number(sb, prefix + "_p99_us", micros(latency.p99Nanos()));
      number(sb, prefix + "_p999_us", micros(latency.p999Nanos()));
      number(sb, prefix + "_count", latency.count());
    }
    for (int b = 0; b < pool.servers().size(); b++) {
      open(sb, pool.servers().get(b));
      for (ServerCounter c : ServerCounter.REPORTED) {
        number(sb, c.field(), pool.counter(b, c));
      }
      close(sb);
    }
    close(sb);
  }

  /** A command's name as a field name: {@code client|id} becomes {@code client_id}. */
  static String fieldName(String command) {
    StringBuilder sb = new StringBuilder(command.length());
    for (int i = 0; i < command.length(); i++) {
      char ch = command.charAt(i);
      sb.append((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '_');
    }
    return sb.toString();
  }

  private static long micros(long nanos) {
    return (nanos + 500) / 1000;
  }

  private static void text(StringBuilder sb, String key, String value) {
    quoted(sb, key).append(':');
    quoted(sb, value).append(", ");
  }

  private static void number(StringBuilder sb, String key, long value) {
    quoted(sb, key).append(':').append(value).append(", ");
  }

  private static void open(StringBuilder sb, String key) {
    quoted(sb, key).append(": {");
  }

  /**
   * Ends the object opened last as nutcracker does: its trailing comma and space become a brace
   * and a comma, or, after a nested object, another brace goes before that object's comma.
   */
  private static void close(StringBuilder sb) {
    int end = sb.length();
    if (sb.charAt(end - 2) == ',') {
      sb.setCharAt(end - 2, '}');
      sb.setCharAt(end - 1, ',');
    } else {
      sb.setCharAt(end - 1, '}');
      sb.append(',');
    }
  }

  private static StringBuilder quoted(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        sb.append('\\').append(ch);
      } else if (ch < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.append('"');
  }
}
