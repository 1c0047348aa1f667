package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.consul.ConsulDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Node processes registering themselves in a real Consul agent, watched as a proxy watches them. */
class ConsulNodeTest {

  /** The nodes' check TTL: short, so a killed node leaves the healthy set quickly. */
  private static final Duration TTL = Duration.ofSeconds(2);

  private ConsulAgent agent;
  private ConsulDirectory directory;

  @BeforeEach
  void start() {
    agent = ConsulAgent.startDev();
    directory = agent.watch("cachefleet-node");
  }

  @AfterEach
  void stop() {
    directory.close();
    agent.close();
  }

  private ServerProcess node(String name, String zone) {
    return ServerProcess.node(Map.of("CACHEFLEET_JAVA_OPTS", String.join(" ",
        "-Dcachefleet.node.name=" + name,
        "-Dcachefleet.node.consul.enabled=true",
        "-Dcachefleet.node.consul.agent=" + agent.address(),
        "-Dcachefleet.node.consul.zone=" + zone,
        "-Dcachefleet.node.consul.check-ttl=" + TTL.toSeconds() + "s",
        "-Dcachefleet.node.consul.renew-interval=500ms")));
  }

  private List<String> names() {
    return directory.current().members().stream().map(Member::name).toList();
  }

  @Test
  void nodes_registerThemselves_andAKilledNodeLeavesWithinItsTtl() {
    try (ServerProcess a = node("node-a", "z1"); ServerProcess b = node("node-b", "z2")) {
      Await.until("both nodes listed", Duration.ofSeconds(15), () -> names().equals(List.of("node-a", "node-b")));
      Member first = directory.current().members().get(0);
      assertThat(first.port()).isEqualTo(a.port());
      assertThat(first.host()).isEqualTo("127.0.0.1");
      assertThat(first.zone()).isEqualTo("z1");

      b.kill();
      Await.until("node-b dropped within its TTL and a second", TTL.plusSeconds(1),
          () -> names().equals(List.of("node-a")));
    }
  }

  @Test
  void stoppedNode_deregisters() {
    try (ServerProcess a = node("node-s", "")) {
      Await.until("node-s listed", Duration.ofSeconds(15), () -> names().equals(List.of("node-s")));
      a.stop();
      Await.until("node-s gone after it stopped", Duration.ofSeconds(2), () -> names().isEmpty());
    }
  }
}
