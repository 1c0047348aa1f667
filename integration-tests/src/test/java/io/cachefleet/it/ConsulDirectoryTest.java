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

/** The proxies' view of the fleet, read from a real Consul agent's health watch. */
class ConsulDirectoryTest {

  private static final String SERVICE = "cachefleet-node";
  private static final Duration WITHIN = Duration.ofSeconds(10);

  private ConsulAgent agent;

  @BeforeEach
  void startAgent() {
    agent = ConsulAgent.startDev();
  }

  @AfterEach
  void stopAgent() {
    agent.close();
  }

  private ConsulDirectory directory(Duration removalGrace) {
    return ConsulDirectory.start(new ConsulDirectory.Settings(agent.address(), "", "", "", SERVICE,
        Duration.ofSeconds(5), Duration.ofMillis(100), 0.5, removalGrace, Duration.ofMillis(100),
        Duration.ofSeconds(1)));
  }

  private void node(int i) {
    agent.register(SERVICE, "node-" + i, 7000 + i, Map.of("weight", Integer.toString(i), "zone", "z" + (i % 2)));
    agent.pass("node-" + i);
  }

  private static List<String> names(ConsulDirectory d) {
    return d.current().members().stream().map(Member::name).toList();
  }

  @Test
  void members_followTheHealthyInstances_withWeightAndZoneFromMeta() {
    node(1);
    node(2);
    node(3);
    try (ConsulDirectory d = directory(Duration.ofSeconds(30))) {
      Await.until("three members", WITHIN, () -> names(d).equals(List.of("node-1", "node-2", "node-3")));
      Member second = d.current().members().get(1);
      assertThat(second.host()).isEqualTo("127.0.0.1");
      assertThat(second.port()).isEqualTo(7002);
      assertThat(second.weight()).isEqualTo(2);
      assertThat(second.zone()).isEqualTo("z0");
      assertThat(d.status().reachable()).isTrue();

      agent.fail("node-2");
      Await.until("node-2 dropped", WITHIN, () -> names(d).equals(List.of("node-1", "node-3")));
      node(4);
      Await.until("node-4 added", WITHIN, () -> names(d).equals(List.of("node-1", "node-3", "node-4")));
      agent.pass("node-2");
      Await.until("node-2 back", WITHIN, () -> names(d).size() == 4);
    }
  }

  @Test
  void answerRemovingMostMembers_isHeldForTheGrace_thenApplied() {
    for (int i = 1; i <= 4; i++) {
      node(i);
    }
    try (ConsulDirectory d = directory(Duration.ofSeconds(2))) {
      Await.until("four members", WITHIN, () -> names(d).size() == 4);
      long version = d.current().version();
      agent.fail("node-2");
      agent.fail("node-3");
      agent.fail("node-4");
      Await.until("the removal held", WITHIN, () -> d.status().holding());
      assertThat(names(d)).hasSize(4);
      Await.until("the removal applied after its grace", WITHIN, () -> names(d).equals(List.of("node-1")));
      assertThat(d.current().version()).isGreaterThan(version);
    }
  }

  @Test
  void agentDown_keepsTheLastMembers_andReportsIt() {
    node(1);
    node(2);
    try (ConsulDirectory d = directory(Duration.ofSeconds(30))) {
      Await.until("two members", WITHIN, () -> names(d).size() == 2);
      agent.stop();
      Await.until("the agent reported unreachable", WITHIN, () -> !d.status().reachable());
      assertThat(d.status().lastError()).isNotEmpty();
      assertThat(names(d)).containsExactly("node-1", "node-2");
    }
  }
}
