package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.consul.ConsulDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node registering over HTTPS with an agent whose certificate comes from a CA made in the test. */
class ConsulTlsTest {

  private static Map<String, String> consulOptions(String agent, String caFile) {
    return Map.of("CACHEFLEET_JAVA_OPTS", String.join(" ",
        "-Dcachefleet.node.name=node-tls",
        "-Dcachefleet.node.consul.enabled=true",
        "-Dcachefleet.node.consul.agent=" + agent,
        "-Dcachefleet.node.consul.ca-file=" + caFile,
        "-Dcachefleet.node.consul.check-ttl=2s",
        "-Dcachefleet.node.consul.renew-interval=500ms"));
  }

  @Test
  void nodeTrustingTheAgentsCa_registersOverHttps_andAWatchOverHttpsSeesIt() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "consul-tls-");
    try (ConsulAgent agent = ConsulAgent.startDevWithTls(dir); ConsulDirectory nodes = agent.watch("cachefleet-node");
         ServerProcess node = ServerProcess.node(consulOptions(agent.httpsAddress(), agent.caFile()))) {
      Await.until("node-tls registered over HTTPS", Duration.ofSeconds(15),
          () -> nodes.current().members().stream().map(Member::name).toList().equals(List.of("node-tls")));
      assertThat(nodes.status().reachable()).isTrue();
    }
  }

  @Test
  void nodeNotTrustingTheAgentsCa_failsAtStart() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "consul-tls-");
    try (ConsulAgent agent = ConsulAgent.startDevWithTls(dir)) {
      Exec.Result result = Exec.run(List.of(Tools.home().resolve("bin/cachefleet").toString(), "node", "--port",
          Integer.toString(ServerProcess.freePort())), null, consulOptions(agent.httpsAddress(), ""),
          Duration.ofSeconds(60));
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).contains("cachefleet node: cannot register in Consul: ");
      assertThat(agent.services()).doesNotContain("node-tls");
    }
  }
}
