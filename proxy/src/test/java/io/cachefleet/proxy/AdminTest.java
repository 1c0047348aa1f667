package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachefleet.discovery.Member;
import io.cachefleet.node.Node;
import io.cachefleet.node.NodeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin HTTP port: /health, /topology and /metrics. */
class AdminTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Node> nodes = new ArrayList<>();
  private Proxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    nodes.forEach(Node::close);
  }

  @Test
  void topology_listsEachMember_withItsStateAndZone_andTheRing() throws Exception {
    start(3, false);

    HttpResponse<String> res = get("/topology");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode pool = JSON.readTree(res.body()).path("pools").path(ProxyHarness.POOL);
    assertThat(pool.path("members")).hasSize(3);
    JsonNode first = pool.path("members").get(0);
    assertThat(first.path("name").asText()).isEqualTo("node-0");
    assertThat(first.path("address").asText()).isEqualTo("127.0.0.1:" + nodes.get(0).port());
    assertThat(first.path("zone").asText()).isEqualTo("zone-0");
    assertThat(first.path("state").asText()).isEqualTo("up");
    assertThat(pool.path("ring_size").asInt()).isEqualTo(480);
    assertThat(pool.path("ring_version").asText()).isEqualTo(proxy.pools().get(0).router().ringVersion());
    assertThat(pool.path("topology_version").asLong()).isEqualTo(1);
    assertThat(pool.path("consul_index").asLong()).isZero();
    assertThat(pool.path("source").asText()).isEqualTo("static");
  }

  @Test
  void health_isUp_whileEveryMemberIsInTheRing() throws Exception {
    start(2, false);

    HttpResponse<String> res = get("/health");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode health = JSON.readTree(res.body());
    assertThat(health.path("status").asText()).isEqualTo("up");
    JsonNode pool = health.path("pools").path(ProxyHarness.POOL);
    assertThat(pool.path("members").asInt()).isEqualTo(2);
    assertThat(pool.path("in_ring").asInt()).isEqualTo(2);
    assertThat(pool.path("membership").path("reachable").asBoolean()).isTrue();
  }

  @Test
  void health_isDegraded_withAMemberEjected_andDown_withNoneLeft() throws Exception {
    start(2, true);
    try (RespClient c = new RespClient(proxy.port(ProxyHarness.POOL))) {
      nodes.get(0).close();
      Await.until(() -> !c.call("SET", keyOf(0), "v").equals("+OK\r\n")
          && proxy.pools().get(0).router().live().size() == 1);
      HttpResponse<String> degraded = get("/health");
      assertThat(degraded.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(degraded.body()).path("status").asText()).isEqualTo("degraded");
      assertThat(JSON.readTree(get("/topology").body()).path("pools").path(ProxyHarness.POOL).path("members")
          .get(0).path("state").asText()).isEqualTo("ejected");

      nodes.get(1).close();
      Await.until(() -> {
        c.call("GET", keyOf(1));
        return proxy.pools().get(0).router().live().isEmpty();
      });
      HttpResponse<String> down = get("/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(down.body()).path("status").asText()).isEqualTo("down");
    }
  }

  @Test
  void metrics_reportEachPoolsMembers_inPrometheusFormat() throws Exception {
    start(3, false);

    HttpResponse<String> res = get("/metrics");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(res.body())
        .contains("cachefleet_pool_members{pool=\"alpha\"} 3.0")
        .contains("cachefleet_pool_members_in_ring{pool=\"alpha\"} 3.0")
        .contains("cachefleet_membership_reachable{pool=\"alpha\"} 1.0")
        .contains("cachefleet_membership_failures_total{pool=\"alpha\"} 0.0")
        .contains("cachefleet_pool_ring_changes_total{pool=\"alpha\"} 1.0")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void anUnknownPath_isNotFound() throws Exception {
    start(1, false);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
  }

  private void start(int nodeCount, boolean eject) throws InterruptedException {
    List<Member> servers = new ArrayList<>();
    for (int i = 0; i < nodeCount; i++) {
      Node node = Node.start(NodeConfig.defaults(0));
      nodes.add(node);
      servers.add(new Member("node-" + i, "127.0.0.1", node.port(), 1, "zone-" + i, Map.of()));
    }
    PoolConfig p = ProxyHarness.pool(servers);
    PoolConfig pool = new PoolConfig(p.name(), p.listen(), p.hash(), p.hashTag(), p.distribution(), p.timeout(),
        p.backlog(), p.clientConnections(), p.redis(), p.redisAuth(), p.redisDb(), p.preconnect(), eject,
        p.serverConnections(), Duration.ofMinutes(5), 1, p.servers());
    proxy = Proxy.start(new ProxyConfig(1, "127.0.0.1", -1, "127.0.0.1", 0, List.of(pool)));
  }

  /** A key the proxy routes to node {@code node}, or any key while no node is live. */
  private String keyOf(int node) {
    return ProxyHarness.keyRoutedTo(proxy, "node-" + node);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
