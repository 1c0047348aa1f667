package io.cachefleet.proxy.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** A pool's statistics summed over every event loop at one moment; see {@link PoolStats#snapshot}. */
public final class PoolSnapshot {

  private final PoolStats pool;
  private final List<? extends Server> servers;
  private final List<String> names;
  private final long[] poolCounters = new long[LoopStats.POOL_COUNTERS];
  /** The counter {@code c} of {@code servers.get(b)} at {@code b * SERVER_COUNTERS + c}. */
  private final long[] serverCounters;
  private final Histogram[] latency;

  /** @param servers the pool's backends at the moment the snapshot is taken */
  PoolSnapshot(PoolStats pool, List<? extends Server> servers) {
    this.pool = pool;
    this.servers = List.copyOf(servers);
    this.names = servers.stream().map(Server::name).toList();
    this.serverCounters = new long[servers.size() * LoopStats.SERVER_COUNTERS];
    this.latency = new Histogram[pool.commandCount()];
    for (int b = 0; b < servers.size(); b++) {
      poolCounters[PoolCounter.SERVER_EJECTS.ordinal()] += servers.get(b).ejections();
      serverCounters[b * LoopStats.SERVER_COUNTERS + ServerCounter.SERVER_EJECTED_AT.ordinal()] =
          servers.get(b).ejectedAtMicros();
    }
  }

  /** Adds one loop's numbers; runs on that loop's thread. */
  void add(LoopStats loop) {
    for (int i = 0; i < poolCounters.length; i++) {
      poolCounters[i] += loop.counters[LoopStats.PAD + i];
    }
    for (int b = 0; b < servers.size(); b++) {
      ServerStats server = loop.existing(servers.get(b));
      if (server != null) {
        for (int c = 0; c < LoopStats.SERVER_COUNTERS; c++) {
          serverCounters[b * LoopStats.SERVER_COUNTERS + c] += server.c[c];
        }
      }
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

  /** The backends' names, in the order the counters are kept. */
  List<String> servers() {
    return names;
  }

  long counter(PoolCounter c) {
    return poolCounters[c.ordinal()];
  }

  long counter(int backend, ServerCounter c) {
    return serverCounters[backend * LoopStats.SERVER_COUNTERS + c.ordinal()];
  }
}
