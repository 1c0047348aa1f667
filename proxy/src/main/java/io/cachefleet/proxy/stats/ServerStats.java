package io.cachefleet.proxy.stats;

/**
 * One event loop's counters for one backend of a pool. Created on that loop's thread when the
 * loop first reaches the backend, and called only there, so its array lies in memory the loop's
 * thread allocated, away from other loops' counters.
 */
public final class ServerStats {

  private static final int SERVER_EOF = ServerCounter.SERVER_EOF.ordinal();
  private static final int SERVER_ERR = ServerCounter.SERVER_ERR.ordinal();
  private static final int SERVER_TIMEDOUT = ServerCounter.SERVER_TIMEDOUT.ordinal();
  private static final int SERVER_CONNECTIONS = ServerCounter.SERVER_CONNECTIONS.ordinal();
  private static final int REQUESTS = ServerCounter.REQUESTS.ordinal();
  private static final int REQUEST_BYTES = ServerCounter.REQUEST_BYTES.ordinal();
  private static final int RESPONSES = ServerCounter.RESPONSES.ordinal();
  private static final int RESPONSE_BYTES = ServerCounter.RESPONSE_BYTES.ordinal();
  private static final int IN_QUEUE = ServerCounter.IN_QUEUE.ordinal();
  private static final int IN_QUEUE_BYTES = ServerCounter.IN_QUEUE_BYTES.ordinal();
  private static final int OUT_QUEUE = ServerCounter.OUT_QUEUE.ordinal();
  private static final int OUT_QUEUE_BYTES = ServerCounter.OUT_QUEUE_BYTES.ordinal();
  private static final int CONNECTIONS_OPENED = ServerCounter.CONNECTIONS_OPENED.ordinal();

  final Server server;
  final long[] c = new long[LoopStats.SERVER_COUNTERS];

  ServerStats(Server server) {
    this.server = server;
  }

  public void connected() {
    c[SERVER_CONNECTIONS]++;
    c[CONNECTIONS_OPENED]++;
  }

  public void connectFailed() {
    c[SERVER_ERR]++;
  }

  /**
   * An open connection ended: {@code byBackend} when the backend closed it, {@code failed} when it
   * broke; neither when the proxy closed it.
   */
  public void closed(boolean byBackend, boolean failed) {
    c[SERVER_CONNECTIONS]--;
    if (failed) {
      c[SERVER_ERR]++;
    } else if (byBackend) {
      c[SERVER_EOF]++;
    }
  }

  public void timedOut() {
    c[SERVER_TIMEDOUT]++;
  }

  /** A request of {@code bytes} was handed to a connection, which owes its reply. */
  public void requested(long bytes) {
    c[REQUESTS]++;
    c[REQUEST_BYTES] += bytes;
  }

  /** A request waits for its connection to open. */
  public void queued(long bytes) {
    c[IN_QUEUE]++;
    c[IN_QUEUE_BYTES] += bytes;
  }

  /** A request stopped waiting for its connection: it was sent, or the connection failed to open. */
  public void dequeued(long bytes) {
    c[IN_QUEUE]--;
    c[IN_QUEUE_BYTES] -= bytes;
  }

  /** A request was written to an open connection and awaits its reply. */
  public void sent(long bytes) {
    c[OUT_QUEUE]++;
    c[OUT_QUEUE_BYTES] += bytes;
  }

  /** A sent request stopped awaiting its reply: the reply came, or the connection ended. */
  public void settled(long bytes) {
    c[OUT_QUEUE]--;
    c[OUT_QUEUE_BYTES] -= bytes;
  }

  public void responded(int bytes) {
    c[RESPONSES]++;
    c[RESPONSE_BYTES] += bytes;
  }
}
