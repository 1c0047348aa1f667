package io.cachefleet.proxy;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Waits, at most ten seconds, for what a test expects to become true. */
final class Await {

  private Await() {}

  /** Returns once {@code condition} holds. */
  static void until(BooleanSupplier condition) {
    tenSeconds().until(condition::getAsBoolean);
  }

  /** Returns the first value of {@code value} that satisfies {@code condition}. */
  static <T> T until(Callable<T> value, Predicate<T> condition) {
    return tenSeconds().until(value, condition);
  }

  private static ConditionFactory tenSeconds() {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20));
  }
}
