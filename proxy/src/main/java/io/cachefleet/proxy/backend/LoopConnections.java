package io.cachefleet.proxy.backend;

import io.cachefleet.proxy.stats.LoopStats;
import io.cachefleet.proxy.stats.ServerStats;
import java.util.Arrays;

/**
 * One event loop's connections to the backends of one pool: {@code server_connections} to each,
 * made when the loop first reaches the backend. A client always uses the same connection to a
 * backend, chosen by its id. Used only on the loop's thread.
 */
public final class LoopConnections {

  private final Loop loop;
  private final ConnectionSettings settings;
  private final int perBackend;
  private final LoopStats stats;
  /** By backend id; null until the loop first reaches the backend. */
  private BackendConnection[][] byBackend = new BackendConnection[0][];

  /** @param stats the pool's statistics on {@code loop} */
  public LoopConnections(Loop loop, ConnectionSettings settings, int perBackend, LoopStats stats) {
    this.loop = loop;
    this.settings = settings;
    this.perBackend = perBackend;
    this.stats = stats;
  }

  /** The connection client {@code clientId} uses to reach {@code backend}. */
  public BackendConnection get(Backend backend, long clientId) {
    BackendConnection[] conns = connections(backend);
    return conns[(int) Long.remainderUnsigned(clientId, conns.length)];
  }

  private BackendConnection[] connections(Backend backend) {
    int id = backend.id();
    if (id < byBackend.length) {
      BackendConnection[] conns = byBackend[id];
      if (conns != null && conns[0].backend() == backend) {
        return conns;
      }
    } else {
      byBackend = Arrays.copyOf(byBackend, Math.max(id + 1, byBackend.length * 2));
    }
    // a request bound to a backend that left (a transaction's, say) may find its id another's
    // now: it gets connections and counters of its own, and the connections close once answered
    boolean left = backend.left();
    ServerStats counters = stats.server(backend);
    BackendConnection[] conns = new BackendConnection[perBackend];
    for (int i = 0; i < perBackend; i++) {
      conns[i] = new BackendConnection(backend, loop, settings, counters);
      if (left) {
        conns[i].retire();
      }
    }
    if (!left) {
      byBackend[id] = conns;
    }
    return conns;
  }

  /** Opens the connections to {@code backend} now. */
  public void preconnect(Backend backend) {
    for (BackendConnection c : connections(backend)) {
      c.preconnect();
    }
  }

  /**
   * {@code backend} left the pool: its connections close once they are answered, and its id is
   * free for another backend.
   */
  public void retire(Backend backend) {
    int id = backend.id();
    if (id < byBackend.length && byBackend[id] != null && byBackend[id][0].backend() == backend) {
      for (BackendConnection c : byBackend[id]) {
        c.retire();
      }
      byBackend[id] = null;
    }
  }
}
