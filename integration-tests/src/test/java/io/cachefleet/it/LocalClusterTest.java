package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code bin/cachefleet local}: README's first command, with static membership or from Consul. */
class LocalClusterTest {

  /** Free stats and admin ports, so the cluster leaves the defaults to whatever else runs here. */
  private static final Map<String, String> FREE_PORTS = Map.of("CACHEFLEET_JAVA_OPTS",
      "-Dcachefleet.proxy.stats-port=0 -Dcachefleet.proxy.admin-port=0");

  @Test
  void local_startsThreeNodesAndAProxy_andSaysHowToConnect() throws Exception {
    try (ServerProcess local = ServerProcess.local(FREE_PORTS); RespSocket client = new RespSocket(local.port())) {
      awaitStarted(local);
      assertThat(local.output()).contains("3 memory nodes on 127.0.0.1:")
          .contains("proxy on 127.0.0.1:" + local.port())
          .contains("connect with: redis-cli -p " + local.port());
      assertThat(client.call("SET", "greeting", "hello")).isEqualTo("+OK\r\n");
      assertThat(client.call("GET", "greeting")).isEqualTo("$5\r\nhello\r\n");
      AdminPort admin = admin(local);
      assertThat(admin.topology().path("source").asText()).isEqualTo("static");
      assertThat(admin.members()).hasSize(3);
    }
  }

  @Test
  void localWithConsul_registersEveryNodeAndTheProxy_andTheProxyTakesItsMembersFromConsul() throws Exception {
    try (ConsulAgent agent = ConsulAgent.startDev();
         ServerProcess local = ServerProcess.local(FREE_PORTS, "--consul", agent.address());
         RespSocket client = new RespSocket(local.port())) {
      awaitStarted(local);
      assertThat(local.output()).contains("all registered in Consul at " + agent.address());
      AdminPort admin = admin(local);
      Await.until("the proxy routing over the three nodes from Consul", Duration.ofSeconds(15),
          () -> admin.members().size() == 3);
      JsonNode pool = admin.topology();
      assertThat(pool.path("source").asText()).startsWith("consul " + agent.address());
      assertThat(pool.path("consul_index").asLong()).isPositive();
      for (String node : admin.members()) {
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

  /** The proxy's admin port, for the local pool, as the output names it. */
  private static AdminPort admin(ServerProcess local) {
    Matcher admin = Pattern.compile("admin: http://127\\.0\\.0\\.1:(\\d+)/topology").matcher(local.output());
    assertThat(admin.find()).as("the admin address in the output:\n" + local.output()).isTrue();
    return new AdminPort(Integer.parseInt(admin.group(1)), "local");
  }
}
