package io.cachefleet.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Waits for a condition another process brings about, checking it every few milliseconds. */
final class Await {

  /** Short against the timeouts awaited (hundreds of milliseconds), cheap for the processes asked. */
  private static final Duration POLL = Duration.ofMillis(20);

  private Await() {}

  /** Returns once {@code condition} holds; fails naming {@code what} when it has not within {@code timeout}. */
  static void until(String what, Duration timeout, BooleanSupplier condition) {
    Awaitility.await(what).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(POLL)
        .until(condition::getAsBoolean);
  }
}
