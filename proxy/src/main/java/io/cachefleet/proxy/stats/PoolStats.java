package io.cachefleet.proxy.stats;

import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.CommandTable;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A pool's statistics: Twemproxy's pool and server counters, and the latency of each command.
 *
 * <h2>Design</h2>
 * Each event loop keeps its own {@link LoopStats} for the pool, written by that loop's thread
 * alone, so a request costs a few plain increments and one histogram record: no atomic
 * instruction, no fence, no lock. A snapshot is a relay ({@link Relay}): one task visits the
 * event loops in turn and, on each loop's own thread, adds that loop's numbers into a
 * {@link PoolSnapshot} before passing it to the next loop through its task queue, a hand-off that
 * orders every step after the one before. Nothing is read from another thread, so no value can
 * be torn or seen half-updated, and the counters are plain longs with neither volatile nor opaque
 * accesses; each loop's histograms merge straight into the snapshot's, without a copy. The price
 * is that a snapshot waits for a turn of every loop, which matters to nobody reading statistics.
 * A snapshot reports the backends that are members when it starts; the counters of one that left
 * are gone with it.
 *
 * <p>The alternatives cost the hot path. Counters read racily from a stats thread need opaque
 * (VarHandle) writes and reads to be free of tearing; a histogram read while it records can show
 * a total that disagrees with its buckets, which HdrHistogram's {@code SingleWriterRecorder}
 * prevents with a writer-reader phaser, at two atomic increments per record; {@code LongAdder} or
 * {@code AtomicLong} cost a locked instruction per counter per request. Ejections are the
 * exception: rare and decided on any thread, each backend counts its own ({@link Server}).
 *
 * <h2>Latency</h2>
 * Each loop records, per command, the time from reading a request to its reply being ready, in an
 * HdrHistogram (Gil Tene, <a href="http://hdrhistogram.org">hdrhistogram.org</a>): log-linear
 * buckets, each at most 1% as wide as its values (2 significant digits, the precision of Redis's
 * own latency histograms), so recording is an index computation and an increment and any
 * percentile is within 1%. A subcommand counts as itself ({@code client|id}), as in Redis 7's
 * {@code INFO latencystats}. A command refused before it runs (unknown, wrong arity, no AUTH)
 * and a command queued inside MULTI are not recorded, as Redis does not record them; EXEC is, with
 * the time of the whole transaction.
 */
public final class PoolStats {

  private final String name;
  private final Supplier<List<? extends Server>> servers;
  private final List<String> commands;
  private final List<EventLoop> loops;
  private final Map<EventLoop, LoopStats> byLoop = new HashMap<>();
  private final Clock clock;

  /**
   * @param servers the pool's backends now; read when a snapshot starts
   * @param commands the names of the commands whose latency is recorded, by id
   * @param loops every event loop that serves the pool
   * @param clock tells when a backend is ejected
   */
  public PoolStats(String name, Supplier<List<? extends Server>> servers, List<String> commands,
                   Collection<EventLoop> loops, Clock clock) {
    this.name = name;
    this.servers = servers;
    this.commands = List.copyOf(commands);
    this.loops = List.copyOf(loops);
    this.clock = clock;
    for (EventLoop loop : this.loops) {
      byLoop.put(loop, new LoopStats(commands.size()));
    }
  }

  /** The names of a Redis pool's commands by id: its command table's, subcommands included. */
  public static List<String> commandNames(CommandTable table) {
    return table.all().stream().map(CommandSpec::fullName).toList();
  }

  /** The statistics {@code loop} keeps for this pool; to be used on that loop's thread only. */
  public LoopStats loop(EventLoop loop) {
    return byLoop.get(loop);
  }

  /** Now, in microseconds since the epoch: when a backend ejected now was ejected. */
  public long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }

  /** Adds up every event loop's numbers, then calls {@code done} on {@code replyOn}'s thread. */
  public void snapshot(EventExecutor replyOn, Consumer<PoolSnapshot> done) {
    PoolSnapshot snapshot = newSnapshot();
    Relay.run(loops, loop -> snapshot.add(loop(loop)), replyOn, () -> done.accept(snapshot));
  }

  /** An empty snapshot of the current backends, with their ejections so far, for the loops' numbers to be added to. */
  PoolSnapshot newSnapshot() {
    return new PoolSnapshot(this, servers.get());
  }

  String name() {
    return name;
  }

  String command(int id) {
    return commands.get(id);
  }

  int commandCount() {
    return commands.size();
  }

  List<EventLoop> loops() {
    return loops;
  }
}
