package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.consul.ConsulDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proxies registering in a real Consul agent: an operator sees in their meta whether every proxy
 * routes over the same ring.
 */
class ConsulProxyTest {

  @Test
  void proxiesOverTheSameServers_registerWithTheSameRingVersion() {
    try (ConsulAgent agent = ConsulAgent.startDev(); Backends redis = Backends.start(2);
         ConsulDirectory proxies = agent.watch("cachefleet-proxy")) {
      Map<String, String> env = Map.of("CACHEFLEET_JAVA_OPTS", String.join(" ",
          "-Dcachefleet.proxy.consul.enabled=true",
          "-Dcachefleet.proxy.consul.agent=" + agent.address(),
          "-Dcachefleet.proxy.consul.check-ttl=2s",
          "-Dcachefleet.proxy.consul.renew-interval=500ms"));
      int portA = ServerProcess.freePort();
      int portB = ServerProcess.freePort();
      Path ymlA = NutcrackerYml.write("fleet", portA, "", redis.port(0), redis.port(1));
      Path ymlB = NutcrackerYml.write("fleet", portB, "", redis.port(0), redis.port(1));
      try (ServerProcess a = ServerProcess.proxy(ymlA, portA, env);
           ServerProcess b = ServerProcess.proxy(ymlB, portB, env);
           RespSocket client = new RespSocket(portA)) {
        Await.until("both proxies registered", Duration.ofSeconds(15), () -> proxies.current().members().size() == 2);
        List<Member> registered = proxies.current().members();
        assertThat(registered).extracting(Member::port).containsExactlyInAnyOrder(portA, portB);
        String version = registered.get(0).meta().get("ring_version");
        assertThat(version).matches("[0-9a-f]{8}");
        assertThat(registered).allSatisfy(m ->
            assertThat(m.meta()).containsEntry("ring_version", version).containsEntry("members", "2"));
        assertThat(client.call("INFO", "pool")).contains("ring_version:" + version + "\r\n");

        b.stop();
        Await.until("the stopped proxy deregistered", Duration.ofSeconds(5),
            () -> proxies.current().members().size() == 1);
      }
    }
  }
}
