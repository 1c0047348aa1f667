package io.cachefleet.proxy.backend;

import java.time.Duration;

/**
 * How a pool's connections to its backends behave.
 *
 * @param auth the password sent with AUTH on connect; "" for none
 * @param db the database selected on connect
 * @param timeout how long a request or a connect may take; {@link Duration#ZERO} for no limit
 * @param resp3 whether the connection says HELLO 3 on connect, for clients that speak RESP3
 */
public record ConnectionSettings(String auth, int db, Duration timeout, boolean resp3) {

  /** These settings for RESP3 clients. */
  public ConnectionSettings withResp3() {
    return new ConnectionSettings(auth, db, timeout, true);
  }

  long timeoutNanos() {
    return timeout.toNanos();
  }
}
