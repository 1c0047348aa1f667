package io.cachefleet.node.command;

import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.protocol.RedisError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The parameters CONFIG GET shows and CONFIG SET changes, by Redis's names and with Redis's
 * value syntax ({@code 100mb}) and error texts. A multi-parameter SET validates everything
 * before applying anything.
 */
final class ConfigParameters {

  private record Parameter(Function<NodeContext, String> get, BiConsumer<NodeContext, String> set) {}

  private final Map<String, Parameter> parameters = new LinkedHashMap<>();

  ConfigParameters() {
    parameters.put("maxmemory", new Parameter(n -> Long.toString(n.settings.maxMemory),
        (n, v) -> n.settings.maxMemory = memory(v)));
    parameters.put("maxmemory-policy", new Parameter(n -> n.settings.policy.redisName(), (n, v) -> {
      EvictionPolicy p = EvictionPolicy.parse(v);
      if (p == null) {
        throw new IllegalArgumentException("argument(s) must be one of the following: volatile-lru, volatile-lfu, "
            + "volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction");
      }
      n.settings.policy = p;
      n.keyspace.setPolicy(p);
    }));
    parameters.put("requirepass", new Parameter(n -> n.settings.requirePass == null ? "" : n.settings.requirePass,
        (n, v) -> n.settings.requirePass = v.isEmpty() ? null : v));
    parameters.put("proto-max-bulk-len", new Parameter(n -> Long.toString(n.settings.limits.maxBulkLength()),
        (n, v) -> {
          long len = memory(v);
          if (len < 1024 * 1024) {
            throw new IllegalArgumentException("argument must be between 1048576 and 9223372036854775807 inclusive");
          }
          n.settings.limits = n.settings.limits.withMaxBulkLength(len);
        }));
    parameters.put("hz", new Parameter(n -> Integer.toString(n.settings.hz),
        (n, v) -> n.settings.hz = (int) integer(v, 1, 500)));
    parameters.put("maxclients", new Parameter(n -> Integer.toString(n.settings.maxClients),
        (n, v) -> n.settings.maxClients = (int) integer(v, 1, Integer.MAX_VALUE)));
    parameters.put("maxmemory-samples", new Parameter(n -> "5", null));
    parameters.put("databases", new Parameter(n -> "1", null));
    parameters.put("save", new Parameter(n -> "", null));
    parameters.put("appendonly", new Parameter(n -> "no", null));
  }

  /** CONFIG GET pattern [pattern ...]. */
  void get(Call c) {
    Map<String, String> found = new LinkedHashMap<>();
    for (int i = 2; i < c.argc(); i++) {
      byte[] pattern = c.arg(i);
      for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
        if (Glob.matches(pattern, p.getKey().getBytes(StandardCharsets.US_ASCII), true)) {
          found.put(p.getKey(), p.getValue().get().apply(c.node));
        }
      }
    }
    c.mapHeader(found.size());
    found.forEach((k, v) -> {
      c.bulk(k);
      c.bulk(v);
    });
  }

  /** CONFIG SET parameter value [parameter value ...]: all or nothing. */
  void set(Call c) {
    if ((c.argc() & 1) == 1) {
      throw RedisError.err("wrong number of arguments for 'config|set' command");
    }
    Map<String, String> changes = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (int i = 2; i < c.argc(); i += 2) {
      String name = c.argString(i).toLowerCase(Locale.ROOT);
      Parameter p = parameters.get(name);
      if (p == null || p.set() == null) {
        throw RedisError.err("Unknown option or number of arguments for CONFIG SET - '" + c.argString(i) + "'");
      }
      if (changes.put(name, c.argString(i + 1)) != null) {
        throw RedisError.err("CONFIG SET failed (possibly related to argument '" + name + "') - duplicate parameter");
      }
      order.add(name);
    }
    Map<String, String> previous = new HashMap<>();
    for (String name : order) {
      previous.put(name, parameters.get(name).get().apply(c.node));
    }
    String applying = null;
    try {
      for (String name : order) {
        applying = name;
        parameters.get(name).set().accept(c.node, changes.get(name));
      }
    } catch (IllegalArgumentException e) {
      for (String name : order) {
        parameters.get(name).set().accept(c.node, previous.get(name));
      }
      throw RedisError.err("CONFIG SET failed (possibly related to argument '" + applying + "') - " + e.getMessage());
    }
    c.ok();
  }

  /** Parses a memory value as Redis's {@code memtoull}: a byte count with an optional k/kb/m/mb/g/gb unit. */
  static long memory(String text) {
    String v = text.toLowerCase(Locale.ROOT);
    long multiplier = 1;
    String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
        {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
    for (String[] u : units) {
      if (v.endsWith(u[0])) {
        multiplier = Long.parseLong(u[1]);
        v = v.substring(0, v.length() - u[0].length());
        break;
      }
    }
    try {
      long n = Long.parseLong(v);
      if (n < 0 || n > Long.MAX_VALUE / multiplier) {
        throw new IllegalArgumentException("argument must be a memory value");
      }
      return n * multiplier;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument must be a memory value");
    }
  }

  private static long integer(String text, long min, long max) {
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument couldn't be parsed into an integer");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
    }
    return v;
  }
}
