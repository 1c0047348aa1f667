package io.cachefleet.node.command;

import io.cachefleet.node.MemorySize;
import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespNumbers;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The parameters CONFIG GET shows and CONFIG SET changes, by Redis's names, with Redis's value
 * syntax ({@code 100mb}), bounds and error texts (config.c).
 *
 * <p>CONFIG SET is all or nothing, in Redis's two passes: the first finds unknown, immutable and
 * repeated names and reports the first such fault; the second sets the values in order and, when
 * one is refused, puts back every value it already set. Parameters whose value the node cannot
 * change (persistence, sampling) accept only their current value.
 */
final class ConfigParameters {

  /** Sets a parameter from its text, or throws with Redis's reason (the part after " - "). */
  @FunctionalInterface
  private interface Setter {
    void set(NodeContext node, String value);
  }

  /** @param set null for a parameter Redis itself cannot change at run time */
  private record Parameter(String name, Function<NodeContext, String> get, Setter set) {}

  /** Largest value of Redis's unsigned int parameters. */
  private static final long UINT_MAX = 4294967295L;
  /** Redis clamps {@code hz} into this range ({@code CONFIG_MIN_HZ}, {@code CONFIG_MAX_HZ}). */
  private static final int MIN_HZ = 1;
  private static final int MAX_HZ = 500;
  private static final String POLICIES = "volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, "
      + "allkeys-lfu, allkeys-random, noeviction";

  private final Map<String, Parameter> parameters = new LinkedHashMap<>();

  ConfigParameters() {
    add("maxmemory", n -> Long.toString(n.settings.maxMemory), (n, v) -> n.settings.maxMemory = memory(v));
    add("maxmemory-policy", n -> n.settings.policy.redisName(), (n, v) -> {
      EvictionPolicy p = EvictionPolicy.parse(v);
      if (p == null) {
        throw new IllegalArgumentException("argument(s) must be one of the following: " + POLICIES);
      }
      n.settings.policy = p;
      n.keyspace.setPolicy(p);
    });
    add("requirepass", n -> n.settings.requirePass == null ? "" : n.settings.requirePass,
        (n, v) -> n.settings.requirePass = v.isEmpty() ? null : v);
    add("proto-max-bulk-len", n -> Long.toString(n.settings.limits.maxBulkLength()),
        (n, v) -> n.settings.limits = n.settings.limits.withMaxBulkLength(bounded(memory(v), 1024 * 1024, Long.MAX_VALUE)));
    add("hz", n -> Integer.toString(n.settings.hz),
        (n, v) -> n.settings.hz = (int) Math.max(MIN_HZ, Math.min(MAX_HZ, bounded(integer(v), 0, Integer.MAX_VALUE))));
    add("maxclients", n -> Integer.toString(n.settings.maxClients),
        (n, v) -> n.settings.maxClients = (int) Math.min(Integer.MAX_VALUE, bounded(integer(v), 1, UINT_MAX)));
    add("databases", n -> "1", null);
    fixed("maxmemory-samples", "5");
    fixed("save", "");
    fixed("appendonly", "no");
    fixed("timeout", "0");
  }

  private void add(String name, Function<NodeContext, String> get, Setter set) {
    parameters.put(name, new Parameter(name, get, set));
  }

  /** A parameter Redis lets one change but this node does not: only its one value is accepted. */
  private void fixed(String name, String value) {
    add(name, n -> value, (n, v) -> {
      if (!v.equalsIgnoreCase(value)) {
        throw new IllegalArgumentException("argument must be '" + value + "', the only value this node supports");
      }
    });
  }

  /**
   * CONFIG GET pattern [pattern ...]: a name without glob characters is looked up and answered
   * as typed; a pattern matches names ignoring case. Each parameter appears once.
   */
  void get(Call c) {
    Map<String, String> found = new LinkedHashMap<>();
    Set<Parameter> seen = new HashSet<>();
    for (int i = 2; i < c.argc(); i++) {
      String typed = c.argString(i);
      if (typed.indexOf('[') < 0 && typed.indexOf('*') < 0 && typed.indexOf('?') < 0) {
        Parameter p = parameters.get(typed.toLowerCase(Locale.ROOT));
        if (p != null && seen.add(p)) {
          found.put(typed, p.get().apply(c.node));
        }
        continue;
      }
      byte[] pattern = c.arg(i);
      for (Parameter p : parameters.values()) {
        if (!seen.contains(p) && Glob.matches(pattern, p.name().getBytes(StandardCharsets.US_ASCII), true)) {
          seen.add(p);
          found.put(p.name(), p.get().apply(c.node));
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
      throw RedisError.SYNTAX;
    }
    int count = (c.argc() - 2) / 2;
    Parameter[] targets = new Parameter[count];
    String[] values = new String[count];
    for (int i = 0; i < count; i++) {
      String typed = c.argString(2 + 2 * i);
      Parameter p = parameters.get(typed.toLowerCase(Locale.ROOT));
      if (p == null) {
        throw RedisError.err("Unknown option or number of arguments for CONFIG SET - '" + typed + "'");
      }
      String fault = p.set() == null ? "can't set immutable config" : null;
      for (int j = 0; j < i; j++) {
        if (targets[j] == p) {
          fault = "duplicate parameter";
        }
      }
      if (fault != null) {
        throw failed(typed, fault);
      }
      targets[i] = p;
      values[i] = c.argString(3 + 2 * i);
    }
    String[] previous = new String[count];
    for (int i = 0; i < count; i++) {
      previous[i] = targets[i].get().apply(c.node);
    }
    for (int i = 0; i < count; i++) {
      try {
        targets[i].set().set(c.node, values[i]);
      } catch (IllegalArgumentException e) {
        for (int j = 0; j <= i; j++) {
          targets[j].set().set(c.node, previous[j]);
        }
        throw failed(targets[i].name(), e.getMessage());
      }
    }
    c.ok();
  }

  private static RedisError failed(String name, String reason) {
    return RedisError.err("CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
  }

  /** A memory parameter, as Redis's {@code memtoull} reads it ({@link MemorySize}). */
  private static long memory(String text) {
    try {
      return MemorySize.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("argument must be a memory value");
    }
  }

  /** An integer parameter as Redis's {@code string2ll} reads it. */
  private static long integer(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (!RespNumbers.isLong(bytes)) {
      throw new IllegalArgumentException("argument couldn't be parsed into an integer");
    }
    return RespNumbers.parseLong(bytes);
  }

  /** Redis's bounds check; a negative value is out of an unsigned range, as in Redis. */
  private static long bounded(long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
    }
    return v;
  }
}
