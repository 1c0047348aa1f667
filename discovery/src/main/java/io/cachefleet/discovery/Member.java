package io.cachefleet.discovery;

import java.util.Map;

/**
 * One memory node as the ring sees it: its identity, where to reach it, its share of the keyspace
 * and its failure domain.
 *
 * <p>{@code name} is the ring identity. Ketama places a member by hashing {@code "<name>-<k>"}, so
 * proxies that agree on names agree on placement whatever the names resolve to; the weight scales
 * the number of points and is never part of the hashed string. {@link #of} names a member the way
 * Twemproxy names a server that has no explicit name, so a fleet moved from Twemproxy keeps every
 * key where it was.
 *
 * @param name the ring identity; non-blank and unique within a membership
 * @param host where the node listens; non-blank
 * @param port where the node listens, 1..65535
 * @param weight the share of the keyspace relative to the other members, at least 1
 * @param zone the failure domain (availability zone, rack), or {@code ""} when unknown; preference
 *     lists spread replicas across zones
 * @param meta free-form labels, such as Consul service meta; copied
 */
public record Member(String name, String host, int port, int weight, String zone, Map<String, String> meta) {

  /**
   * The port Twemproxy leaves out of a server's default identity, so that its ring matches
   * libmemcached's for memcached pools (nc_conf.c, {@code CONF_DEFAULT_KETAMA_PORT}).
   */
  private static final int LIBMEMCACHED_PORT = 11211;

  /** The highest TCP port. */
  private static final int MAX_PORT = 65535;

  public Member {
    requireText(name, "name");
    requireText(host, "host");
    if (port < 1 || port > MAX_PORT) {
      throw new IllegalArgumentException("port must be in 1.." + MAX_PORT + ", got " + port);
    }
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be at least 1, got " + weight);
    }
    if (zone == null) {
      throw new IllegalArgumentException("zone must not be null (\"\" means none)");
    }
    meta = copyMeta(meta);
  }

  /**
   * A member named as Twemproxy names a server configured as {@code host:port:weight}:
   * {@code "host:port"}, or just {@code "host"} when the port is 11211.
   */
  public static Member of(String host, int port, int weight) {
    String name = port == LIBMEMCACHED_PORT ? host : host + ":" + port;
    return new Member(name, host, port, weight, "", Map.of());
  }

  /** A member with an explicit ring identity, as Twemproxy's {@code host:port:weight name}. */
  public static Member named(String name, String host, int port, int weight) {
    return new Member(name, host, port, weight, "", Map.of());
  }

  /** {@code "host:port"}. */
  public String address() {
    return host + ":" + port;
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank, got "
          + (value == null ? "null" : "\"" + value + "\""));
    }
  }

  private static Map<String, String> copyMeta(Map<String, String> meta) {
    if (meta == null) {
      throw new IllegalArgumentException("meta must not be null");
    }
    try {
      return Map.copyOf(meta);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("meta must not contain null keys or values", e);
    }
  }
}
