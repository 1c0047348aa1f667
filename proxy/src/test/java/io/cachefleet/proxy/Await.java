package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a test expects to become true. */
final class Await {

  private Await() {}

  /** Polls {@code condition} until it holds, for at most ten seconds. */
  static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition still false after 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
