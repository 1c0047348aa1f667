package io.cachefleet.proxy.backend;

import io.cachefleet.proxy.stats.LoopStats;
import io.cachefleet.proxy.stats.ServerStats;
import java.util.Arrays;

/**
 * One event loop's connections to the backends of one pool: {@code server_connections} to each,
 * made when the loop first reaches the backend. A client always uses the same connection to a
 * backend, chosen by its id. Used only on the loop's thread.
 *
 * <p>Clients that said HELLO 3 get connections of their own, which say HELLO 3 to the backend, so
 * every reply reaches them in RESP3 as the backend wrote it; they are made only once such a client
 * reaches the backend.
 */
public final class LoopConnections {

  private final Loop loop;
  private final int perBackend;
  private final LoopStats stats;
  private final Group resp2;
  private final Group resp3;

  /** @param stats the pool's statistics on {@code loop} */
  public LoopConnections(Loop loop, ConnectionSettings settings, int perBackend, LoopStats stats) {
    this.loop = loop;
    this.perBackend = perBackend;
    this.stats = stats;
    this.resp2 = new Group(settings);
    this.resp3 = new Group(settings.withResp3());
  }

  /** The connection client {@code clientId}, speaking RESP3 or not, uses to reach {@code backend}. */
  public BackendConnection get(Backend backend, long clientId, boolean resp3) {
    BackendConnection[] conns = (resp3 ? this.resp3 : resp2).connections(backend);
    return conns[(int) Long.remainderUnsigned(clientId, conns.length)];
  }

  /** Opens the connections RESP2 clients use to reach {@code backend} now. */
  public void preconnect(Backend backend) {
    for (BackendConnection c : resp2.connections(backend)) {
      c.preconnect();
    }
  }

  /**
   * {@code backend} left the pool: its connections close once they are answered, and its id is
   * free for another backend.
   */
  public void retire(Backend backend) {
    resp2.retire(backend);
    resp3.retire(backend);
  }

  /** The connections of one protocol, by backend id; null until the loop first reaches the backend. */
  private final class Group {
    private final ConnectionSettings settings;
    private BackendConnection[][] byBackend = new BackendConnection[0][];

    Group(ConnectionSettings settings) {
      this.settings = settings;
    }

    BackendConnection[] connections(Backend backend) {
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

    void retire(Backend backend) {
      int id = backend.id();
      if (id < byBackend.length && byBackend[id] != null && byBackend[id][0].backend() == backend) {
        for (BackendConnection c : byBackend[id]) {
          c.retire();
        }
        byBackend[id] = null;
      }
    }
  }
}
