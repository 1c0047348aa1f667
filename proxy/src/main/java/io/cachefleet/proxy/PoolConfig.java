package io.cachefleet.proxy;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.discovery.ring.KeyHash;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One server pool, as a Twemproxy pool: where clients connect, how keys are placed, and the
 * backends behind it. Every setting of a nutcracker.yml pool has a field here, under the same
 * name in camel case.
 *
 * @param name the pool's name (the YAML mapping key)
 * @param listen where clients connect
 * @param hash the key hash ({@code hash})
 * @param hashTag the part of a key that is hashed ({@code hash_tag}); {@link HashTag#NONE} for all of it
 * @param distribution how hashes map to servers ({@code distribution})
 * @param timeout how long a request may wait for its backend; {@link Duration#ZERO} waits forever
 * @param backlog the listen socket's backlog
 * @param clientConnections the most client connections the pool accepts; 0 for no limit
 * @param redis true for Redis backends; false for memcached ones, which clients reach in memcached's
 *     ASCII protocol
 * @param redisAuth the password sent to every backend with AUTH, and required of clients; "" for none
 * @param redisDb the database selected on every backend connection
 * @param preconnect connect to every backend at start rather than on first use
 * @param autoEjectHosts take a failing backend out of the ring until it answers again
 * @param serverConnections connections to each backend from each event loop
 * @param serverRetryTimeout how long an ejected backend stays out before it is tried again
 * @param serverFailureLimit consecutive failures that eject a backend
 * @param servers the backends, in configuration order; empty when they come from Consul
 * @param consulService the Consul service whose passing instances are the backends, or "" when
 *     {@code servers} lists them
 */
public record PoolConfig(
    String name,
    ListenAddress listen,
    KeyHash hash,
    HashTag hashTag,
    Distribution distribution,
    Duration timeout,
    int backlog,
    int clientConnections,
    boolean redis,
    String redisAuth,
    int redisDb,
    boolean preconnect,
    boolean autoEjectHosts,
    int serverConnections,
    Duration serverRetryTimeout,
    int serverFailureLimit,
    List<Member> servers,
    String consulService) {

  /** Twemproxy's defaults (nc_conf.h), for the settings a pool does not give. */
  public static final int DEFAULT_BACKLOG = 512;
  public static final Duration DEFAULT_SERVER_RETRY_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_SERVER_FAILURE_LIMIT = 2;
  public static final int DEFAULT_SERVER_CONNECTIONS = 1;

  public PoolConfig {
    require(name != null && !name.isBlank(), "name", "must not be empty");
    require(listen != null, "listen", "is required");
    require(hash != null, "hash", "is required");
    require(hashTag != null, "hash_tag", "is required");
    require(distribution != null, "distribution", "is required");
    require(timeout != null && !timeout.isNegative(), "timeout", "must be zero (none) or positive");
    require(backlog > 0, "backlog", "must be positive");
    require(clientConnections >= 0, "client_connections", "must not be negative");
    require(redisAuth != null, "redis_auth", "must not be null");
    require(redis || redisAuth.isEmpty(), "redis_auth", "needs redis: true (memcached has no AUTH), as in Twemproxy");
    require(redisDb >= 0, "redis_db", "must not be negative");
    require(serverConnections > 0, "server_connections", "must be positive");
    require(serverRetryTimeout != null && serverRetryTimeout.toMillis() > 0, "server_retry_timeout",
        "must be positive");
    require(serverFailureLimit > 0, "server_failure_limit", "must be positive");
    require(servers != null, "servers", "must not be null");
    require(consulService != null, "consul-service", "must not be null");
    require(consulService.isEmpty() || servers.isEmpty(), "servers",
        "must be empty when the servers come from Consul service '" + consulService + "'");
    require(!consulService.isEmpty() || !servers.isEmpty(), "servers", "must list at least one server");
    servers = List.copyOf(servers);
    Set<String> names = new HashSet<>();
    for (Member server : servers) {
      require(names.add(server.name()), "servers", "name '" + server.name() + "' appears twice");
    }
  }

  /** A pool whose servers are listed in its configuration. */
  public PoolConfig(String name, ListenAddress listen, KeyHash hash, HashTag hashTag, Distribution distribution,
                    Duration timeout, int backlog, int clientConnections, boolean redis, String redisAuth, int redisDb,
                    boolean preconnect, boolean autoEjectHosts, int serverConnections, Duration serverRetryTimeout,
                    int serverFailureLimit, List<Member> servers) {
    this(name, listen, hash, hashTag, distribution, timeout, backlog, clientConnections, redis, redisAuth, redisDb,
        preconnect, autoEjectHosts, serverConnections, serverRetryTimeout, serverFailureLimit, servers, "");
  }

  private static void require(boolean ok, String setting, String reason) {
    if (!ok) {
      throw new IllegalArgumentException(setting + ": " + reason);
    }
  }

  /** A TCP address clients connect to. */
  public record ListenAddress(String host, int port) {
    public ListenAddress {
      require(host != null && !host.isBlank(), "listen", "needs a host");
      require(port >= 0 && port <= 65535, "listen", "port must be within 0..65535 (was " + port + ")");
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }
}
