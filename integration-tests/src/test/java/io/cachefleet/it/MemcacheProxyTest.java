package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.cachefleet.it.ServerProcess.Readiness;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.MemcachedClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * What a memcached user sees through a cachefleet proxy whose pool is {@code redis: false}: one
 * proxy over three memcached backends, replies asserted as their exact text.
 *
 * <p>Most tests run through nutcracker too, started with the same pool over the same backends:
 * Twemproxy is what the proxy replaces, so what both must do is checked against both. The others
 * are the proxy's alone, where it behaves as memcached does and nutcracker does not: nutcracker
 * closes the client's connection on bad input, on a negative exptime and when a backend fails, and
 * misorders some multi-key gets. Where the text of a reply is memcached's own, a standalone
 * memcached (the reference) is asked the same and must agree.
 */
class MemcacheProxyTest {

  private static final String NUTCRACKER = "nutcracker";
  private static final String CACHEFLEET = "cachefleet";

  /**
   * The pool's settings, the same for nutcracker and the proxy. Murmur, not Twemproxy's default
   * fnv1a_64, which hashes keys that differ only in their last characters close together on the
   * ring: the few dozen keys a test here spreads could then all land on one backend.
   * {@link MemcacheParityTest} covers fnv1a_64.
   */
  private static final String SETTINGS = """
        hash: murmur
        distribution: ketama
      """;

  private static final Pattern CAS = Pattern.compile("VALUE (\\S+) (\\d+) (\\d+) (\\d+)\r\n");

  private static final List<ServerProcess> backends = new ArrayList<>();
  /** A memcached on its own, which replies as the proxy must. */
  private static ServerProcess reference;
  /**
   * The pool's listener by what serves it, started when a test first needs it: a proxy that
   * cannot start fails its own tests, not nutcracker's.
   */
  private static final Map<String, ServerProcess> pools = new HashMap<>();

  @BeforeAll
  static void start() {
    // spymemcached logs each connection on stderr by default; through SLF4J, errors only
    System.setProperty("net.spy.log.LoggerImpl", "net.spy.memcached.compat.log.SLF4JLogger");
    ((Logger) LoggerFactory.getLogger("net.spy.memcached")).setLevel(Level.ERROR);
    for (int i = 0; i < 3; i++) {
      backends.add(ServerProcess.memcached());
    }
    reference = ServerProcess.memcached();
  }

  @AfterAll
  static void stop() {
    pools.values().forEach(ServerProcess::close);
    backends.forEach(ServerProcess::close);
    if (reference != null) {
      reference.close();
    }
  }

