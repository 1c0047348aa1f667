package io.cachefleet.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition another process brings about, checking it every few milliseconds. */
final class Await {

  /** Short against the timeouts awaited (hundreds of milliseconds), cheap for the processes asked. */
  private static final long POLL_MILLIS = 20;

  private Await() {}

  /** Returns once {@code condition} holds; fails naming {@code what} when it has not within {@code timeout}. */
  static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + timeout + ": " + what);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
    }
  }
}
