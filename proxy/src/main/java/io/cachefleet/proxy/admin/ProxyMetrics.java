package io.cachefleet.proxy.admin;

import io.cachefleet.discovery.NodeDirectory;
import io.cachefleet.proxy.frontend.Pool;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.List;

/**
 * The proxy's meters: per pool, its members and ring, and the condition of the source of its
 * members (a Consul agent that cannot be reached shows as {@code cachefleet_membership_reachable 0}
 * and a rising {@code cachefleet_membership_failures_total}); and the JVM's memory, threads and
 * CPU. Each is read from the current snapshots when scraped, so recording costs the hot path nothing.
 */
public final class ProxyMetrics {

  private ProxyMetrics() {}

  /** Registers the meters of {@code pools} in {@code registry}. */
  public static void bind(MeterRegistry registry, List<Pool> pools) {
    for (Pool pool : pools) {
      Tags tags = Tags.of("pool", pool.config().name());
      Gauge.builder("cachefleet.pool.members", pool, p -> p.router().backends().size())
          .description("Members of the pool, ejected ones included").tags(tags).register(registry);
      Gauge.builder("cachefleet.pool.members.in.ring", pool, p -> p.router().live().size())
          .description("Members the ring routes to").tags(tags).register(registry);
      Gauge.builder("cachefleet.pool.ring.size", pool, p -> p.router().ringSize())
          .description("Entries on the ring: ketama points, modula weight units, random members")
          .tags(tags).register(registry);
      FunctionCounter.builder("cachefleet.pool.ring.changes", pool, p -> p.router().ringChanges())
          .description("Times the ring changed: members joined, left, were ejected or returned")
          .tags(tags).register(registry);
      Gauge.builder("cachefleet.membership.version", pool, p -> p.router().membershipVersion())
          .description("Version of the membership the pool routes over").tags(tags).register(registry);
      NodeDirectory directory = pool.directory();
      Gauge.builder("cachefleet.membership.reachable", directory, d -> d.status().reachable() ? 1 : 0)
          .description("1 when the source of the members answered its last query, else 0")
          .tags(tags).register(registry);
      Gauge.builder("cachefleet.membership.holding", directory, d -> d.status().holding() ? 1 : 0)
          .description("1 while a change removing too many members is held back").tags(tags).register(registry);
      Gauge.builder("cachefleet.membership.index", directory, d -> d.status().index())
          .description("The source's index of its last answer (X-Consul-Index)").tags(tags).register(registry);
      FunctionCounter.builder("cachefleet.membership.failures", directory, d -> d.status().failures())
          .description("Queries to the source of the members that failed").tags(tags).register(registry);
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }
}
