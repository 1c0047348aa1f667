package io.cachefleet.discovery.consul;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kiwiproject.consul.AgentClient;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.NotRegisteredException;
import org.kiwiproject.consul.model.agent.ImmutableRegCheck;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service instance registered in the local Consul agent, with a TTL check it renews from its
 * own health, not blindly.
 *
 * <h2>Design</h2>
 * Every {@code renewInterval} the registration asks its health supplier and reports the answer as
 * the check's state ({@code pass} or {@code fail}, with the supplier's note). When the agent
 * answers that it does not know the check, it has lost the registration (restarted without its
 * state), and the instance registers again at once. An agent that cannot be reached is retried at
 * the next renewal; if it stays away longer than the TTL the check turns critical on its own, and
 * after {@code deregisterCriticalAfter} Consul removes the instance: a dead process never lingers
 * in the fleet.
 */
public final class ConsulRegistration implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsulRegistration.class);

  /** A registration's requests never block in Consul: anything slower than this is a failure. */
  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

  private final Settings settings;
  private final Consul consul;
  private final Supplier<Health> health;
  private final ScheduledExecutorService renewer;
  private volatile Map<String, String> meta;
  private volatile boolean reachable;

  /**
   * What to register.
   *
   * @param agent the agent's HTTP(S) address
   * @param token the ACL token, or "" for none
   * @param caFile the PEM file of the CA of the agent's HTTPS certificate, or "" for the JVM's
   * @param service the service name ({@code cachefleet-node}, {@code cachefleet-proxy})
   * @param id the instance's ID, unique in the agent (the node's or proxy's name)
   * @param address the address clients reach the instance at
   * @param port its port
   * @param tags its tags
   * @param meta its meta data (weight, zone, run id, admin port, ...)
   * @param ttl the check's TTL: without a renewal for this long the instance turns critical
   * @param renewInterval how often the check is renewed; well under the TTL
   * @param deregisterCriticalAfter how long a critical instance stays before Consul removes it
   */
  public record Settings(String agent, String token, String caFile, String service, String id, String address,
                         int port, List<String> tags, Map<String, String> meta, Duration ttl, Duration renewInterval,
                         Duration deregisterCriticalAfter) {}

  /** The instance's health as the check should show it. */
  public record Health(boolean passing, String note) {}

  private ConsulRegistration(Settings settings, Consul consul, Supplier<Health> health) {
    this.settings = settings;
    this.consul = consul;
    this.health = health;
    this.meta = Map.copyOf(settings.meta());
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "consul-renew-" + settings.id());
      t.setDaemon(true);
      return t;
    });
  }

  /** Registers the instance, reports its health at once, and keeps renewing the check. */
  public static ConsulRegistration start(Settings settings, Supplier<Health> health) {
    ConsulRegistration registration = new ConsulRegistration(settings,
        ConsulClients.build(settings.agent(), settings.token(), settings.caFile(), REQUEST_TIMEOUT_MILLIS), health);
    try {
      registration.register();
    } catch (RuntimeException e) {
      registration.renewer.shutdownNow();
      registration.consul.destroy();
      throw e;
    }
    registration.renew();
    long every = settings.renewInterval().toMillis();
    registration.renewer.scheduleWithFixedDelay(registration::renew, every, every, TimeUnit.MILLISECONDS);
    return registration;
  }

  /** The check's ID: Consul's own name for a service's check. */
  public String checkId() {
    return "service:" + settings.id();
  }

  /** True when the last renewal reached the agent. */
  public boolean reachable() {
    return reachable;
  }

  /** The instance's meta data as registered last. */
  public Map<String, String> meta() {
    return meta;
  }

  /** Replaces the instance's meta data (a proxy's ring version, say) by registering again. */
  public void meta(Map<String, String> meta) {
    this.meta = Map.copyOf(meta);
    renewer.execute(this::registerAndRenew);
  }

  /** Puts the instance in or out of Consul's maintenance mode, which takes it out of the healthy set. */
  public void maintenance(boolean enable, String reason) {
    consul.agentClient().toggleMaintenanceMode(settings.id(), enable, reason);
  }

  /** Stops renewing and deregisters the instance. */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      consul.agentClient().deregister(settings.id());
    } catch (RuntimeException e) {
      log.warn("consul: could not deregister {}: {}", settings.id(), e.getMessage());
    } finally {
      consul.destroy();
    }
  }

  private void register() {
    consul.agentClient().register(ImmutableRegistration.builder()
        .id(settings.id())
        .name(settings.service())
        .address(settings.address())
        .port(settings.port())
        .tags(settings.tags())
        .meta(meta)
        .check(ImmutableRegCheck.builder()
            .id(checkId())
            .name(settings.service() + " health")
            .ttl(settings.ttl().toSeconds() + "s")
            .deregisterCriticalServiceAfter(settings.deregisterCriticalAfter().toSeconds() + "s")
            .build())
        .build());
  }

  private void registerAndRenew() {
    try {
      register();
      renew();
    } catch (RuntimeException e) {
      unreachable(e);
    }
  }

  /** Reports the current health; registers again first when the agent has forgotten the check. */
  private void renew() {
    Health h = health.get();
    AgentClient agent = consul.agentClient();
    try {
      try {
        report(agent, h);
      } catch (NotRegisteredException e) {
        if (!forgotten(e)) {
          throw e;
        }
        log.warn("consul: the agent no longer knows {}; registering it again", settings.id());
        register();
        report(agent, h);
      }
      if (!reachable) {
        log.info("consul: {} registered as {} in {}", settings.id(), settings.service(), settings.agent());
      }
      reachable = true;
    } catch (NotRegisteredException | RuntimeException e) {
      unreachable(e);
    }
  }

  /**
   * True when the agent answered that it does not know the check: it restarted without its
   * state. The client throws the same exception type when the agent cannot be reached at all.
   */
  private static boolean forgotten(NotRegisteredException e) {
    // Consul answers 404 "Unknown check ID"; versions before 1.11 answered 500 with the same text
    return e.getCause() instanceof ConsulException answer
        && (answer.getCode() == 404 || String.valueOf(answer.getMessage()).contains("nknown check"));
  }

  /** The client's pass and fail take the service ID and address its {@code service:ID} check. */
  private void report(AgentClient agent, Health h) throws NotRegisteredException {
    if (h.passing()) {
      agent.pass(settings.id(), h.note());
    } else {
      agent.fail(settings.id(), h.note());
    }
  }

  private void unreachable(Exception e) {
    if (reachable) {
      log.warn("consul: cannot renew {} at {}: {}", settings.id(), settings.agent(), e.getMessage());
    }
    reachable = false;
  }
}
