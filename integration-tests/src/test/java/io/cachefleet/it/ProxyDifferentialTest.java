package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands of {@code proxy-differential.txt} sent to one redis-server directly and through a
 * cachefleet proxy over three others: a client must not be able to tell the two apart by their
 * replies, in either protocol.
 */
class ProxyDifferentialTest {

  private static ServerProcess reference;
  private static Backends backends;
  private static ServerProcess proxy;

  @BeforeAll
  static void start() {
    reference = ServerProcess.redis();
    backends = Backends.start(3);
    int port = ServerProcess.freePort();
    Path config = NutcrackerYml.write("differential", port, """
          hash: fnv1a_64
          hash_tag: "{}"
          distribution: ketama
        """, backends.port(0), backends.port(1), backends.port(2));
    proxy = ServerProcess.proxy(config, port);
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (backends != null) {
      backends.close();
    }
    if (reference != null) {
      reference.close();
    }
  }

  @ParameterizedTest(name = "RESP{0}")
  @ValueSource(ints = {2, 3})
  void everyReply_isTheOneRedisGives(int protocol) {
    List<String[]> commands = commands();
    List<String> differences = new ArrayList<>();
    try (RespSocket direct = new RespSocket(reference.port()); RespSocket proxied = new RespSocket(proxy.port())) {
      // HELLO's reply carries the client id, which differs: only the protocol switch matters here
      assertThat(direct.call("HELLO", Integer.toString(protocol))).doesNotStartWith("-");
      assertThat(proxied.call("HELLO", Integer.toString(protocol))).doesNotStartWith("-");
      for (String[] command : commands) {
        String expected = direct.call(command);
        String actual = proxied.call(command);
        if (!expected.equals(actual)) {
          differences.add(String.join(" ", command) + "\n    redis: " + printable(expected) + "\n    proxy: "
              + printable(actual));
        }
      }
    }
    assertThat(commands).hasSizeGreaterThan(200);
    assertThat(differences).as("replies that differ from Redis's").isEmpty();
  }

  private static List<String[]> commands() {
    var in = Objects.requireNonNull(ProxyDifferentialTest.class.getResourceAsStream("proxy-differential.txt"));
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return lines.lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> Arrays.stream(line.split(" ")).map(arg -> arg.equals("\"\"") ? "" : arg)
              .toArray(String[]::new))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String printable(String reply) {
    return reply.replace("\r\n", "\\r\\n");
  }
}
