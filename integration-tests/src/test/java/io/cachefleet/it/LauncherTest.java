package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** bin/cachefleet as a user meets it: exit codes, messages, configuration layers, SIGTERM. */
class LauncherTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void requireJava() {
    Tools.requireJava();
  }

  @Test
  void version_printsTheProjectVersion() {
    Exec.Result result = launcher("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).matches("cachefleet \\d+\\.\\d+\\.\\d+\\S*\n");
  }

  @Test
  void unknownCommand_exitsTwoWithUsage() {
    Exec.Result result = launcher("bogus");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("cachefleet: unknown command 'bogus'\nUsage: cachefleet");
  }

  @Test
  void badConfig_exitsOneNamingTheSetting() throws IOException {
    Path file = Files.writeString(dir.resolve("node.conf"), "cachefleet.node.port = 70000\n");

    Exec.Result result = launcher("node", "--config", file.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cachefleet.node.port: must be within 0..65535 (was 70000)");
  }

  @Test
  void missingJar_saysHowToBuild() {
    Exec.Result result = Exec.run(List.of(script(), "--version"), null,
        Map.of("CACHEFLEET_JAR", dir.resolve("none.jar").toString()), Duration.ofSeconds(30));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("not found; build it with: ").contains("./mvnw -q -DskipTests package");
  }

  @Test
  void portInUse_exitsOneSayingSo() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Exec.Result result = launcher("node", "--port", Integer.toString(taken.getLocalPort()));

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void node_printsHowToConnect_andStopsOnSigterm() {
    ServerProcess node = ServerProcess.node();
    try {
      assertThat(node.output()).contains("listening on 127.0.0.1:" + node.port())
          .contains("redis-cli -p " + node.port());
    } finally {
      assertThat(node.stop()).isEqualTo(143);
    }
    assertThat(node.output()).contains("stopped");
  }

  @Test
  void systemPropertyOverridesConfigFile() throws IOException {
    Path file = Files.writeString(dir.resolve("node.conf"), "cachefleet.node.requirepass = from-file\n");

    try (ServerProcess node = ServerProcess.node(Map.of("CACHEFLEET_JAVA_OPTS", "-Dcachefleet.node.requirepass=from-prop"),
        "--config", file.toString());
         Jedis jedis = new Jedis("127.0.0.1", node.port())) {
      assertThatThrownBy(jedis::ping).isInstanceOf(JedisDataException.class).hasMessageStartingWith("NOAUTH");
      assertThatThrownBy(() -> jedis.auth("from-file")).isInstanceOf(JedisDataException.class);
      assertThat(jedis.auth("from-prop")).isEqualTo("OK");
      assertThat(jedis.ping()).isEqualTo("PONG");
    }
  }

  private static Exec.Result launcher(String... args) {
    List<String> command = new ArrayList<>(List.of(script()));
    command.addAll(List.of(args));
    return Exec.run(command, null, Map.of(), Duration.ofSeconds(60));
  }

  private static String script() {
    return Tools.home().resolve("bin/cachefleet").toString();
  }
}
