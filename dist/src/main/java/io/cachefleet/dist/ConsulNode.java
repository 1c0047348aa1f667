package io.cachefleet.dist;

import io.cachefleet.discovery.consul.ConsulRegistration;
import io.cachefleet.node.Node;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node registered in Consul: it reports its own health there while it runs, and when it stops
 * it leaves gracefully: maintenance first, so proxies take it out of their rings, then, once
 * they have closed their connections (or the drain timeout passed), it deregisters.
 */
final class ConsulNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsulNode.class);

  private final Node node;
  private final ConsulRegistration registration;
  private final Duration drainTimeout;

  private ConsulNode(Node node, ConsulRegistration registration, Duration drainTimeout) {
    this.node = node;
    this.registration = registration;
    this.drainTimeout = drainTimeout;
  }

  /** Registers {@code node}; throws when the agent refuses or cannot be reached. */
  static ConsulNode register(Node node, ConsulRegistration.Settings settings, Duration drainTimeout) {
    ConsulRegistration registration = ConsulRegistration.start(settings, () -> {
      Node.Health health = node.health();
      return new ConsulRegistration.Health(health.serving(), health.note());
    });
    return new ConsulNode(node, registration, drainTimeout);
  }

  /** Drains the node through maintenance, then deregisters it; the node itself stays open. */
  @Override
  public void close() {
    String name = node.config().name();
    if (!drainTimeout.isZero()) {
      registration.maintenance(true, "shutting down");
      long started = System.nanoTime();
      try {
        node.drained().get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        log.info("{} drained in {} ms", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      } catch (TimeoutException e) {
        log.warn("{}: connections still open after {} ms; leaving anyway", name, drainTimeout.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    registration.close();
  }
}
