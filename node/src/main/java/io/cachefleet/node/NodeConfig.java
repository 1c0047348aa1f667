package io.cachefleet.node;

import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.protocol.RespLimits;

/**
 * A memory node's settings, validated once; {@code dist} builds it from HOCON.
 *
 * @param name the node's name in the fleet
 * @param bind address to listen on
 * @param port RESP port; 0 picks a free one
 * @param ioThreads event loops serving connections
 * @param maxMemory bytes of data before the eviction policy acts; 0 for no limit
 * @param policy Redis's {@code maxmemory-policy}
 * @param requirePass password clients must AUTH with, or null for none
 * @param limits protocol limits per connection
 * @param hz active expiry cycles per second
 * @param maxClients connections accepted at once
 */
public record NodeConfig(String name, String bind, int port, int ioThreads, long maxMemory, EvictionPolicy policy,
                         String requirePass, RespLimits limits, int hz, int maxClients) {

  public NodeConfig {
    require(name != null && !name.isBlank(), "name must not be empty");
    require(bind != null && !bind.isBlank(), "bind must not be empty");
    require(port >= 0 && port <= 65535, "port must be within 0..65535: " + port);
    require(ioThreads >= 1, "io-threads must be at least 1: " + ioThreads);
    require(maxMemory >= 0, "maxmemory must not be negative: " + maxMemory);
    require(policy != null, "maxmemory-policy must be set");
    require(hz >= 1 && hz <= 500, "hz must be within 1..500: " + hz);
    require(maxClients >= 1, "maxclients must be at least 1: " + maxClients);
    require(limits != null, "limits must be set");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Event loops a node runs unless told otherwise: half the cores, at least one. Commands run
   * one at a time under the keyspace lock, so more loops only spread reading and writing; on a
   * small machine the clients (or a proxy) beside the node need the other cores.
   */
  public static int defaultIoThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /** Defaults for one node on this machine, listening on {@code port}. */
  public static NodeConfig defaults(int port) {
    return new NodeConfig("node-" + port, "127.0.0.1", port, defaultIoThreads(),
        0, EvictionPolicy.NOEVICTION, null, RespLimits.REDIS_DEFAULTS, 10, 10000);
  }
}
