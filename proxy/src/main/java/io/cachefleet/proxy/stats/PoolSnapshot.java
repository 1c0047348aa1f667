package io.cachefleet.proxy.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** A pool's statistics summed over every event loop at one moment; see {@link PoolStats#snapshot}. */
public final class PoolSnapshot {

  private final PoolStats pool;
  private final long[] poolCounters = new long[LoopStats.POOL_COUNTERS];
  /** Backend {@code b}'s counter {@code c} at {@code b * SERVER_COUNTERS + c}. */
  private final long[] serverCounters;
  private final Histogram[] latency;

  PoolSnapshot(PoolStats pool, long[] ejections, long[] ejectedAtMicros) {
    this.pool = pool;
    this.serverCounters = new long[ejections.length * LoopStats.SERVER_COUNTERS];
    this.latency = new Histogram[pool.commandCount()];
    for (int b = 0; b < ejections.length; b++) {
      poolCounters[PoolCounter.SERVER_EJECTS.ordinal()] += ejections[b];
      serverCounters[b * LoopStats.SERVER_COUNTERS + ServerCounter.SERVER_EJECTED_AT.ordinal()] = ejectedAtMicros[b];
    }
  }

  /** Adds one loop's numbers; runs on that loop's thread. */
  void add(LoopStats loop) {
    for (int i = 0; i < poolCounters.length; i++) {
      poolCounters[i] += loop.counters[LoopStats.PAD + i];
    }
    int servers = LoopStats.serverBase(0);
    for (int i = 0; i < serverCounters.length; i++) {
      serverCounters[i] += loop.counters[servers + i];
    }
    for (int id = 0; id < latency.length; id++) {
      Histogram h = loop.latency[id];
      if (h != null) {
        if (latency[id] == null) {
          latency[id] = LoopStats.newHistogram();
        }
        latency[id].add(h);
      }
    }
  }

  /** Open client connections. */
  public long clientConnections() {
    return counter(PoolCounter.CLIENT_CONNECTIONS);
  }

  /** Client connections accepted since the start. */
  public long clientsAccepted() {
    return counter(PoolCounter.CLIENTS_ACCEPTED);
  }

  /** Commands read from clients since the start. */
  public long commands() {
    return counter(PoolCounter.COMMANDS);
  }

  /** The latency of every command answered at least once, in command table order. */
  public List<CommandLatency> latencies() {
    List<CommandLatency> all = new ArrayList<>();
    for (int id = 0; id < latency.length; id++) {
      Histogram h = latency[id];
      if (h != null) {
        all.add(new CommandLatency(pool.command(id), h.getTotalCount(), h.getValueAtPercentile(50),
            h.getValueAtPercentile(99), h.getValueAtPercentile(99.9)));
      }
    }
    return all;
  }

  String name() {
    return pool.name();
  }

  List<String> servers() {
    return pool.servers();
  }

  long counter(PoolCounter c) {
    return poolCounters[c.ordinal()];
  }

  long counter(int backend, ServerCounter c) {
    return serverCounters[backend * LoopStats.SERVER_COUNTERS + c.ordinal()];
  }
}
