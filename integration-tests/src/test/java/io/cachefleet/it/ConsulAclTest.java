package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.consul.ConsulDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes and proxies using a Consul agent that enforces ACLs with a default-deny policy. */
class ConsulAclTest {

  private static final String MANAGEMENT = "management-7f3c1a";

  private static Map<String, String> consulOptions(ConsulAgent agent, Path tokenFile) {
    return Map.of("CACHEFLEET_JAVA_OPTS", String.join(" ",
        "-Dcachefleet.node.name=node-acl",
        "-Dcachefleet.node.consul.enabled=true",
        "-Dcachefleet.node.consul.agent=" + agent.address(),
        "-Dcachefleet.node.consul.token-file=" + tokenFile,
        "-Dcachefleet.node.consul.check-ttl=2s",
        "-Dcachefleet.node.consul.renew-interval=500ms"));
  }

  private static Path tokenFile(String token) throws IOException {
    Path file = Files.createTempFile(Files.createDirectories(Path.of("target")), "consul-token-", ".txt");
    return Files.writeString(file, token + "\n");
  }

  @TempDir
  Path dir;

  @Test
  void tokenWithTheRightPolicy_registersTheNode_andAProxyFollowsIt_andIsNeverLogged() throws IOException {
    try (ConsulAgent agent = ConsulAgent.startDevWithAcls(MANAGEMENT);
         ConsulDirectory nodes = agent.watch("cachefleet-node")) {
      String token = agent.createServiceToken();
      try (ServerProcess node = ServerProcess.node(consulOptions(agent, tokenFile(token)));
           FleetProxy proxy = FleetProxy.start(agent, dir, Duration.ofSeconds(5),
               Map.of("CONSUL_HTTP_TOKEN", token))) {
        Await.until("node-acl registered", Duration.ofSeconds(15),
            () -> nodes.current().members().stream().map(Member::name).toList().equals(List.of("node-acl")));
        Await.until("the proxy routing to node-acl", Duration.ofSeconds(15),
            () -> proxy.admin().members().equals(List.of("node-acl")));
        assertThat(node.output()).doesNotContain(token);
        assertThat(proxy.output()).doesNotContain(token);
      }
    }
  }

  @Test
  void proxyWithAWrongToken_failsAtStart_registersNothing_andNeverLogsIt() {
    try (ConsulAgent agent = ConsulAgent.startDevWithAcls(MANAGEMENT)) {
      String wrong = "55555555-6666-7777-8888-999999999999";
      Path config = FleetProxy.config(agent, dir, ServerProcess.freePort(), ServerProcess.freePort(),
          Duration.ofSeconds(5));
      Exec.Result result = Exec.run(List.of(Tools.home().resolve("bin/cachefleet").toString(), "proxy", "--config",
          config.toString()), null, Map.of("CONSUL_HTTP_TOKEN", wrong), Duration.ofSeconds(60));
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).contains("cachefleet proxy: cannot register in Consul: ").contains("ACL not found");
      assertThat(result.out() + result.err()).doesNotContain(wrong);
      assertThat(agent.services()).doesNotContain("cachefleet-proxy");
    }
  }

  @Test
  void wrongToken_failsAtStartWithAClearError_registersNothing_andIsNeverLogged() throws IOException {
    try (ConsulAgent agent = ConsulAgent.startDevWithAcls(MANAGEMENT)) {
      String wrong = "00000000-1111-2222-3333-444444444444";
      Exec.Result result = Exec.run(List.of(Tools.home().resolve("bin/cachefleet").toString(), "node", "--port",
          Integer.toString(ServerProcess.freePort())), null, consulOptions(agent, tokenFile(wrong)),
          Duration.ofSeconds(60));
      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).contains("cachefleet node: cannot register in Consul: ").contains("ACL not found");
      assertThat(result.out() + result.err()).doesNotContain(wrong);
      assertThat(agent.services()).doesNotContain("node-acl");
    }
  }
}
