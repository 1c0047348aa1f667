package io.cachefleet.proxy.backend;

import io.cachefleet.proxy.stats.LoopStats;
import java.util.List;

/**
 * One event loop's connections to every backend of one pool: {@code server_connections} each.
 * A client always uses the same connection to a backend, chosen by its id.
 */
public final class LoopConnections {

  private final BackendConnection[][] byBackend;

  /** @param stats the pool's statistics on {@code loop} */
  public LoopConnections(List<Backend> backends, Loop loop, ConnectionSettings settings, int perBackend,
                         LoopStats stats) {
    byBackend = new BackendConnection[backends.size()][perBackend];
    for (Backend b : backends) {
      for (int i = 0; i < perBackend; i++) {
        byBackend[b.id()][i] = new BackendConnection(b, loop, settings, stats.server(b.id()));
      }
    }
  }

  /** The connection client {@code clientId} uses to reach {@code backend}. */
  public BackendConnection get(Backend backend, long clientId) {
    BackendConnection[] conns = byBackend[backend.id()];
    return conns[(int) Long.remainderUnsigned(clientId, conns.length)];
  }

  /** Opens every connection now. */
  public void preconnect() {
    for (BackendConnection[] conns : byBackend) {
      for (BackendConnection c : conns) {
        c.preconnect();
      }
    }
  }

  public void closeAll() {
    for (BackendConnection[] conns : byBackend) {
      for (BackendConnection c : conns) {
        c.close();
      }
    }
  }
}
