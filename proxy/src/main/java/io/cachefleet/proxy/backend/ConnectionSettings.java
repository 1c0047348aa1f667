package io.cachefleet.proxy.backend;

import java.time.Duration;

/**
 * How a pool's connections to its backends behave.
 *
 * @param auth the password sent with AUTH on connect; "" for none
 * @param db the database selected on connect
 * @param timeout how long a request or a connect may take; {@link Duration#ZERO} for no limit
 * @param resp3 whether the connection says HELLO 3 on connect, for clients that speak RESP3
 * @param memcache whether the backends are memcached servers, spoken to in memcached's ASCII
 *     protocol (and then auth, db and resp3 do not apply)
 */
public record ConnectionSettings(String auth, int db, Duration timeout, boolean resp3, boolean memcache) {

  /** Settings for Redis backends. */
  public static ConnectionSettings redis(String auth, int db, Duration timeout) {
    return new ConnectionSettings(auth, db, timeout, false, false);
  }

  /** Settings for memcached backends. */
  public static ConnectionSettings memcache(Duration timeout) {
    return new ConnectionSettings("", 0, timeout, false, true);
  }

  /** These settings for RESP3 clients. */
  public ConnectionSettings withResp3() {
    return new ConnectionSettings(auth, db, timeout, true, memcache);
  }

  long timeoutNanos() {
    return timeout.toNanos();
  }
}
