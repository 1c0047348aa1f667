package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The cachefleet proxy when things go wrong: a slow backend, a backend killed mid-pipeline, a
 * backend unreachable long enough to be ejected, a client sending bytes that are not Redis.
 *
 * <p>Three redis-server backends; the proxy reaches backend 0 through Toxiproxy (its
 * nutcracker.yml lists Toxiproxy's listen address for it), so a test can slow that link down or
 * cut it. Errors therefore name Toxiproxy's address for backend 0. Where a key lives is asked of
 * the backends themselves.
 */
class ProxyFaultTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  /** The pool timeout of the shared proxy, well under the latency the slow-backend test injects. */
  private static final int TIMEOUT_MILLIS = 200;

  private static Backends backends;
  private static ToxiproxyServer toxiproxy;
  /** Toxiproxy's link from the proxy to backend 0. */
  private static Proxy link;
  private static int linkPort;
  /** A proxy with a request timeout and no ejection, over the link, backend 1 and backend 2. */
  private static ServerProcess proxy;

  @BeforeAll
  static void start() {
    toxiproxy = ToxiproxyServer.start();
    backends = Backends.start(3);
    link = toxiproxy.proxy("backend-0", backends.port(0));
    linkPort = ToxiproxyServer.port(link);
    proxy = startProxy("faults", "  timeout: " + TIMEOUT_MILLIS + "\n", linkPort, backends.port(1), backends.port(2));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable process : new AutoCloseable[] {proxy, toxiproxy, backends}) {
      if (process != null) {
        try {
          process.close();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  @BeforeEach
  void emptyBackends() {
    backends.flushAll();
  }

  @AfterEach
  void healLink() {
    toxiproxy.reset();
  }

  @Test
  void slowBackend_onlyItsRequestsTimeOut_othersAnsweredInOrder() throws IOException {
    try (Jedis jedis = new Jedis("127.0.0.1", proxy.port())) {
      List<String> keys = keys("slow:", 60);
      jedis.mset(keys.stream().flatMap(k -> Stream.of(k, "v-" + k)).toArray(String[]::new));
      List<Integer> owners = keys.stream().map(ProxyFaultTest::owner).toList();
      assertThat(owners).as("keys on every backend").contains(0, 1, 2);

      Latency latency = link.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1000);
      Pipeline pipeline = jedis.pipelined();
      List<Response<String>> gets = keys.stream().map(pipeline::get).toList();
      pipeline.sync();

      for (int i = 0; i < keys.size(); i++) {
        Response<String> get = gets.get(i);
        if (owners.get(i) == 0) {
          assertThatThrownBy(get::get).as("GET %s on the slow backend", keys.get(i))
              .isInstanceOf(JedisDataException.class)
              .hasMessage("ERR backend 127.0.0.1:" + linkPort + " timed out after " + TIMEOUT_MILLIS + " ms");
        } else {
          assertThat(get.get()).as("GET %s", keys.get(i)).isEqualTo("v-" + keys.get(i));
        }
      }
      assertThat(jedis.ping()).as("the client's connection survives").isEqualTo("PONG");

      latency.remove();
      String slowKey = keys.get(owners.indexOf(0));
      Await.until("the slow backend serves " + slowKey + " again", WAIT,
          () -> ("v-" + slowKey).equals(get(jedis, slowKey)));
    }
  }

  @Test
  void backendKilledMidPipeline_everyRequestAnswered_connectionSurvives() {
    int n = 6000;
    try (ServerProcess victim = ServerProcess.redis();
         ServerProcess proxy = startProxy("kill", "", linkPort, backends.port(1), victim.port());
         RespSocket client = new RespSocket(proxy.port())) {
      List<String> keys = keys("kill:", n);
      for (String key : keys) {
        client.write(RespSocket.command("SET", key, "first"));
      }
      for (String key : keys) {
        assertThat(client.readReply()).as("first SET %s", key).isEqualTo("+OK\r\n");
      }
      Set<String> onVictim;
      try (Jedis direct = new Jedis("127.0.0.1", victim.port())) {
        onVictim = direct.keys("kill:*");
      }
      assertThat(onVictim.size()).as("keys on the victim").isGreaterThan(1000);
      String lastElsewhere = keys.stream().filter(k -> !onVictim.contains(k)).reduce((a, b) -> b).orElseThrow();
      int lastElsewhereOn = owner(lastElsewhere);

      // the victim stops answering: what the proxy sends it from now on stays in flight
      try (RespSocket direct = new RespSocket(victim.port())) {
        assertThat(direct.call("CLIENT", "PAUSE", "60000", "ALL")).isEqualTo("+OK\r\n");
      }
      for (String key : keys) {
        client.write(RespSocket.command("SET", key, "second-" + key));
      }
      client.write(RespSocket.command("SET", lastElsewhere, "after-all"));
      client.flush();
      // requests reach the backends in order: once the last one is applied, every one was sent
      Await.until("the proxy sent every request", WAIT,
          () -> "after-all".equals(directGet(lastElsewhereOn, lastElsewhere)));
      victim.kill();

      String lost = "-ERR backend 127.0.0.1:" + victim.port() + " closed the connection\r\n";
      for (String key : keys) {
        assertThat(client.readReply()).as("second SET %s", key).isEqualTo(onVictim.contains(key) ? lost : "+OK\r\n");
      }
      assertThat(client.readReply()).isEqualTo("+OK\r\n");
      assertThat(client.call("PING")).as("the client's connection survives").isEqualTo("+PONG\r\n");
      String survivor = keys.stream().filter(k -> !onVictim.contains(k) && !k.equals(lastElsewhere)).findFirst()
          .orElseThrow();
      assertThat(client.call("GET", survivor)).isEqualTo(bulk("second-" + survivor));
      assertThat(client.call("SET", survivor, "third")).isEqualTo("+OK\r\n");
      assertThat(client.call("GET", onVictim.iterator().next()))
          .startsWith("-ERR backend 127.0.0.1:" + victim.port() + " is unreachable: ");
    }
  }

  @Test
  void unreachableBackend_isEjected_thenReturnsAfterAnsweringPing() throws IOException {
    try (ServerProcess proxy = startProxy("eject", """
          auto_eject_hosts: true
          server_failure_limit: 2
          server_retry_timeout: 500
        """, linkPort, backends.port(1), backends.port(2));
         Jedis jedis = new Jedis("127.0.0.1", proxy.port())) {
      List<String> keys = keys("eject:", 30);
      jedis.mset(keys.stream().flatMap(k -> Stream.of(k, "first")).toArray(String[]::new));
      String key = keys.stream().filter(k -> owner(k) == 0).findFirst().orElseThrow();

      link.disable();
      List<String> errors = new ArrayList<>();
      Await.until(key + " is written to another backend", WAIT, () -> {
        try {
          return "OK".equals(jedis.set(key, "while-ejected"));
        } catch (JedisDataException e) {
          errors.add(e.getMessage());
          return false;
        }
      });

      assertThat(errors).as("errors before the ejection").allMatch(e -> e.matches(
          "ERR backend 127\\.0\\.0\\.1:" + linkPort + " (closed the connection|is unreachable: .+)"));
      assertThat(backends.holders(key)).hasSize(2).contains(0);
      assertThat(directGet(0, key)).as("the ejected backend's copy").isEqualTo("first");

      link.enable();
      Await.until(key + " is written to its own backend again", WAIT, () -> {
        try {
          jedis.set(key, "returned");
        } catch (JedisDataException e) {
          return false;
        }
        return "returned".equals(directGet(0, key));
      });
    }
  }

  /** Bytes that are not a valid request, by what is wrong with them. */
  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("garbage multibulk length", "*abc\r\n"),
        Arguments.of("multibulk length over Redis's limit", "*3000000000\r\n"),
        Arguments.of("no bulk where one is due", "*1\r\nfoo\r\n"),
        Arguments.of("garbage bulk length", "*1\r\n$abc\r\n"),
        Arguments.of("bulk length over 512 MB", "*1\r\n$600000000\r\n"),
        Arguments.of("unbalanced quote in an inline command", "SET \"abc\r\n"),
        Arguments.of("text after a closing quote", "SET k \"a\"b\r\n"),
        Arguments.of("inline words that are not commands", "$3\r\nfoo\r\n"),
        Arguments.of("null multibulk", "*-1\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInput_answeredAsRedisAnswersIt_otherClientsUnaffected(String what, String bytes) {
    try (Jedis bystander = new Jedis("127.0.0.1", proxy.port())) {
      assertThat(bystander.set("{bystander}", "before")).isEqualTo("OK");

      Answer fromRedis = answer(backends.port(1), bytes);
      Answer fromProxy = answer(proxy.port(), bytes);

      assertThat(fromRedis.reply()).as("redis-server answers something").isNotEmpty();
      assertThat(fromProxy).as(what).isEqualTo(fromRedis);
      assertThat(bystander.get("{bystander}")).as("another client").isEqualTo("before");
      assertThat(bystander.ping()).isEqualTo("PONG");
    }
  }

  /** What a server sends back to {@code bytes} followed by a PING, and whether it then closes the connection. */
  private record Answer(String reply, boolean closed) {}

  /** Sends {@code bytes} and a PING; reads until the PING's reply or the end of the connection. */
  private static Answer answer(int port, String bytes) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout((int) WAIT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write((bytes + "*1\r\n$4\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      while (!reply.toString(StandardCharsets.US_ASCII).endsWith("+PONG\r\n")) {
        int b;
        try {
          b = in.read();
        } catch (SocketException reset) {
          b = -1;
        }
        if (b < 0) {
          return new Answer(reply.toString(StandardCharsets.US_ASCII), true);
        }
        reply.write(b);
      }
      return new Answer(reply.toString(StandardCharsets.US_ASCII), false);
    } catch (IOException e) {
      throw new UncheckedIOException("talking to 127.0.0.1:" + port, e);
    }
  }

  private static ServerProcess startProxy(String name, String settings, int... servers) {
    int port = ServerProcess.freePort();
    // murmur spreads look-alike keys (kill:0, kill:1, ...) over the backends better than fnv1a_64
    return ServerProcess.proxy(NutcrackerYml.write(name, port, "  hash: murmur\n" + settings, servers), port);
  }

  private static List<String> keys(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  /** The one backend (of the three shared ones) holding {@code key}. */
  private static int owner(String key) {
    Set<Integer> holders = backends.holders(key);
    assertThat(holders).as("backends holding %s", key).hasSize(1);
    return holders.iterator().next();
  }

  private static String directGet(int backend, String key) {
    try (Jedis direct = backends.direct(backend)) {
      return direct.get(key);
    }
  }

  /** GET through the proxy; null when the proxy answers with an error. */
  private static String get(Jedis jedis, String key) {
    try {
      return jedis.get(key);
    } catch (JedisDataException e) {
      return null;
    }
  }

  private static String bulk(String value) {
    return "$" + value.length() + "\r\n" + value + "\r\n";
  }
}
