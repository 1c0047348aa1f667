package io.cachefleet.proxy.stats;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * One event loop's statistics for one pool: its counters, its backends' counters, and a latency
 * histogram per command. Written and read only on that loop's thread (see {@link PoolStats}).
 *
 * <p>The pool's counters are padded at both ends so that no other object shares their cache
 * lines: each loop increments its own counters on every request, and two loops' counters on one
 * line would make the line travel between cores on each increment. A backend's counters are made
 * on the loop's own thread when it first reaches the backend ({@link #server}), inside that
 * thread's allocation buffer, so they share no line with another loop's either.
 */
public final class LoopStats {

  /** Longs of padding at each end of the counters: two 64-byte lines, as adjacent-line prefetch pairs lines. */
  static final int PAD = 16;
  static final int POOL_COUNTERS = PoolCounter.values().length;
  static final int SERVER_COUNTERS = ServerCounter.values().length;

  /** The shortest latency told apart: sub-microsecond latencies fall in 512 ns steps. */
  static final long LOWEST_LATENCY_NANOS = 1_000;
  /** Longer latencies (blocking commands, mostly) are recorded as this; beyond any useful request timeout. */
  static final long HIGHEST_LATENCY_NANOS = 60_000_000_000L;
  /** Redis's precision for its latency histograms: values within 1%, in 22 KB per histogram. */
  static final int LATENCY_DIGITS = 2;

  private static final int CLIENT_EOF = PAD + PoolCounter.CLIENT_EOF.ordinal();
  private static final int CLIENT_ERR = PAD + PoolCounter.CLIENT_ERR.ordinal();
  private static final int CLIENT_CONNECTIONS = PAD + PoolCounter.CLIENT_CONNECTIONS.ordinal();
  private static final int FORWARD_ERROR = PAD + PoolCounter.FORWARD_ERROR.ordinal();
  private static final int FRAGMENTS = PAD + PoolCounter.FRAGMENTS.ordinal();
  private static final int CLIENTS_ACCEPTED = PAD + PoolCounter.CLIENTS_ACCEPTED.ordinal();
  private static final int COMMANDS = PAD + PoolCounter.COMMANDS.ordinal();

  /** The pool's counters, at {@code PAD}. */
  final long[] counters;
  /** By backend id; an entry for a backend that left stays until another backend takes its id. */
  private ServerStats[] servers;
  /** By command id; a command's histogram is created on this loop's thread when first used. */
  final Histogram[] latency;

  LoopStats(int commands) {
    counters = new long[PAD + POOL_COUNTERS + PAD];
    servers = new ServerStats[0];
    latency = new Histogram[commands];
  }

  static Histogram newHistogram() {
    return new Histogram(LOWEST_LATENCY_NANOS, HIGHEST_LATENCY_NANOS, LATENCY_DIGITS);
  }

  /**
   * The counters of this loop's connections to {@code server}, made on first use. A server that
   * left the pool gets counters that no snapshot reports, as its id may be another's by now.
   */
  public ServerStats server(Server server) {
    if (server.left()) {
      return new ServerStats(server);
    }
    int id = server.id();
    if (id >= servers.length) {
      servers = Arrays.copyOf(servers, Math.max(id + 1, servers.length * 2));
    }
    ServerStats stats = servers[id];
    if (stats == null || stats.server != server) {
      stats = new ServerStats(server);
      servers[id] = stats;
    }
    return stats;
  }

  /** The counters kept for {@code server}, or null when this loop never reached it. */
  ServerStats existing(Server server) {
    int id = server.id();
    ServerStats stats = id < servers.length ? servers[id] : null;
    return stats != null && stats.server == server ? stats : null;
  }

  public void clientConnected() {
    counters[CLIENT_CONNECTIONS]++;
    counters[CLIENTS_ACCEPTED]++;
  }

  /**
   * A client connection ended: {@code byClient} when the client closed it or sent QUIT,
   * {@code failed} when it broke; neither when the proxy closed it.
   */
  public void clientClosed(boolean byClient, boolean failed) {
    counters[CLIENT_CONNECTIONS]--;
    if (failed) {
      counters[CLIENT_ERR]++;
    } else if (byClient) {
      counters[CLIENT_EOF]++;
    }
  }

  public void command() {
    counters[COMMANDS]++;
  }

  /** A request was answered with an error because no backend could take it. */
  public void forwardError() {
    counters[FORWARD_ERROR]++;
  }

  /** A client request was split into {@code n} backend requests. */
  public void fragments(int n) {
    counters[FRAGMENTS] += n;
  }

  /** Records that a command of id {@code command} took {@code nanos} from being read to its reply. */
  public void latency(int command, long nanos) {
    Histogram h = latency[command];
    if (h == null) {
      h = newHistogram();
      latency[command] = h;
    }
    h.recordValue(Math.min(nanos, HIGHEST_LATENCY_NANOS));
  }
}
