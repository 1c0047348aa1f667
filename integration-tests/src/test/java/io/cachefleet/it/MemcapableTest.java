package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.it.ServerProcess.Readiness;
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
 * as it passes against memcached itself.
 */
class MemcapableTest {

  @Test
  void asciiSuite_passesThroughAMemcachedPool() {
    Path memccapable = Tools.require("memccapable", "install Debian's libmemcached-tools");
    List<ServerProcess> backends = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        backends.add(ServerProcess.memcached());
      }
      int port = ServerProcess.freePort();
      Path yml = NutcrackerYml.writeMemcached("capable", port, "",
          backends.stream().mapToInt(ServerProcess::port).toArray());
      try (ServerProcess proxy = ServerProcess.proxy(yml, port, Readiness.VERSION)) {
        Exec.Result result = Exec.run(List.of(memccapable.toString(), "-a", "-t", "10", "-h", "127.0.0.1", "-p",
            Integer.toString(proxy.port())), null, Map.of(), Duration.ofSeconds(120));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err() + result.out()).contains("ascii stat ", "ascii mget ", "ascii cas noreply ")
            .contains("All tests passed").doesNotContain("[FAIL]");
      }
    } finally {
      backends.forEach(ServerProcess::close);
    }
  }
}
