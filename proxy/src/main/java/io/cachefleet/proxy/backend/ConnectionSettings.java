package io.cachefleet.proxy.backend;

import java.time.Duration;

/**
 * How a pool's connections to its backends behave.
 *
 * @param auth the password sent with AUTH on connect; "" for none
 * @param db the database selected on connect
 * @param timeout how long a request or a connect may take; {@link Duration#ZERO} for no limit
 */
public record ConnectionSettings(String auth, int db, Duration timeout) {

  long timeoutNanos() {
    return timeout.toNanos();
  }
}
