package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachefleet.it.ServerProcess.Readiness;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * libmemcached's {@code memccapable}, the memcached protocol checker, against a cachefleet
 * memcached pool over three memcached servers: every test of its ASCII suite (storage, noreply,
 * gets and cas, multi-key get, incr and decr, flush_all, verbosity, stats, version, quit) must pass,
 * as it passes against memcached itself. The stats port then reports the latency of those commands.
 */
class MemcapableTest {

  @Test
  void asciiSuite_passesThroughAMemcachedPool_andTheStatsTimeItsCommands() throws IOException {
    Path memccapable = Tools.require("memccapable", "install Debian's libmemcached-tools");
    List<ServerProcess> backends = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        backends.add(ServerProcess.memcached());
      }
      int port = ServerProcess.freePort();
      Path yml = NutcrackerYml.writeMemcached("capable", port, "",
          backends.stream().mapToInt(ServerProcess::port).toArray());
      int statsPort = ServerProcess.freePort();
      try (ServerProcess proxy = ServerProcess.start("proxy", port, List.of(Tools.home().resolve("bin/cachefleet")
          .toString(), "proxy", "--nutcracker", yml.toString(), "-s", Integer.toString(statsPort), "-a", "127.0.0.1"),
          Map.of("CACHEFLEET_JAVA_OPTS", "-Dcachefleet.proxy.admin-port=-1"), Readiness.VERSION)) {
        Exec.Result result = Exec.run(List.of(memccapable.toString(), "-a", "-t", "10", "-h", "127.0.0.1", "-p",
            Integer.toString(proxy.port())), null, Map.of(), Duration.ofSeconds(120));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err() + result.out()).contains("ascii stat ", "ascii mget ", "ascii cas noreply ")
            .contains("All tests passed").doesNotContain("[FAIL]");

        // Twemproxy's stats JSON, with the latencies of the memcached commands the suite sent
        JsonNode pool = new ObjectMapper().readTree(statsJson(statsPort)).path("capable");
        assertThat(pool.path("client_connections").isNumber()).as(pool.toString()).isTrue();
        assertThat(pool.path("latency_get_count").asLong()).as(pool.toString()).isPositive();
        assertThat(pool.path("latency_cas_p99_us").isNumber()).as(pool.toString()).isTrue();
      }
    } finally {
      backends.forEach(ServerProcess::close);
    }
  }

  /** What the stats port writes to a connection before closing it. */
  private static String statsJson(int port) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
