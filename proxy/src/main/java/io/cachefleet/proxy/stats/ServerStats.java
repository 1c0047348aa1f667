package io.cachefleet.proxy.stats;

/**
 * One event loop's counters for one backend of a pool: a view of its slice of the loop's
 * {@link LoopStats} counters. Called only on that loop's thread.
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

  private final long[] c;
  private final int base;

  ServerStats(long[] counters, int base) {
    this.c = counters;
    this.base = base;
  }

  public void connected() {
    c[base + SERVER_CONNECTIONS]++;
    c[base + CONNECTIONS_OPENED]++;
  }

  public void connectFailed() {
    c[base + SERVER_ERR]++;
  }

  /**
   * An open connection ended: {@code byBackend} when the backend closed it, {@code failed} when it
   * broke; neither when the proxy closed it.
   */
  public void closed(boolean byBackend, boolean failed) {
    c[base + SERVER_CONNECTIONS]--;
    if (failed) {
      c[base + SERVER_ERR]++;
    } else if (byBackend) {
      c[base + SERVER_EOF]++;
    }
  }

  public void timedOut() {
    c[base + SERVER_TIMEDOUT]++;
  }

  /** A request of {@code bytes} was handed to a connection, which owes its reply. */
  public void requested(long bytes) {
    c[base + REQUESTS]++;
    c[base + REQUEST_BYTES] += bytes;
  }

  /** A request waits for its connection to open. */
  public void queued(long bytes) {
    c[base + IN_QUEUE]++;
    c[base + IN_QUEUE_BYTES] += bytes;
  }

  /** A request stopped waiting for its connection: it was sent, or the connection failed to open. */
  public void dequeued(long bytes) {
    c[base + IN_QUEUE]--;
    c[base + IN_QUEUE_BYTES] -= bytes;
  }

  /** A request was written to an open connection and awaits its reply. */
  public void sent(long bytes) {
    c[base + OUT_QUEUE]++;
    c[base + OUT_QUEUE_BYTES] += bytes;
  }

  /** A sent request stopped awaiting its reply: the reply came, or the connection ended. */
  public void settled(long bytes) {
    c[base + OUT_QUEUE]--;
    c[base + OUT_QUEUE_BYTES] -= bytes;
  }

  public void responded(int bytes) {
    c[base + RESPONSES]++;
    c[base + RESPONSE_BYTES] += bytes;
  }
}
