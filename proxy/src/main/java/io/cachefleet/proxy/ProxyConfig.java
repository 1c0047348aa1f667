package io.cachefleet.proxy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of a proxy process.
 *
 * @param ioThreads event loops serving clients and backends; 0 for one per core
 * @param statsBind the address of the Twemproxy-style stats port
 * @param statsPort the stats port (Twemproxy's 22222); 0 picks a free port, -1 disables it
 * @param adminBind the address of the admin HTTP port ({@code /health}, {@code /topology}, {@code /metrics})
 * @param adminPort the admin HTTP port; 0 picks a free port, -1 disables it
 * @param pools the server pools, each with its own listen address
 */
public record ProxyConfig(int ioThreads, String statsBind, int statsPort, String adminBind, int adminPort,
                          List<PoolConfig> pools) {

  /** Twemproxy's stats port. */
  public static final int DEFAULT_STATS_PORT = 22222;
  /** The admin HTTP port, next to the stats port. */
  public static final int DEFAULT_ADMIN_PORT = 22223;

  public ProxyConfig {
    if (ioThreads < 0) {
      throw new IllegalArgumentException("io-threads: must not be negative (was " + ioThreads + ")");
    }
    if (statsPort < -1 || statsPort > 65535) {
      throw new IllegalArgumentException("stats-port: must be within -1..65535 (was " + statsPort + ")");
    }
    if (adminPort < -1 || adminPort > 65535) {
      throw new IllegalArgumentException("admin-port: must be within -1..65535 (was " + adminPort + ")");
    }
    if (pools == null || pools.isEmpty()) {
      throw new IllegalArgumentException("pools: at least one pool is required");
    }
    pools = List.copyOf(pools);
    Set<String> names = new HashSet<>();
    for (PoolConfig pool : pools) {
      if (!names.add(pool.name())) {
        throw new IllegalArgumentException("pools: the name '" + pool.name() + "' appears twice");
      }
    }
  }

  /** Settings without the admin HTTP port. */
  public ProxyConfig(int ioThreads, String statsBind, int statsPort, List<PoolConfig> pools) {
    this(ioThreads, statsBind, statsPort, "127.0.0.1", -1, pools);
  }

  /** The event loops to run: {@link #ioThreads()}, or one per core when it is 0. */
  public int eventLoops() {
    return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
  }
}
