package io.cachefleet.proxy.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cachefleet.protocol.CommandTable;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each event loop's statistics, added up by the relay over the loops. */
class PoolStatsTest {

  private static final CommandTable TABLE = CommandTable.redis();
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00.123456Z");

  private EventLoopGroup group;
  private List<EventLoop> loops;
  private final TestServer one = new TestServer(0, "one");
  private final TestServer two = new TestServer(1, "two", 2, 1_795_435_200_123_456L);
  private volatile List<Server> servers = List.of(one, two);
  private PoolStats stats;

  @BeforeEach
  void start() {
    group = new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());
    loops = new ArrayList<>();
    for (EventExecutor e : group) {
      loops.add((EventLoop) e);
    }
    stats = new PoolStats("alpha", () -> servers, PoolStats.commandNames(TABLE), loops, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void snapshot_addsUpEveryLoopsCounters() {
    on(0, s -> {
      s.clientConnected();
      s.command();
      s.server(two).connected();
      s.server(two).requested(30);
      s.server(two).sent(30);
    });
    on(1, s -> {
      s.clientConnected();
      s.clientClosed(true, false);
      s.fragments(3);
      s.server(two).requested(12);
      s.server(two).queued(12);
    });

    PoolSnapshot snapshot = snapshot();
    assertThat(snapshot.clientConnections()).isEqualTo(1);
    assertThat(snapshot.clientsAccepted()).isEqualTo(2);
    assertThat(snapshot.commands()).isEqualTo(1);
    assertThat(snapshot.counter(PoolCounter.CLIENT_EOF)).isEqualTo(1);
    assertThat(snapshot.counter(PoolCounter.FRAGMENTS)).isEqualTo(3);
    assertThat(snapshot.counter(1, ServerCounter.REQUESTS)).isEqualTo(2);
    assertThat(snapshot.counter(1, ServerCounter.REQUEST_BYTES)).isEqualTo(42);
    assertThat(snapshot.counter(1, ServerCounter.IN_QUEUE_BYTES)).isEqualTo(12);
    assertThat(snapshot.counter(1, ServerCounter.OUT_QUEUE)).isEqualTo(1);
    assertThat(snapshot.counter(1, ServerCounter.SERVER_CONNECTIONS)).isEqualTo(1);
    assertThat(snapshot.counter(0, ServerCounter.REQUESTS)).isZero();
  }

  @Test
  void snapshot_mergesEachLoopsLatencies_intoOneDistributionPerCommand() {
    int get = TABLE.lookup("get").id();
    on(0, s -> {
      for (int us = 1; us <= 100; us++) {
        s.latency(get, us * 1_000L);
      }
    });
    on(1, s -> {
      for (int us = 101; us <= 200; us++) {
        s.latency(get, us * 1_000L);
      }
    });

    List<CommandLatency> latencies = snapshot().latencies();
    assertThat(latencies).singleElement().satisfies(l -> {
      assertThat(l.command()).isEqualTo("get");
      assertThat(l.count()).isEqualTo(200);
      assertThat((double) l.p50Nanos()).isCloseTo(100_000, within(1_000.0));
      assertThat((double) l.p99Nanos()).isCloseTo(198_000, within(1_980.0));
      assertThat((double) l.p999Nanos()).isCloseTo(200_000, within(2_000.0));
    });
  }

  @Test
  void latency_pastTheLongestTracked_isRecordedAsTheLongest() {
    int blpop = TABLE.lookup("blpop").id();
    int clientId = TABLE.lookup("client").subcommands().stream().filter(c -> c.name().equals("id")).findFirst()
        .orElseThrow().id();
    on(0, s -> {
      s.latency(blpop, TimeUnit.HOURS.toNanos(2));
      s.latency(clientId, 5_000);
    });

    List<CommandLatency> latencies = snapshot().latencies();
    assertThat(latencies).extracting(CommandLatency::command).containsExactlyInAnyOrder("blpop", "client|id");
    CommandLatency longest = latencies.stream().filter(l -> l.command().equals("blpop")).findFirst().orElseThrow();
    assertThat(longest.count()).isEqualTo(1);
    assertThat((double) longest.p50Nanos())
        .isCloseTo(LoopStats.HIGHEST_LATENCY_NANOS, within(LoopStats.HIGHEST_LATENCY_NANOS / 100.0));
  }

  @Test
  void snapshot_reportsEachBackendsEjections() {
    PoolSnapshot snapshot = snapshot();
    assertThat(snapshot.counter(PoolCounter.SERVER_EJECTS)).isEqualTo(2);
    assertThat(snapshot.counter(1, ServerCounter.SERVER_EJECTED_AT)).isEqualTo(1_795_435_200_123_456L);
    assertThat(snapshot.counter(0, ServerCounter.SERVER_EJECTED_AT)).isZero();
  }

  @Test
  void snapshot_reportsTheBackendsOfTheMoment_andABackendTakingALeftOnesId_startsAtZero() {
    on(0, s -> s.server(two).requested(30));
    TestServer three = new TestServer(1, "three");
    servers = List.of(one, three);
    on(1, s -> s.server(three).requested(5));

    PoolSnapshot snapshot = snapshot();
    assertThat(snapshot.servers()).containsExactly("one", "three");
    assertThat(snapshot.counter(1, ServerCounter.REQUESTS)).isEqualTo(1);
    assertThat(snapshot.counter(1, ServerCounter.REQUEST_BYTES)).isEqualTo(5);
    on(0, s -> s.server(three).requested(7));
    assertThat(snapshot().counter(1, ServerCounter.REQUEST_BYTES)).isEqualTo(12);
  }

  @Test
  void snapshot_neverAnswers_whenALoopIsShutDown() throws Exception {
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    CompletableFuture<PoolSnapshot> done = new CompletableFuture<>();
    stats.snapshot(GlobalEventExecutor.INSTANCE, done::complete);
    assertThat(done).failsWithin(Duration.ofMillis(100)).withThrowableOfType(TimeoutException.class);
  }

  private void on(int loop, Consumer<LoopStats> update) {
    EventLoop l = loops.get(loop);
    l.submit(() -> update.accept(stats.loop(l))).syncUninterruptibly();
  }

  private PoolSnapshot snapshot() {
    CompletableFuture<PoolSnapshot> done = new CompletableFuture<>();
    stats.snapshot(GlobalEventExecutor.INSTANCE, done::complete);
    return done.orTimeout(5, TimeUnit.SECONDS).join();
  }
}
