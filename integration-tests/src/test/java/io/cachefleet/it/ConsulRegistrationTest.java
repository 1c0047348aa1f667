package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.consul.ConsulDirectory;
import io.cachefleet.discovery.consul.ConsulRegistration;
import io.cachefleet.discovery.consul.ConsulRegistration.Health;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A node's registration in a real Consul agent, watched as a proxy watches it. */
class ConsulRegistrationTest {

  private static final String SERVICE = "cachefleet-node";
  private static final Duration WITHIN = Duration.ofSeconds(10);

  private ConsulAgent agent;
  private ConsulDirectory directory;
  private final AtomicReference<Health> health = new AtomicReference<>(new Health(true, "serving"));

  @BeforeEach
  void start() {
    agent = ConsulAgent.startDev();
    directory = agent.watch(SERVICE);
  }

  @AfterEach
  void stop() {
    directory.close();
    agent.close();
  }

  private ConsulRegistration register(String id, Map<String, String> meta) {
    return ConsulRegistration.start(new ConsulRegistration.Settings(agent.address(), "", "", SERVICE, id, "127.0.0.1",
        7001, List.of("cachefleet", "zone:a"), meta, Duration.ofSeconds(10), Duration.ofMillis(200),
        Duration.ofMinutes(1)), health::get);
  }

  private List<Member> members() {
    return directory.current().members();
  }

  @Test
  void registration_appearsWithItsMeta_andFollowsItsOwnHealth() {
    try (ConsulRegistration r = register("node-a", Map.of("weight", "2", "zone", "a"))) {
      Await.until("node-a listed", WITHIN, () -> members().size() == 1);
      Member m = members().get(0);
      assertThat(m.name()).isEqualTo("node-a");
      assertThat(m.port()).isEqualTo(7001);
      assertThat(m.weight()).isEqualTo(2);
      assertThat(m.zone()).isEqualTo("a");
      assertThat(r.reachable()).isTrue();

      health.set(new Health(false, "keyspace lock stuck"));
      Await.until("node-a dropped while unhealthy", WITHIN, () -> members().isEmpty());
      health.set(new Health(true, "serving"));
      Await.until("node-a back once healthy", WITHIN, () -> members().size() == 1);

      r.meta(Map.of("weight", "3", "zone", "a"));
      Await.until("the new meta seen", WITHIN, () -> members().size() == 1 && members().get(0).weight() == 3);
    }
    Await.until("node-a gone after close", WITHIN, () -> members().isEmpty());
  }

  @Test
  void maintenanceMode_takesTheInstanceOutOfTheRing_andBack() {
    try (ConsulRegistration r = register("node-m", Map.of())) {
      Await.until("node-m listed", WITHIN, () -> members().size() == 1);
      r.maintenance(true, "upgrade");
      Await.until("node-m out in maintenance", WITHIN, () -> members().isEmpty());
      r.maintenance(false, "");
      Await.until("node-m back", WITHIN, () -> members().size() == 1);
    }
  }

  @Test
  void agentRestartedWithoutState_theInstanceRegistersAgain() {
    try (ConsulRegistration r = register("node-r", Map.of())) {
      Await.until("node-r listed", WITHIN, () -> members().size() == 1);
      agent.restart();
      Await.until("node-r registered again and listed", Duration.ofSeconds(20),
          () -> directory.status().reachable() && members().size() == 1 && r.reachable());
    }
  }
}
