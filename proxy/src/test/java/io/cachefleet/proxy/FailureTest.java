package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.node.Node;
import io.cachefleet.node.NodeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What clients see when a backend dies, and how auto_eject_hosts takes it out and back. */
class FailureTest {

  @Test
  void deadBackend_failsOnlyItsRequests_withAnErrorNamingIt() {
    try (ProxyHarness h = new ProxyHarness(3); RespClient c = h.client()) {
      String[] keys = keysPerNode(h, c);
      int port = h.nodes.get(1).port();
      h.nodes.get(1).close();
      assertThat(c.call("GET", keys[1])).matches("-ERR backend 127\\.0\\.0\\.1:" + port
          + " (closed the connection|is unreachable: .*)\r\n");
      assertThat(c.call("GET", keys[1])).startsWith("-ERR backend 127.0.0.1:" + port + " is unreachable: ");
      assertThat(c.call("GET", keys[0])).isEqualTo("$1\r\nv\r\n");
      assertThat(c.call("GET", keys[2])).isEqualTo("$1\r\nv\r\n");
      String keyspace = "# Keyspace\r\ndb0:keys=2,expires=0,avg_ttl=0\r\nunanswered_backends:127.0.0.1:" + port + "\r\n";
      assertThat(c.call("INFO", "keyspace")).isEqualTo("$" + keyspace.length() + "\r\n" + keyspace + "\r\n");
    }
  }

  @Test
  void backendKilledMidPipeline_everyRequestGetsAReplyOrAnError_andTheClientStaysConnected() {
    try (ProxyHarness h = new ProxyHarness(3); RespClient c = h.client()) {
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < 20_000; i++) {
        batch.append(RespClient.encode("SET", "m" + i, "v"));
      }
      c.raw(batch.toString());
      h.nodes.get(2).close();
      int ok = 0;
      int errors = 0;
      for (int i = 0; i < 20_000; i++) {
        String reply = c.read();
        if (reply.equals("+OK\r\n")) {
          ok++;
        } else {
          assertThat(reply).startsWith("-ERR backend 127.0.0.1:");
          errors++;
        }
      }
      assertThat(ok + errors).isEqualTo(20_000);
      assertThat(ok).isGreaterThan(0);
      assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
    }
  }

  @Test
  void autoEject_movesKeysOffAFailedBackend_andPingBringsItBack() throws InterruptedException {
    try (ProxyHarness h = new ProxyHarness(3, null, p -> ejecting(p, 2, Duration.ofMillis(200)));
         RespClient c = h.client()) {
      String[] keys = keysPerNode(h, c);
      int port = h.nodes.get(1).port();
      h.nodes.get(1).close();
      Await.until(() -> c.call("SET", keys[1], "moved").equals("+OK\r\n"));
      assertThat(c.call("INFO", "pool")).contains("backends_in_ring:2\r\n");
      assertThat(c.call("GET", keys[0])).isEqualTo("$1\r\nv\r\n");

      NodeConfig d = NodeConfig.defaults(port);
      try (Node revived = Node.start(d)) {
        Await.until(() -> c.call("INFO", "pool").contains("backends_in_ring:3\r\n"));
        assertThat(c.call("SET", keys[1], "home")).isEqualTo("+OK\r\n");
        try (RespClient direct = new RespClient(revived.port())) {
          assertThat(direct.call("GET", keys[1])).isEqualTo("$4\r\nhome\r\n");
        }
      }
    }
  }

  /** One key on each node, stored with the value "v" through the proxy. */
  private static String[] keysPerNode(ProxyHarness h, RespClient c) {
    String[] keys = new String[h.nodes.size()];
    for (int n = 0; n < keys.length; n++) {
      keys[n] = h.keysOn(n, "f", 1)[0];
      assertThat(c.call("SET", keys[n], "v")).isEqualTo("+OK\r\n");
    }
    return keys;
  }

  private static PoolConfig ejecting(PoolConfig p, int failureLimit, Duration retry) {
    return new PoolConfig(p.name(), p.listen(), p.hash(), p.hashTag(), p.distribution(), p.timeout(), p.backlog(),
        p.clientConnections(), p.redis(), p.redisAuth(), p.redisDb(), p.preconnect(), true, p.serverConnections(),
        retry, failureLimit, p.servers());
  }

}
