package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bin/cachefleet local}: README's first command, with static membership or from Consul. */
class LocalClusterTest {

  /** Free stats and admin ports, so the cluster leaves the defaults to whatever else runs here. */
  private static final Map<String, String> FREE_PORTS = Map.of("CACHEFLEET_JAVA_OPTS",
      "-Dcachefleet.proxy.stats-port=0 -Dcachefleet.proxy.admin-port=0");

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void local_startsThreeNodesAndAProxy_andSaysHowToConnect() throws Exception {
    try (ServerProcess local = ServerProcess.local(FREE_PORTS); RespSocket client = new RespSocket(local.port())) {
      awaitStarted(local);
      assertThat(local.output()).contains("3 memory nodes on 127.0.0.1:")
          .contains("proxy on 127.0.0.1:" + local.port())
          .contains("connect with: redis-cli -p " + local.port());
      assertThat(client.call("SET", "greeting", "hello")).isEqualTo("+OK\r\n");
      assertThat(client.call("GET", "greeting")).isEqualTo("$5\r\nhello\r\n");
      JsonNode pool = topology(local);
      assertThat(pool.path("source").asText()).isEqualTo("static");
      assertThat(names(pool)).hasSize(3);
    }
  }

  @Test
  void localWithConsul_registersEveryNodeAndTheProxy_andTheProxyTakesItsMembersFromConsul() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startDev();
         ServerProcess local = ServerProcess.local(FREE_PORTS, "--consul", agent.address());
         RespSocket client = new RespSocket(local.port())) {
      awaitStarted(local);
      assertThat(local.output()).contains("all registered in Consul at " + agent.address());
      Await.until("the proxy routing over the three nodes from Consul", Duration.ofSeconds(15),
          () -> names(topology(local)).size() == 3);
      JsonNode pool = topology(local);
      assertThat(pool.path("source").asText()).startsWith("consul " + agent.address());
      assertThat(pool.path("consul_index").asLong()).isPositive();
      for (String node : names(pool)) {
        assertThat(agent.passing("cachefleet-node", node)).as(node + " passing in Consul").isTrue();
      }
      Await.until("the proxy registered", Duration.ofSeconds(5),
          () -> agent.passing("cachefleet-proxy", "proxy-127.0.0.1-" + local.port()));
      assertThat(client.call("SET", "greeting", "hello")).isEqualTo("+OK\r\n");
      assertThat(client.call("GET", "greeting")).isEqualTo("$5\r\nhello\r\n");
    }
  }

  /** The proxy answers before the cluster prints its summary, which ends with how to connect. */
  private static void awaitStarted(ServerProcess local) {
    Await.until("the cluster's summary printed", Duration.ofSeconds(10),
        () -> local.output().contains("connect with: "));
  }

  private static List<String> names(JsonNode pool) {
    List<String> names = new ArrayList<>();
    pool.path("members").forEach(m -> names.add(m.path("name").asText()));
    return names;
  }

  /** The local pool's part of the proxy's {@code /topology}, at the admin address the output names. */
  private static JsonNode topology(ServerProcess local) {
    Matcher admin = Pattern.compile("admin: (http://\\S+/topology)").matcher(local.output());
    assertThat(admin.find()).as("the admin address in the output:\n" + local.output()).isTrue();
    try {
      HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(admin.group(1))).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(res.body()).path("pools").path("local");
    } catch (IOException e) {
      throw new AssertionError("GET " + admin.group(1) + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
