package io.cachefleet.proxy.stats;

import org.HdrHistogram.Histogram;

/**
 * One event loop's statistics for one pool: its counters, its backends' counters, and a latency
 * histogram per command. Written and read only on that loop's thread (see {@link PoolStats}).
 *
 * <p>The counters of the pool and of every backend share one array, padded at both ends so that
 * no other object shares its cache lines: each loop increments its own counters on every request,
 * and two loops' counters on one line would make the line travel between cores on each increment.
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

  /** The pool's counters at {@code PAD}, then each backend's, by backend id. */
  final long[] counters;
  private final ServerStats[] servers;
  /** By command id; a command's histogram is created on this loop's thread when first used. */
  final Histogram[] latency;

  LoopStats(int backends, int commands) {
    counters = new long[PAD + POOL_COUNTERS + backends * SERVER_COUNTERS + PAD];
    servers = new ServerStats[backends];
    for (int b = 0; b < backends; b++) {
      servers[b] = new ServerStats(counters, serverBase(b));
    }
    latency = new Histogram[commands];
  }

  static int serverBase(int backend) {
    return PAD + POOL_COUNTERS + backend * SERVER_COUNTERS;
  }

  static Histogram newHistogram() {
    return new Histogram(LOWEST_LATENCY_NANOS, HIGHEST_LATENCY_NANOS, LATENCY_DIGITS);
  }

  /** The counters of this loop's connections to backend {@code id}. */
  public ServerStats server(int backend) {
    return servers[backend];
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
