package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet that comes up from Consul alone: node processes register themselves, proxy processes
 * route over the passing instances and follow every change, through node failures, joins,
 * maintenance and agent outages.
 */
class ConsulFleetTest {

  /** The nodes' check TTL ({@link FleetProxy#node}). */
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Duration START = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void killedNodeIsDropped_newNodeJoins_andMaintenanceDrainsAndRestores() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startDev();
         ServerProcess n1 = FleetProxy.node(agent, "node-1");
         ServerProcess n2 = FleetProxy.node(agent, "node-2");
         ServerProcess n3 = FleetProxy.node(agent, "node-3");
         FleetProxy a = FleetProxy.start(agent, dir, Duration.ofSeconds(5));
         FleetProxy b = FleetProxy.start(agent, dir, Duration.ofSeconds(5));
         RespSocket viaA = new RespSocket(a.port());
         RespSocket viaB = new RespSocket(b.port())) {
      List<FleetProxy> proxies = List.of(a, b);
      awaitMembers(proxies, List.of("node-1", "node-2", "node-3"), START);
      assertThat(a.topology().path("ring_version").asText()).isEqualTo(b.topology().path("ring_version").asText());
      for (int i = 0; i < 300; i++) {
        assertThat(viaA.call("SET", "key" + i, "v" + i)).isEqualTo("+OK\r\n");
      }
      for (int i = 0; i < 300; i++) {
        assertThat(viaB.call("GET", "key" + i)).isEqualTo("$" + ("v" + i).length() + "\r\nv" + i + "\r\n");
      }
      List<String> onNode2 = keysOn(n2, 300);
      assertThat(onNode2).isNotEmpty();

      try (Traffic traffic = new Traffic(a.port())) {
        long killed = System.nanoTime();
        n2.kill();
        Await.until("both proxies dropped node-2 within its TTL and a second", TTL.plusSeconds(1),
            () -> proxies.stream().allMatch(p -> p.members().equals(List.of("node-1", "node-3"))));
        long dropMillis = (System.nanoTime() - killed) / 1_000_000;
        Traffic.Count during = traffic.count();
        System.out.printf("kill -9 of node-2: dropped by both proxies after %d ms; %d of %d requests failed%n",
            dropMillis, during.failed(), during.sent());
      }
      for (String key : onNode2) {
        assertThat(viaA.call("SET", key, "moved")).isEqualTo("+OK\r\n");
        assertThat(viaB.call("GET", key)).isEqualTo("$5\r\nmoved\r\n");
      }

      try (ServerProcess n4 = FleetProxy.node(agent, "node-4")) {
        Await.until("node-4 passing", START, () -> agent.passing("cachefleet-node", "node-4"));
        long passing = System.nanoTime();
        Await.until("both proxies took node-4 within a second of its check passing", Duration.ofSeconds(1),
            () -> proxies.stream().allMatch(p -> p.members().equals(List.of("node-1", "node-3", "node-4"))));
        System.out.printf("node-4: in both proxies' rings %d ms after its check was seen passing%n",
            (System.nanoTime() - passing) / 1_000_000);
        assertThat(keysOn(n4, 300)).isEmpty();
        for (int i = 0; i < 300; i++) {
          viaA.call("SET", "key" + i, "again");
        }
        assertThat(keysOn(n4, 300)).isNotEmpty();

        agent.maintenance("node-1", true);
        Await.until("both proxies drained node-1", Duration.ofSeconds(5),
            () -> proxies.stream().allMatch(p -> p.members().equals(List.of("node-3", "node-4"))));
        Await.until("the proxies closed their connections to node-1", Duration.ofSeconds(5),
            () -> connectedClients(n1) == 1);
        agent.maintenance("node-1", false);
        Await.until("both proxies restored node-1", Duration.ofSeconds(5),
            () -> proxies.stream().allMatch(p -> p.members().equals(List.of("node-1", "node-3", "node-4"))));
        assertThat(viaA.call("GET", "key0")).isEqualTo(viaB.call("GET", "key0"));
      }
    }
  }

  @Test
  void aStoppingNodeLeavesThroughMaintenance_soNoRequestFails() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startDev();
         ServerProcess n1 = FleetProxy.node(agent, "node-1");
         ServerProcess n2 = FleetProxy.node(agent, "node-2");
         ServerProcess n3 = FleetProxy.node(agent, "node-3");
         FleetProxy proxy = FleetProxy.start(agent, dir, Duration.ofSeconds(5))) {
      awaitMembers(List.of(proxy), List.of("node-1", "node-2", "node-3"), START);
      Traffic.Count count;
      try (Traffic traffic = new Traffic(proxy.port())) {
        Await.until("traffic on every node", Duration.ofSeconds(10), () -> connectedClients(n3) > 1);
        n3.stop();
        count = traffic.count();
      }
      assertThat(n3.output()).contains("node-3 drained in").doesNotContain("leaving anyway");
      assertThat(proxy.members()).containsExactly("node-1", "node-2");
      assertThat(count.failed()).as("requests failed of %d", count.sent()).isZero();
      System.out.printf("node-3 stopped gracefully: %d requests through the proxy meanwhile, none failed%n",
          count.sent());
    }
  }

  @Test
  void agentStoppedFor30s_proxiesServeOnTheLastTopology_andCatchUpWhenItReturns() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startPersistent(dir.resolve("consul-data"));
         ServerProcess n1 = FleetProxy.node(agent, "node-1");
         ServerProcess n2 = FleetProxy.node(agent, "node-2");
         ServerProcess n3 = FleetProxy.node(agent, "node-3");
         FleetProxy proxy = FleetProxy.start(agent, dir, Duration.ofSeconds(5));
         RespSocket client = new RespSocket(proxy.port())) {
      awaitMembers(List.of(proxy), List.of("node-1", "node-2", "node-3"), START);
      for (int i = 0; i < 300; i++) {
        client.call("SET", "key" + i, "v");
      }
      List<String> alive = new ArrayList<>(keysOn(n1, 300));
      alive.addAll(keysOn(n2, 300));

      agent.stop();
      Await.until("the proxy reporting the agent unreachable", Duration.ofSeconds(10),
          () -> !proxy.health().membership().path("reachable").asBoolean());
      FleetProxy.Health health = proxy.health();
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.verdict()).isEqualTo("degraded");
      assertThat(health.membership().path("last_error").asText()).isNotEmpty();
      assertThat(proxy.metrics()).contains("cachefleet_membership_reachable{pool=\"fleet\"} 0.0");
      // a change while the agent is away: node-3 dies
      n3.kill();

      long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int requests = 0;
      for (int i = 0; System.nanoTime() < outageEnds; i++) {
        String key = alive.get(i % alive.size());
        assertThat(client.call("SET", key, "during")).as("SET %s while the agent is away", key).isEqualTo("+OK\r\n");
        assertThat(client.call("GET", key)).isEqualTo("$6\r\nduring\r\n");
        requests++;
        Thread.sleep(100); // a steady trickle of requests over the outage
      }
      assertThat(proxy.members()).containsExactly("node-1", "node-2", "node-3");
      System.out.printf("agent away 30 s: %d SET+GET pairs answered, none failed%n", requests);

      agent.resume();
      Await.until("the proxy reporting the agent reachable again", Duration.ofSeconds(10),
          () -> proxy.health().membership().path("reachable").asBoolean());
      Await.until("node-3's death picked up once the agent is back", TTL.plusSeconds(10),
          () -> proxy.members().equals(List.of("node-1", "node-2")));
      assertThat(proxy.health().verdict()).isEqualTo("up");
      assertThat(proxy.metrics()).contains("cachefleet_membership_reachable{pool=\"fleet\"} 1.0");
    }
  }

  @Test
  void devAgentRestarted_everythingRegistersAgain_andNoRingShrinksBelowTheNodesAlive() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startDev();
         ServerProcess n1 = FleetProxy.node(agent, "node-1");
         ServerProcess n2 = FleetProxy.node(agent, "node-2");
         ServerProcess n3 = FleetProxy.node(agent, "node-3");
         FleetProxy a = FleetProxy.start(agent, dir, Duration.ofSeconds(5));
         FleetProxy b = FleetProxy.start(agent, dir, Duration.ofSeconds(5))) {
      List<FleetProxy> proxies = List.of(a, b);
      List<String> all = List.of("node-1", "node-2", "node-3");
      awaitMembers(proxies, all, START);

      try (RingWatch watch = new RingWatch(proxies)) {
        agent.restart();
        Await.until("every node registered again and passing", Duration.ofSeconds(15),
            () -> all.stream().allMatch(id -> agent.passing("cachefleet-node", id)));
        Await.until("both proxies registered again", Duration.ofSeconds(15),
            () -> agent.services().split("\"Service\":\\s*\"cachefleet-proxy\"", -1).length == 3);
        // nothing to await: a ring that shrinks does so once a held answer's grace (5 s) has run out
        Thread.sleep(6_000);
        assertThat(watch.smallest()).as("the fewest members either proxy routed over").isEqualTo(3);
      }
      awaitMembers(proxies, all, Duration.ofSeconds(1));
    }
  }

  /** Asks proxies for their members over and over on its own thread, keeping the fewest seen. */
  static final class RingWatch implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger smallest = new AtomicInteger(Integer.MAX_VALUE);
    private final Thread thread;

    RingWatch(List<FleetProxy> proxies) {
      thread = new Thread(() -> {
        while (running.get()) {
          for (FleetProxy p : proxies) {
            smallest.accumulateAndGet(p.members().size(), Math::min);
          }
        }
      }, "ring-watch");
      thread.start();
    }

    int smallest() {
      return smallest.get();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }

  /** The keys among {@code key0..key<count-1>} that {@code node} holds, asked directly. */
  private static List<String> keysOn(ServerProcess node, int count) {
    List<String> keys = new ArrayList<>();
    try (RespSocket direct = new RespSocket(node.port())) {
      for (int i = 0; i < count; i++) {
        if (direct.call("EXISTS", "key" + i).equals(":1\r\n")) {
          keys.add("key" + i);
        }
      }
    }
    return keys;
  }

  /** The node's connected clients, the asking one included. */
  private static int connectedClients(ServerProcess node) {
    try (RespSocket direct = new RespSocket(node.port())) {
      String info = direct.call("INFO", "clients");
      int at = info.indexOf("connected_clients:") + "connected_clients:".length();
      return Integer.parseInt(info.substring(at, info.indexOf('\r', at)));
    }
  }

  private static void awaitMembers(List<FleetProxy> proxies, List<String> members, Duration timeout) {
    Await.until("every proxy routing over " + members, timeout,
        () -> proxies.stream().allMatch(p -> p.members().equals(members)));
  }

  /** A client sending SET after SET through a proxy on its own thread, counting what fails. */
  static final class Traffic implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger failed = new AtomicInteger();
    private final Thread thread;

    record Count(long sent, int failed) {}

    Traffic(int port) {
      thread = new Thread(() -> {
        try (RespSocket client = new RespSocket(port)) {
          for (int i = 0; running.get(); i++) {
            sent.incrementAndGet();
            if (!client.call("SET", "traffic" + (i % 1000), "x").equals("+OK\r\n")) {
              failed.incrementAndGet();
            }
          }
        }
      }, "traffic");
      thread.start();
    }

    Count count() {
      return new Count(sent.get(), failed.get());
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
