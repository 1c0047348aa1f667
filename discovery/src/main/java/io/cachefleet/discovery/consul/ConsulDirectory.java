package io.cachefleet.discovery.consul;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.Membership;
import io.cachefleet.discovery.NodeDirectory;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.HealthClient;
import org.kiwiproject.consul.model.ConsulResponse;
import org.kiwiproject.consul.model.health.Service;
import org.kiwiproject.consul.model.health.ServiceHealth;
import org.kiwiproject.consul.option.QueryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members of the fleet as a Consul agent reports them: the instances of the node service
 * whose checks all pass ({@code /v1/health/service/<name>?passing}), watched with blocking
 * queries.
 *
 * <h2>Design</h2>
 * One thread holds a blocking query open, resuming from the last {@code X-Consul-Index} (reset
 * to 0 when the index goes backwards, as Consul's documentation asks). Each answer goes to a
 * {@link ChangeGate}, which batches changes over the debounce window and holds an answer that
 * would remove too many members; a scheduler publishes what the gate lets through, as a new
 * {@link Membership} with the next version. When the agent cannot be reached or answers with an
 * error, the last published members stay in force and the query is retried with exponential
 * backoff, from index 0 so that it answers at once: the agent being back, and what changed while
 * it was away, show without waiting for the next change. {@link #status()} reports the condition.
 *
 * <p>A member's name is the service ID, its address the service address (else the node's), and
 * its weight and zone come from the service meta keys {@code weight} and {@code zone}.
 */
public final class ConsulDirectory implements NodeDirectory {

  private static final Logger log = LoggerFactory.getLogger(ConsulDirectory.class);

  /** Time allowed beyond a blocking query's longest wait before the read counts as failed. */
  private static final long READ_TIMEOUT_MARGIN_MILLIS = 5_000;

  private final Settings settings;
  private final Consul consul;
  private final ChangeGate gate;
  private final ScheduledExecutorService scheduler;
  private final Thread watcher;
  private final List<Consumer<Membership>> listeners = new CopyOnWriteArrayList<>();
  private volatile Membership current = new Membership(0, List.of());
  private final String source;
  private volatile Status status;
  private volatile boolean closed;
  /** The deadline of the publication already scheduled, so each is scheduled once; guarded by this. */
  private long scheduledAt = -1;

  /**
   * Settings of a watch.
   *
   * @param agent the agent's HTTP(S) address, e.g. {@code http://127.0.0.1:8500}
   * @param token the ACL token, or "" for none
   * @param caFile the PEM file of the CA of the agent's HTTPS certificate, or "" for the JVM's
   * @param datacenter the datacenter to ask about, or "" for the agent's own
   * @param service the node service's name
   * @param blockingWait how long one blocking query may wait (Consul caps it at 10 minutes)
   * @param debounce changes within this window are published together
   * @param maxRemovedShare the share of members an answer may remove without being held
   * @param removalGrace how long such an answer, or an empty one, is held before it applies
   * @param retryMin the first retry delay after a failure, doubled up to {@code retryMax}
   * @param retryMax the longest retry delay
   */
  public record Settings(String agent, String token, String caFile, String datacenter, String service,
                         Duration blockingWait, Duration debounce, double maxRemovedShare, Duration removalGrace,
                         Duration retryMin, Duration retryMax) {}

  ConsulDirectory(Settings settings, Consul consul) {
    this.settings = settings;
    this.consul = consul;
    this.gate = new ChangeGate(settings.debounce(), settings.maxRemovedShare(), settings.removalGrace(),
        System::nanoTime);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "consul-publish"));
    this.watcher = new Thread(this::watch, "consul-watch-" + settings.service());
    this.source = "consul " + settings.agent() + " service " + settings.service();
    this.status = new Status(source, false, 0, "no answer yet", false, 0);
    watcher.setDaemon(true);
  }

  /** Connects to the agent and starts watching; the first answer arrives on the watch thread. */
  public static ConsulDirectory start(Settings settings) {
    // a blocking query may take its wait plus Consul's jitter of up to wait/16
    long readTimeout = settings.blockingWait().toMillis() * 17 / 16 + READ_TIMEOUT_MARGIN_MILLIS;
    ConsulDirectory directory = new ConsulDirectory(settings,
        ConsulClients.build(settings.agent(), settings.token(), settings.caFile(), readTimeout));
    directory.watcher.start();
    return directory;
  }

  @Override
  public Membership current() {
    return current;
  }

  @Override
  public Status status() {
    return status;
  }

  @Override
  public AutoCloseable watch(Consumer<Membership> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    closed = true;
    watcher.interrupt();
    scheduler.shutdownNow();
    consul.destroy();
  }

  private void watch() {
    HealthClient health = consul.healthClient();
    BigInteger index = BigInteger.ZERO;
    long backoff = settings.retryMin().toMillis();
    while (!closed) {
      try {
        var query = QueryOptions.blockSeconds((int) settings.blockingWait().toSeconds(), index);
        if (!settings.datacenter().isEmpty()) {
          query.datacenter(settings.datacenter());
        }
        QueryOptions options = query.build();
        ConsulResponse<List<ServiceHealth>> response = health.getHealthyServiceInstances(settings.service(), options);
        BigInteger next = response.getIndex();
        boolean reset = next == null || next.compareTo(index) < 0;
        index = reset ? BigInteger.ZERO : next;
        backoff = settings.retryMin().toMillis();
        offer(members(response.getResponse()), index.longValue(), reset);
      } catch (RuntimeException e) {
        // ConsulException for an error answer or an unreachable agent, anything else for a malformed answer
        if (closed) {
          return;
        }
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (status.reachable() || status.lastError() == null || !reason.equals(status.lastError())) {
          log.warn("consul: cannot read service '{}' from {}: {}; keeping {} members, retrying in {} ms",
              settings.service(), settings.agent(), reason, current.members().size(), backoff);
        }
        failed(reason);
        index = BigInteger.ZERO;
        if (!sleep(backoff)) {
          return;
        }
        backoff = Math.min(backoff * 2, settings.retryMax().toMillis());
      }
    }
  }

  private synchronized void failed(String reason) {
    Status s = status;
    status = new Status(source, false, s.index(), reason, s.holding(), s.failures() + 1);
  }

  /** @param reset the agent's index went back: it restarted without its state */
  private synchronized void offer(List<Member> members, long index, boolean reset) {
    Status before = status;
    if (reset || !before.reachable() && before.failures() > 0) {
      // an agent that was away, or forgot its services, lists instances as they come back
      gate.settle();
    }
    gate.offer(members);
    if (!before.reachable() && before.failures() > 0) {
      log.info("consul: {} answers again; service '{}' has {} passing instances", settings.agent(),
          settings.service(), members.size());
    }
    status = new Status(source, true, index, null, gate.holding(), before.failures());
    publish();
  }

  /** Publishes what the gate lets through now, and schedules the next look when it holds something. */
  private synchronized void publish() {
    List<Member> members = gate.poll();
    // the status first: a listener, or whoever sees the ring it changed, reads it as of this change
    Status s = status;
    status = new Status(source, s.reachable(), s.index(), s.lastError(), gate.holding(), s.failures());
    if (members != null) {
      Membership next = new Membership(current.version() + 1, members);
      current = next;
      log.info("consul: {} members of '{}' (version {})", members.size(), settings.service(), next.version());
      listeners.forEach(l -> l.accept(next));
    }
    long at = gate.nextPollAt();
    if (at >= 0 && at != scheduledAt && !closed) {
      // one look per deadline: answers within a debounce window share the same one
      scheduledAt = at;
      scheduler.schedule(this::publish, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  /** The instances as members; one with a bad weight or port is left out, with a warning. */
  private static List<Member> members(List<ServiceHealth> instances) {
    List<Member> members = new ArrayList<>(instances.size());
    for (ServiceHealth instance : instances) {
      Service service = instance.getService();
      String address = service.getAddress() == null || service.getAddress().isEmpty()
          ? instance.getNode().getAddress() : service.getAddress();
      Map<String, String> meta = service.getMeta();
      try {
        int weight = Integer.parseInt(meta.getOrDefault("weight", "1"));
        members.add(new Member(service.getId(), address, service.getPort(), weight, meta.getOrDefault("zone", ""),
            meta));
      } catch (IllegalArgumentException e) {
        log.warn("consul: instance '{}' left out: {}", service.getId(), e.getMessage());
      }
    }
    members.sort(Comparator.comparing(Member::name));
    return members;
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
