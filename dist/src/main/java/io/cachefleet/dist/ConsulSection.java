package io.cachefleet.dist;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.cachefleet.discovery.consul.ConsulDirectory;
import io.cachefleet.discovery.consul.ConsulRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code consul} section of a node's or a proxy's settings: whether and how it registers in
 * the local Consul agent, and, for a proxy, how it watches the node service there.
 *
 * <p>The ACL token comes from {@code token-file} when set, else {@code token}, else the
 * {@code CONSUL_HTTP_TOKEN} environment variable, as Consul's own tools take it; it is never
 * logged or put in an error message.
 */
final class ConsulSection {

  static final Set<String> KEYS = Set.of("enabled", "agent", "token", "token-file", "ca-file", "service", "address",
      "zone", "weight", "check-ttl", "renew-interval", "deregister-critical-after");

  /** A node's section also says how long the node waits, when it stops, for proxies to drain it. */
  static final Set<String> NODE_KEYS = union(KEYS, Set.of("drain-timeout"));

  /** A proxy's section also says how it watches the members of its pools. */
  static final Set<String> PROXY_KEYS = union(KEYS, Set.of("datacenter", "blocking-wait", "debounce",
      "max-removed-share", "removal-grace", "retry-min", "retry-max"));

  /** Consul caps a blocking query's wait at ten minutes. */
  private static final Duration MAX_BLOCKING_WAIT = Duration.ofMinutes(10);

  private ConsulSection() {}

  /**
   * The registration the section describes, or null when it is not enabled.
   *
   * @param consul the section, found at {@code path}
   * @param id the instance's ID in Consul: the node's or the proxy's name
   * @param defaultAddress the address registered when the section gives none
   * @param port the port clients reach the instance at
   * @param meta meta data beyond weight, zone and run id
   */
  static ConsulRegistration.Settings read(Config consul, String path, String id, String defaultAddress, int port,
                                          Map<String, String> meta, Map<String, String> env) {
    if (!Hocon.bool(consul, path, "enabled")) {
      return null;
    }
    String zone = Hocon.string(consul, path, "zone").strip();
    String address = Hocon.string(consul, path, "address").strip();
    List<String> tags = new ArrayList<>(List.of("cachefleet", "version:" + Main.version()));
    if (!zone.isEmpty()) {
      tags.add("zone:" + zone);
    }
    Map<String, String> allMeta = new HashMap<>(meta);
    allMeta.put("weight", Long.toString(Hocon.integer(consul, path, "weight", 1, 1_000_000)));
    allMeta.put("zone", zone);
    allMeta.put("run_id", UUID.randomUUID().toString());
    Duration ttl = Hocon.duration(consul, path, "check-ttl", false);
    Duration renew = Hocon.duration(consul, path, "renew-interval", false);
    if (renew.compareTo(ttl) >= 0) {
      throw Hocon.invalid(consul, path, "renew-interval", "must be shorter than check-ttl (" + ttl.toMillis()
          + " ms), or the check expires between renewals");
    }
    return new ConsulRegistration.Settings(nonEmpty(consul, path, "agent"), token(consul, path, env),
        Hocon.string(consul, path, "ca-file").strip(), nonEmpty(consul, path, "service"), id,
        address.isEmpty() ? defaultAddress : address, port, tags, allMeta, ttl, renew,
        Hocon.duration(consul, path, "deregister-critical-after", false));
  }

  /**
   * How a proxy watches the passing instances of {@code service}, the node service of one of its
   * pools; the section must be checked with {@link #PROXY_KEYS} and enabled.
   */
  static ConsulDirectory.Settings directory(Config consul, String path, String service, Map<String, String> env) {
    Duration wait = Hocon.duration(consul, path, "blocking-wait", false);
    if (wait.compareTo(MAX_BLOCKING_WAIT) > 0 || wait.toSeconds() < 1) {
      throw Hocon.invalid(consul, path, "blocking-wait", "must be within 1s..10m, Consul's range");
    }
    Duration retryMin = Hocon.duration(consul, path, "retry-min", false);
    Duration retryMax = Hocon.duration(consul, path, "retry-max", false);
    if (retryMax.compareTo(retryMin) < 0) {
      throw Hocon.invalid(consul, path, "retry-max", "must not be shorter than retry-min (" + retryMin.toMillis()
          + " ms)");
    }
    return new ConsulDirectory.Settings(nonEmpty(consul, path, "agent"), token(consul, path, env),
        Hocon.string(consul, path, "ca-file").strip(), Hocon.string(consul, path, "datacenter").strip(), service,
        wait, Hocon.duration(consul, path, "debounce", true), share(consul, path, "max-removed-share"),
        Hocon.duration(consul, path, "removal-grace", true), retryMin, retryMax);
  }

  /** A share within 0..1, as a number such as 0.5. */
  private static double share(Config consul, String path, String key) {
    double share;
    try {
      share = consul.getDouble(key);
    } catch (ConfigException e) {
      throw Hocon.invalid(consul, path, key, "must be a number within 0..1 (was "
          + Hocon.render(consul.root().get(key)) + ")");
    }
    if (!(share >= 0 && share <= 1)) {
      throw Hocon.invalid(consul, path, key, "must be within 0..1 (was " + share + ")");
    }
    return share;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static String nonEmpty(Config consul, String path, String key) {
    String value = Hocon.string(consul, path, key).strip();
    if (value.isEmpty()) {
      throw Hocon.invalid(consul, path, key, "must not be empty");
    }
    return value;
  }

  /** The ACL token; a token file that cannot be read is an error naming the file, never the token. */
  private static String token(Config consul, String path, Map<String, String> env) {
    String file = Hocon.string(consul, path, "token-file").strip();
    if (!file.isEmpty()) {
      try {
        return Files.readString(Path.of(file)).strip();
      } catch (IOException e) {
        throw Hocon.invalid(consul, path, "token-file", "cannot be read: " + e.getMessage());
      }
    }
    String token = Hocon.string(consul, path, "token").strip();
    return token.isEmpty() ? env.getOrDefault("CONSUL_HTTP_TOKEN", "") : token;
  }
}