  @BeforeEach
  void emptyBackends() {
    backends.forEach(MemcacheProxyTest::flush);
    flush(reference);
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {NUTCRACKER, CACHEFLEET})
  void storageCommands_replyAsMemcached_flagsAndExptimeReachTheBackend(String through) {
    try (MemcacheSocket client = new MemcacheSocket(port(through))) {
      assertThat(client.call("set plain 0 0 1\r\nv\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("get plain\r\n")).isEqualTo("VALUE plain 0 1\r\nv\r\nEND\r\n");
      assertThat(client.call("set flagged 4294967295 3600 5\r\nhello\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("get flagged\r\n")).isEqualTo("VALUE flagged 4294967295 5\r\nhello\r\nEND\r\n");
      // an exptime over 30 days is a Unix time, this one in 1970: stored, and already expired
      assertThat(client.call("set expired 7 2592001 1\r\nv\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("get expired\r\n")).isEqualTo("END\r\n");
      assertThat(client.call("set spaced 0 0 8\r\na b\r\nc d\r\n")).as("data is bytes, CRLF too")
          .isEqualTo("STORED\r\n");
      assertThat(client.call("get spaced\r\n")).isEqualTo("VALUE spaced 0 8\r\na b\r\nc d\r\nEND\r\n");
      assertThat(client.call("set empty 3 0 0\r\n\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("get empty\r\n")).isEqualTo("VALUE empty 3 0\r\n\r\nEND\r\n");
      String longest = "k".repeat(250);
      assertThat(client.call("set " + longest + " 0 0 1\r\nv\r\n")).as("a 250-byte key").isEqualTo("STORED\r\n");
      assertThat(client.call("get " + longest + "\r\n")).isEqualTo("VALUE " + longest + " 0 1\r\nv\r\nEND\r\n");

      assertThat(client.call("add plain 1 0 1\r\nw\r\n")).isEqualTo("NOT_STORED\r\n");
      assertThat(client.call("add added 1 0 1\r\nw\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("get added\r\n")).isEqualTo("VALUE added 1 1\r\nw\r\nEND\r\n");
      assertThat(client.call("replace absent 0 0 1\r\nw\r\n")).isEqualTo("NOT_STORED\r\n");
      assertThat(client.call("get absent\r\n")).isEqualTo("END\r\n");
      assertThat(client.call("replace plain 2 0 2\r\nvw\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("get plain\r\n")).isEqualTo("VALUE plain 2 2\r\nvw\r\nEND\r\n");

      // append and prepend keep the item's flags and ignore the ones given
      assertThat(client.call("append plain 9 0 3\r\n-ap\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("prepend plain 9 0 3\r\npre\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("get plain\r\n")).isEqualTo("VALUE plain 2 8\r\nprevw-ap\r\nEND\r\n");
      assertThat(client.call("append absent 0 0 1\r\nx\r\n")).isEqualTo("NOT_STORED\r\n");
      assertThat(client.call("prepend absent 0 0 1\r\nx\r\n")).isEqualTo("NOT_STORED\r\n");

      assertThat(client.call("touch plain 3600\r\n")).isEqualTo("TOUCHED\r\n");
      assertThat(client.call("touch absent 3600\r\n")).isEqualTo("NOT_FOUND\r\n");
      assertThat(client.call("touch added 2592001\r\n")).isEqualTo("TOUCHED\r\n");
      assertThat(client.call("get added\r\n")).as("touched to expire at once").isEqualTo("END\r\n");

      assertThat(client.call("delete plain\r\n")).isEqualTo("DELETED\r\n");
      assertThat(client.call("delete plain\r\n")).isEqualTo("NOT_FOUND\r\n");
      assertThat(client.call("get plain\r\n")).isEqualTo("END\r\n");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {NUTCRACKER, CACHEFLEET})
  void incrAndDecr_answerTheNumber_orNotFound_orRefuseNonNumericValues(String through) {
    try (MemcacheSocket client = new MemcacheSocket(port(through))) {
      assertThat(client.call("set counter 5 0 2\r\n10\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("incr counter 5\r\n")).isEqualTo("15\r\n");
      assertThat(client.call("decr counter 3\r\n")).isEqualTo("12\r\n");
      assertThat(client.call("decr counter 100\r\n")).as("decr stops at 0").isEqualTo("0\r\n");
      assertThat(client.call("incr counter 18446744073709551615\r\n")).as("64-bit unsigned")
          .isEqualTo("18446744073709551615\r\n");
      assertThat(client.call("incr counter 1\r\n")).as("wraps around").isEqualTo("0\r\n");
      assertThat(client.call("incr counter 7\r\n")).isEqualTo("7\r\n");
      // memcached writes a number shorter than the one it replaces in place, padded with spaces
      assertThat(client.call("get counter\r\n")).as("flags kept")
          .isEqualTo("VALUE counter 5 20\r\n7" + " ".repeat(19) + "\r\nEND\r\n");
      assertThat(client.call("incr absent 1\r\n")).isEqualTo("NOT_FOUND\r\n");
      assertThat(client.call("decr absent 1\r\n")).isEqualTo("NOT_FOUND\r\n");
      assertThat(client.call("set word 0 0 3\r\nabc\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("incr word 1\r\n"))
          .isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
      assertThat(client.call("decr word 1\r\n"))
          .isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
      assertThat(client.call("get word\r\n")).isEqualTo("VALUE word 0 3\r\nabc\r\nEND\r\n");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {NUTCRACKER, CACHEFLEET})
  void getsAndCas_storeOnlyOverTheCasValueGiven(String through) {
    try (MemcacheSocket client = new MemcacheSocket(port(through))) {
      assertThat(client.call("set versioned 3 0 1\r\nv\r\n")).isEqualTo("STORED\r\n");
      String gets = client.call("gets versioned\r\n");
      Matcher value = CAS.matcher(gets);
      assertThat(value.lookingAt()).as("a VALUE line with a cas value: %s", gets).isTrue();
      long cas = Long.parseLong(value.group(4));
      assertThat(gets).isEqualTo("VALUE versioned 3 1 " + cas + "\r\nv\r\nEND\r\n");

      assertThat(client.call("cas versioned 4 0 1 " + cas + "\r\nw\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("get versioned\r\n")).isEqualTo("VALUE versioned 4 1\r\nw\r\nEND\r\n");
      assertThat(client.call("cas versioned 0 0 1 " + cas + "\r\nx\r\n")).as("stale cas").isEqualTo("EXISTS\r\n");
      assertThat(client.call("get versioned\r\n")).isEqualTo("VALUE versioned 4 1\r\nw\r\nEND\r\n");
      long next = casOf(client.call("gets versioned\r\n"));
      assertThat(next).isNotEqualTo(cas);
      assertThat(client.call("cas versioned 0 0 1 " + next + "\r\ny\r\n")).isEqualTo("STORED\r\n");
      assertThat(client.call("cas absent 0 0 1 " + next + "\r\nz\r\n")).isEqualTo("NOT_FOUND\r\n");
      assertThat(client.call("get absent\r\n")).isEqualTo("END\r\n");
    }
  }

  /**
   * The proxy's alone: nutcracker 0.5.0 returns the VALUE blocks of a get that spans backends out of
   * the order asked when a miss comes before hits.
   */
  @Test
  void multiKeyGet_acrossBackends_repliesAsOneMemcached() {
    List<String> keys = IntStream.range(0, 30).mapToObj(i -> "multi:" + i).toList();
    StringBuilder sets = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      sets.append(set(keys.get(i), i * 1000, "value " + "x".repeat(i)));
    }
    try (MemcacheSocket client = new MemcacheSocket(port(CACHEFLEET));
         MemcacheSocket standalone = new MemcacheSocket(reference.port())) {
      client.send(sets.toString());
      standalone.send(sets.toString());
      for (String key : keys) {
        assertThat(client.read()).as("set %s", key).isEqualTo("STORED\r\n");
        assertThat(standalone.read()).as("set %s", key).isEqualTo("STORED\r\n");
      }
      assertThat(keys.stream().map(MemcacheProxyTest::owner).toList()).as("keys on every backend").contains(0, 1, 2);

      // asked out of order, with misses among them and keys asked again
      List<String> asked = new ArrayList<>();
      for (int i = keys.size() - 1; i >= 0; i--) {
        asked.add(keys.get((i * 7) % keys.size()));
        if (i % 10 == 0) {
          asked.add("multi:missing:" + i);
        }
      }
      asked.addAll(List.of(keys.get(3), "multi:missing:last", keys.get(3), keys.get(17)));
      String get = "get " + String.join(" ", asked) + "\r\n";
      String expected = standalone.call(get);
      assertThat(expected.split("VALUE ", -1)).as("memcached's reply: %s", expected).hasSize(keys.size() + 3 + 1);
      assertThat(client.call(get)).isEqualTo(expected);

      String gets = "gets " + String.join(" ", asked) + "\r\n";
      String proxied = client.call(gets);
      assertThat(CAS.matcher(proxied).results().count()).as("a cas value on every VALUE line: %s", proxied)
          .isEqualTo(keys.size() + 3);
      assertThat(withoutCas(proxied)).isEqualTo(withoutCas(standalone.call(gets)));

      String misses = "get multi:missing:a multi:missing:b multi:missing:c\r\n";
      assertThat(client.call(misses)).isEqualTo("END\r\n");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {NUTCRACKER, CACHEFLEET})
  void noreply_leavesOnlyTheRepliesOfTheOtherRequests(String through) {
    try (MemcacheSocket client = new MemcacheSocket(port(through))) {
      client.send("set quiet 0 0 1 noreply\r\nv\r\nget quiet\r\n");
      assertThat(client.read()).isEqualTo("VALUE quiet 0 1\r\nv\r\nEND\r\n");

      client.send("""
          set n 1 0 1 noreply\r
          5\r
          incr n 10 noreply\r
          decr n 3 noreply\r
          add n 0 0 1 noreply\r
          9\r
          append n 0 0 1 noreply\r
          0\r
          prepend n 0 0 1 noreply\r
          1\r
          touch n 3600 noreply\r
          add fresh 0 0 1 noreply\r
          f\r
          replace fresh 0 0 2 noreply\r
          ff\r
          delete quiet noreply\r
          get n fresh quiet\r
          """);
      assertThat(client.read()).isEqualTo("VALUE n 1 4\r\n1120\r\nVALUE fresh 0 2\r\nff\r\nEND\r\n");

      long cas = casOf(client.call("gets n\r\n"));
      client.send("cas n 2 0 1 " + cas + " noreply\r\nc\r\nget n\r\n");
      assertThat(client.read()).isEqualTo("VALUE n 2 1\r\nc\r\nEND\r\n");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {NUTCRACKER, CACHEFLEET})
  void aThousandPipelinedRequests_repliesInOrder(String through) {
    StringBuilder requests = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int j = 0; j < 200; j++) {
      String key = "pipe:" + j;
      String value = "value-" + j;
      requests.append(set(key, j, value));
      expected.add("STORED\r\n");
      // a miss, last: nutcracker misorders the hits of a get after a miss when they are on several backends
      requests.append("get ").append(key).append(" pipe:").append(j + 1).append("\r\n");
      expected.add("VALUE " + key + " " + j + " " + value.length() + "\r\n" + value + "\r\nEND\r\n");
      requests.append("incr pipe:counter 1\r\n");
      expected.add((j + 1) + "\r\n");
      requests.append("append ").append(key).append(" 0 0 1\r\n!\r\n");
      expected.add("STORED\r\n");
      if (j % 2 == 0) {
        // the odd keys are deleted as they go by
        requests.append("delete pipe:").append(j - 1).append("\r\n");
        expected.add(j == 0 ? "NOT_FOUND\r\n" : "DELETED\r\n");
      } else {
        requests.append("touch pipe:").append(j - 1).append(" 3600\r\n");
        expected.add("TOUCHED\r\n");
      }
    }
    try (MemcacheSocket client = new MemcacheSocket(port(through))) {
      assertThat(client.call("set pipe:counter 0 0 1\r\n0\r\n")).isEqualTo("STORED\r\n");
      client.send(requests.toString());
      List<String> replies = read(client, expected.size());
      assertThat(expected).hasSize(1000);
      assertThat(replies).containsExactlyElementsOf(expected);
      assertThat(client.call("get pipe:197\r\n")).isEqualTo("END\r\n");
      assertThat(client.call("get pipe:198 pipe:199\r\n")).isEqualTo(
          "VALUE pipe:198 198 10\r\nvalue-198!\r\nVALUE pipe:199 199 10\r\nvalue-199!\r\nEND\r\n");
    }
    assertThat(IntStream.range(0, 100).mapToObj(j -> owner("pipe:" + 2 * j)).toList())
        .as("the keys the requests were about, on every backend").contains(0, 1, 2);
  }

  /** nutcracker closes the connection of a client that sends a negative exptime, which memcached takes. */
  @Test
  void negativeExptime_storesAnItemExpiredAtOnce_asMemcachedDoes() {
    String requests = "set soon 0 -1 1\r\nv\r\nget soon\r\nset later 0 0 1\r\nv\r\ntouch later -1\r\nget later\r\n";
    List<String> memcached = List.of("STORED\r\n", "END\r\n", "STORED\r\n", "TOUCHED\r\n", "END\r\n");
    try (MemcacheSocket client = new MemcacheSocket(port(CACHEFLEET));
         MemcacheSocket standalone = new MemcacheSocket(reference.port())) {
      standalone.send(requests);
      assertThat(read(standalone, memcached.size())).as("memcached's replies").isEqualTo(memcached);
      client.send(requests);
      assertThat(read(client, memcached.size())).isEqualTo(memcached);
    }
  }

  /** Bad input: its text, and what memcached 1.6.18 answers, one reply a line. */
  static Stream<Arguments> badInput() {
    String tooLong = "k".repeat(251);
    return Stream.of(
        Arguments.of("an unknown command", "foo\r\n", List.of("ERROR\r\n")),
        Arguments.of("a command in upper case", "GET k\r\n", List.of("ERROR\r\n")),
        Arguments.of("an empty line", "\r\n", List.of("ERROR\r\n")),
        Arguments.of("get without a key", "get\r\n", List.of("ERROR\r\n")),
        Arguments.of("set without its length", "set k 0 0\r\n", List.of("ERROR\r\n")),
        Arguments.of("set with a length that is not a number", "set k 0 0 abc\r\nv\r\n",
            // the data line is then read as a command
            List.of("CLIENT_ERROR bad command line format\r\n", "ERROR\r\n")),
        Arguments.of("set with a negative length", "set k 0 0 -1\r\n",
            List.of("CLIENT_ERROR bad command line format\r\n")),
        Arguments.of("incr by a number that is not one", "incr k abc\r\n",
            List.of("CLIENT_ERROR invalid numeric delta argument\r\n")),
        Arguments.of("touch with an exptime that is not a number", "touch k abc\r\n",
            List.of("CLIENT_ERROR invalid exptime argument\r\n")),
        Arguments.of("get of a key over 250 bytes", "get " + tooLong + "\r\n",
            List.of("CLIENT_ERROR bad command line format\r\n")),
        Arguments.of("set of a key over 250 bytes", "set " + tooLong + " 0 0 1\r\nv\r\n",
            List.of("CLIENT_ERROR bad command line format\r\n", "ERROR\r\n")),
        Arguments.of("a data block longer than its length", "set k 0 0 1\r\nvv\r\n",
            // memcached reads "vv\r" as the block, then the lone "\n" as an empty command
            List.of("CLIENT_ERROR bad data chunk\r\n", "ERROR\r\n")),
        Arguments.of("a data block shorter than its length", "set k 0 0 3\r\nv\r\nget k\r\n",
            // the block is "v\r\nge"; "t k" is then read as a command
            List.of("CLIENT_ERROR bad data chunk\r\n", "ERROR\r\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInput_isAnsweredAsMemcachedAnswersIt_andTheConnectionStaysOpen(String what, String input,
                                                                         List<String> memcached) {
    try (MemcacheSocket client = new MemcacheSocket(port(CACHEFLEET));
         MemcacheSocket standalone = new MemcacheSocket(reference.port())) {
      for (MemcacheSocket socket : List.of(client, standalone)) {
        assertThat(socket.call("set k 0 0 1\r\nv\r\n")).isEqualTo("STORED\r\n");
      }
      standalone.send(input);
      List<String> expected = read(standalone, memcached.size());
      assertThat(expected).as("memcached's replies to %s", what).isEqualTo(memcached);

      client.send(input);
      List<String> replies = read(client, expected.size());
      assertThat(replies).as("the proxy's replies to %s", what).isEqualTo(expected);
      assertThat(client.call("get k\r\n")).as("after %s", what).isEqualTo("VALUE k 0 1\r\nv\r\nEND\r\n");
      assertThat(standalone.call("get k\r\n")).isEqualTo("VALUE k 0 1\r\nv\r\nEND\r\n");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {NUTCRACKER, CACHEFLEET})
  void version_isAnswered_quitClosesTheConnection(String through) {
    try (MemcacheSocket client = new MemcacheSocket(port(through))) {
      assertThat(client.call("version\r\n")).startsWith("VERSION ").endsWith("\r\n").doesNotContain("\r\n\r\n");
      client.send("quit\r\n");
      assertThat(client.isClosedByServer()).as("closed after quit").isTrue();
    }
  }

  @Test
  void stoppedBackend_itsKeysGetServerErrorNamingIt_othersAreServed_theConnectionStaysOpen() {
    try (OwnPool pool = OwnPool.start("stopped-backend", SETTINGS);
         MemcacheSocket client = new MemcacheSocket(pool.port())) {
      List<ServerProcess> own = pool.backends();
      List<String> keys = IntStream.range(0, 30).mapToObj(i -> "down:" + i).toList();
      keys.forEach(key -> assertThat(client.call(set(key, 0, key))).isEqualTo("STORED\r\n"));
      Map<String, Integer> owners = new LinkedHashMap<>();
      keys.forEach(key -> owners.put(key, owner(own, key)));
      assertThat(new HashSet<>(owners.values())).as("keys on every backend").containsExactlyInAnyOrder(0, 1, 2);

      int stopped = own.get(0).port();
      own.get(0).close();

      // twice: first over the proxy's connection the backend closed, then with none to be had
      for (int round = 0; round < 2; round++) {
        for (String key : keys) {
          String reply = client.call("get " + key + "\r\n");
          if (owners.get(key) == 0) {
            assertThat(reply).as("get %s, on the stopped backend", key).startsWith("SERVER_ERROR ")
                .contains("127.0.0.1:" + stopped).endsWith("\r\n").containsOnlyOnce("\r\n");
          } else {
            assertThat(reply).as("get %s", key)
                .isEqualTo("VALUE " + key + " 0 " + key.length() + "\r\n" + key + "\r\nEND\r\n");
          }
        }
      }
      String lost = owners.entrySet().stream().filter(e -> e.getValue() == 0).findFirst().orElseThrow().getKey();
      assertThat(client.call(set(lost, 0, "again"))).startsWith("SERVER_ERROR ").contains("127.0.0.1:" + stopped);
      String kept = owners.entrySet().stream().filter(e -> e.getValue() == 1).findFirst().orElseThrow().getKey();
      assertThat(client.call(set(kept, 0, "again"))).isEqualTo("STORED\r\n");
      assertThat(client.call("get " + kept + "\r\n")).isEqualTo("VALUE " + kept + " 0 5\r\nagain\r\nEND\r\n");
    }
  }

  @Test
  void autoEject_takesAStoppedBackendOut_andItComesBackOnceItAnswersVersion() {
    try (OwnPool pool = OwnPool.start("ejecting", SETTINGS
             + "  auto_eject_hosts: true\n  server_failure_limit: 1\n  server_retry_timeout: 200\n");
         MemcacheSocket client = new MemcacheSocket(pool.port())) {
      List<ServerProcess> own = pool.backends();
      String key = IntStream.range(0, 100).mapToObj(i -> "eject:" + i)
          .filter(k -> client.call(set(k, 0, "v")).equals("STORED\r\n") && owner(own, k) == 0)
          .findFirst().orElseThrow();
      int stopped = own.get(0).port();
      own.get(0).close();

      Await.until("the stopped backend's key stored elsewhere", Duration.ofSeconds(10),
          () -> client.call(set(key, 0, "moved")).equals("STORED\r\n"));
      assertThat(owner(own.subList(1, 3), key)).isNotNegative();

      Path memcached = Tools.require("memcached", "install Debian's memcached");
      own.set(0, ServerProcess.start("memcached", stopped, List.of(memcached.toString(), "-l", "127.0.0.1", "-p",
          Integer.toString(stopped), "-U", "0", "-m", "64", "-u", System.getProperty("user.name")), Map.of(),
          Readiness.VERSION));
      Await.until("the key back on the restarted backend", Duration.ofSeconds(10),
          () -> client.call(set(key, 0, "back")).equals("STORED\r\n") && owner(own.subList(0, 1), key) == 0);
      assertThat(client.call("get " + key + "\r\n")).isEqualTo("VALUE " + key + " 0 4\r\nback\r\nEND\r\n");
    }
  }

  @ParameterizedTest(name = "through {0}")
  @ValueSource(strings = {NUTCRACKER, CACHEFLEET})
  void spymemcached_setGetBulkCasIncrDelete(String through) throws Exception {
    MemcachedClient client = new MemcachedClient(new InetSocketAddress("127.0.0.1", port(through)));
    try {
      assertThat(client.set("spy:k", 0, "hello").get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(client.get("spy:k")).isEqualTo("hello");

      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < 200; i++) {
        values.put("spy:bulk:" + i, "value-" + i);
      }
      for (Map.Entry<String, Object> entry : values.entrySet()) {
        assertThat(client.set(entry.getKey(), 0, entry.getValue()).get(10, TimeUnit.SECONDS)).isTrue();
      }
      List<String> asked = new ArrayList<>(values.keySet());
      asked.add("spy:bulk:missing");
      assertThat(client.getBulk(asked)).isEqualTo(values);
      assertThat(values.keySet().stream().map(MemcacheProxyTest::owner).toList()).as("keys on every backend")
          .contains(0, 1, 2);

      CASValue<Object> versioned = client.gets("spy:k");
      assertThat(versioned.getValue()).isEqualTo("hello");
      assertThat(client.cas("spy:k", versioned.getCas(), "world")).isEqualTo(CASResponse.OK);
      assertThat(client.cas("spy:k", versioned.getCas(), "stale")).isEqualTo(CASResponse.EXISTS);
      assertThat(client.cas("spy:absent", versioned.getCas(), "none")).isEqualTo(CASResponse.NOT_FOUND);
      assertThat(client.get("spy:k")).isEqualTo("world");

      assertThat(client.set("spy:n", 0, "10").get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(client.incr("spy:n", 5)).isEqualTo(15);
      assertThat(client.decr("spy:n", 20)).isEqualTo(0);
      assertThat(client.incr("spy:absent", 1)).as("not found").isEqualTo(-1);

      assertThat(client.delete("spy:k").get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(client.get("spy:k")).isNull();
      assertThat(client.delete("spy:k").get(10, TimeUnit.SECONDS)).isFalse();
    } finally {
      client.shutdown(10, TimeUnit.SECONDS);
    }
  }

  /** The port of the pool that {@code through} serves, started on first use. */
  private static int port(String through) {
    return pools.computeIfAbsent(through, MemcacheProxyTest::startPool).port();
  }

  /** nutcracker or the proxy, by {@code through}, with the pool over the shared backends. */
  private static ServerProcess startPool(String through) {
    int port = ServerProcess.freePort();
    Path config = NutcrackerYml.writeMemcached("memcache-" + through, port, SETTINGS, backends.get(0).port(),
        backends.get(1).port(), backends.get(2).port());
    return through.equals(NUTCRACKER) ? ServerProcess.nutcracker(config, port, Readiness.VERSION)
        : ServerProcess.proxy(config, port, Readiness.VERSION);
  }

  /** The next {@code n} replies. */
  private static List<String> read(MemcacheSocket socket, int n) {
    List<String> replies = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      replies.add(socket.read());
    }
    return replies;
  }

  /** The request text of a set with no exptime. */
  /**
   * Three memcached of a test's own and a proxy pool over them, for a test that stops one. The
   * backends list is the test's to change: whatever is in it at the end is stopped.
   */
  private record OwnPool(List<ServerProcess> backends, ServerProcess proxy, int port) implements AutoCloseable {

    static OwnPool start(String name, String settings) {
      List<ServerProcess> backends = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          backends.add(ServerProcess.memcached());
        }
        int port = ServerProcess.freePort();
        Path config = NutcrackerYml.writeMemcached(name, port, settings, backends.get(0).port(),
            backends.get(1).port(), backends.get(2).port());
        return new OwnPool(backends, ServerProcess.proxy(config, port, Readiness.VERSION), port);
      } catch (RuntimeException | Error e) {
        backends.forEach(ServerProcess::close);
        throw e;
      }
    }

    @Override
    public void close() {
      proxy.close();
      backends.forEach(ServerProcess::close);
    }
  }

  private static String set(String key, int flags, String data) {
    return "set " + key + " " + flags + " 0 " + data.getBytes(StandardCharsets.UTF_8).length + "\r\n" + data + "\r\n";
  }

  /** The cas value of a one-key {@code gets} reply. */
  private static long casOf(String gets) {
    Matcher value = CAS.matcher(gets);
    assertThat(value.lookingAt()).as("a VALUE line with a cas value: %s", gets).isTrue();
    return Long.parseLong(value.group(4));
  }

  /** A gets reply with its VALUE lines' cas values cut off: what two servers give alike. */
  private static String withoutCas(String gets) {
    return CAS.matcher(gets).replaceAll("VALUE $1 $2 $3\r\n");
  }

  /** The index of the shared backend that holds {@code key}, -1 when none does; fails when several do. */
  private static int owner(String key) {
    return owner(backends, key);
  }

  /** The index among {@code servers} of the memcached that holds {@code key}, -1 when none does. */
  private static int owner(List<ServerProcess> servers, String key) {
    Set<Integer> holders = new HashSet<>();
    for (int b = 0; b < servers.size(); b++) {
      try (MemcacheSocket direct = new MemcacheSocket(servers.get(b).port())) {
        if (!direct.call("get " + key + "\r\n").equals("END\r\n")) {
          holders.add(b);
        }
      }
    }
    assertThat(holders).as("backends holding %s", key).hasSizeLessThan(2);
    return holders.isEmpty() ? -1 : holders.iterator().next();
  }

  /** Empties one memcached, asked directly. */
  private static void flush(ServerProcess memcached) {
    try (MemcacheSocket direct = new MemcacheSocket(memcached.port())) {
      assertThat(direct.call("flush_all\r\n")).isEqualTo("OK\r\n");
    }
  }
}
