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
         Fleet fleet = new Fleet(agent, dir, 2);
         RespSocket viaA = new RespSocket(fleet.proxy(0).port());
         RespSocket viaB = new RespSocket(fleet.proxy(1).port())) {
      assertThat(fleet.proxy(0).admin().topology().path("ring_version").asText())
          .isEqualTo(fleet.proxy(1).admin().topology().path("ring_version").asText());
      for (int i = 0; i < 300; i++) {
        assertThat(viaA.call("SET", "key" + i, "v" + i)).isEqualTo("+OK\r\n");
      }
      for (int i = 0; i < 300; i++) {
        assertThat(viaB.call("GET", "key" + i)).isEqualTo("$" + ("v" + i).length() + "\r\nv" + i + "\r\n");
      }
      List<String> onNode2 = keysOn(fleet.node(2), 300);
      assertThat(onNode2).isNotEmpty();

      try (Traffic traffic = new Traffic(fleet.proxy(0).port())) {
        long killed = System.nanoTime();
        fleet.node(2).kill();
        fleet.awaitMembers("both proxies dropped node-2 within its TTL and a second", TTL.plusSeconds(1),
            "node-1", "node-3");
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
        fleet.awaitMembers("both proxies took node-4 within a second of its check passing", Duration.ofSeconds(1),
            "node-1", "node-3", "node-4");
        System.out.printf("node-4: in both proxies' rings %d ms after its check was seen passing%n",
            (System.nanoTime() - passing) / 1_000_000);
        assertThat(keysOn(n4, 300)).isEmpty();
        for (int i = 0; i < 300; i++) {
          viaA.call("SET", "key" + i, "again");
        }
        assertThat(keysOn(n4, 300)).isNotEmpty();

        agent.maintenance("node-1", true);
        fleet.awaitMembers("both proxies drained node-1", Duration.ofSeconds(5), "node-3", "node-4");
        Await.until("the proxies closed their connections to node-1", Duration.ofSeconds(5),
            () -> connectedClients(fleet.node(1)) == 1);
        agent.maintenance("node-1", false);
        fleet.awaitMembers("both proxies restored node-1", Duration.ofSeconds(5), "node-1", "node-3", "node-4");
        assertThat(viaA.call("GET", "key0")).isEqualTo(viaB.call("GET", "key0"));
      }
    }
  }

  @Test
  void aStoppingNodeLeavesThroughMaintenance_soNoRequestFails() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startDev(); Fleet fleet = new Fleet(agent, dir, 1)) {
      ServerProcess n3 = fleet.node(3);
      Traffic.Count count;
      try (Traffic traffic = new Traffic(fleet.proxy(0).port())) {
        Await.until("traffic on every node", Duration.ofSeconds(10), () -> connectedClients(n3) > 1);
        n3.stop();
        count = traffic.count();
      }
      assertThat(n3.output()).contains("node-3 drained in").doesNotContain("leaving anyway");
      assertThat(fleet.proxy(0).admin().members()).containsExactly("node-1", "node-2");
      assertThat(count.failed()).as("requests failed of %d", count.sent()).isZero();
      System.out.printf("node-3 stopped gracefully: %d requests through the proxy meanwhile, none failed%n",
          count.sent());
    }
  }

  @Test
  void agentStoppedFor30s_proxiesServeOnTheLastTopology_andCatchUpWhenItReturns() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startPersistent(dir.resolve("consul-data"));
         Fleet fleet = new Fleet(agent, dir, 1);
         RespSocket client = new RespSocket(fleet.proxy(0).port())) {
      AdminPort admin = fleet.proxy(0).admin();
      for (int i = 0; i < 300; i++) {
        client.call("SET", "key" + i, "v");
      }
      List<String> alive = new ArrayList<>(keysOn(fleet.node(1), 300));
      alive.addAll(keysOn(fleet.node(2), 300));

      agent.stop();
      Await.until("the proxy reporting the agent unreachable", Duration.ofSeconds(10),
          () -> !admin.health().membership().path("reachable").asBoolean());
      AdminPort.Health health = admin.health();
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.verdict()).isEqualTo("degraded");
      assertThat(health.membership().path("last_error").asText()).isNotEmpty();
      assertThat(admin.metrics()).contains("cachefleet_membership_reachable{pool=\"fleet\"} 0.0");
      // a change while the agent is away: node-3 dies
      fleet.node(3).kill();

      // requests back to back for the whole outage: every one must be answered
      long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      int requests = 0;
      for (int i = 0; System.nanoTime() < outageEnds; i++) {
        String key = alive.get(i % alive.size());
        assertThat(client.call("SET", key, "during")).as("SET %s while the agent is away", key).isEqualTo("+OK\r\n");
        assertThat(client.call("GET", key)).isEqualTo("$6\r\nduring\r\n");
        requests++;
      }
      assertThat(admin.members()).containsExactly("node-1", "node-2", "node-3");
      System.out.printf("agent away 30 s: %d SET+GET pairs answered, none failed%n", requests);

      agent.resume();
      Await.until("the proxy reporting the agent reachable again", Duration.ofSeconds(10),
          () -> admin.health().membership().path("reachable").asBoolean());
      fleet.awaitMembers("node-3's death picked up once the agent is back", TTL.plusSeconds(10),
          "node-1", "node-2");
      assertThat(admin.health().verdict()).isEqualTo("up");
      assertThat(admin.metrics()).contains("cachefleet_membership_reachable{pool=\"fleet\"} 1.0");
    }
  }

  @Test
  void devAgentRestarted_everythingRegistersAgain_andNoRingShrinksBelowTheNodesAlive() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startDev(); Fleet fleet = new Fleet(agent, dir, 2)) {
      try (RingWatch watch = new RingWatch(fleet.proxies)) {
        agent.restart();
        Await.until("every node registered again and passing", Duration.ofSeconds(15),
            () -> fleet.names.stream().allMatch(id -> agent.passing("cachefleet-node", id)));
        Await.until("both proxies registered again", Duration.ofSeconds(15),
            () -> agent.services().split("\"Service\":\\s*\"cachefleet-proxy\"", -1).length == 3);
        // once a proxy has read the agent's answer with every node back and holds no older one
        // back, no answer that could shrink its ring is left to apply
        long index = agent.index("cachefleet-node");
        Await.until("both proxies caught up with the agent, holding nothing back", Duration.ofSeconds(15),
            () -> fleet.proxies.stream().map(p -> p.admin().health().membership()).allMatch(m ->
                m.path("reachable").asBoolean() && !m.path("holding").asBoolean()
                    && m.path("index").asLong() >= index));
        assertThat(watch.smallest()).as("the fewest members either proxy routed over").isEqualTo(3);
      }
      fleet.awaitMembers("every proxy routing over the three nodes", Duration.ofSeconds(1),
          "node-1", "node-2", "node-3");
    }
  }

  /** Nodes node-1, node-2 and node-3 registered in an agent, and proxies routing over them. */
  static final class Fleet implements AutoCloseable {
    final List<ServerProcess> nodes = new ArrayList<>();
    final List<FleetProxy> proxies = new ArrayList<>();
    final List<String> names = List.of("node-1", "node-2", "node-3");

    Fleet(ConsulAgent agent, Path dir, int proxyCount) {
      try {
        for (String name : names) {
          nodes.add(FleetProxy.node(agent, name));
        }
        for (int i = 0; i < proxyCount; i++) {
          proxies.add(FleetProxy.start(agent, dir, Duration.ofSeconds(5)));
        }
        awaitMembers("every proxy routing over the three nodes", START, names.toArray(new String[0]));
      } catch (RuntimeException | Error e) {
        close();
        throw e;
      }
    }

    /** Node {@code node-n}. */
    ServerProcess node(int n) {
      return nodes.get(n - 1);
    }

    FleetProxy proxy(int i) {
      return proxies.get(i);
    }

    /** Returns once every proxy routes over exactly {@code members}; fails naming {@code what}. */
    void awaitMembers(String what, Duration timeout, String... members) {
      List<String> expected = List.of(members);
      Await.until(what, timeout, () -> proxies.stream().allMatch(p -> p.admin().members().equals(expected)));
    }

    @Override
    public void close() {
      proxies.forEach(FleetProxy::close);
      nodes.forEach(ServerProcess::close);
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
            smallest.accumulateAndGet(p.admin().members().size(), Math::min);
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
