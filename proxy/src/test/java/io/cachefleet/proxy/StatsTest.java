package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import io.cachefleet.node.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stats port and INFO latencystats, over a proxy of two event loops in front of three nodes:
 * nutcracker's document, with counts that match the traffic sent.
 */
class StatsTest {

  private static final List<String> HEADER = List.of("service", "source", "version", "uptime", "timestamp",
      "total_connections", "curr_connections");
  private static final List<String> POOL_FIELDS = List.of("client_eof", "client_err", "client_connections",
      "server_ejects", "forward_error", "fragments");
  private static final List<String> SERVER_FIELDS = List.of("server_eof", "server_err", "server_timedout",
      "server_connections", "server_ejected_at", "requests", "request_bytes", "responses", "response_bytes",
      "in_queue", "in_queue_bytes", "out_queue", "out_queue_bytes");

  private ProxyHarness h;

  @AfterEach
  void stop() {
    if (h != null) {
      h.close();
    }
  }

  private void start(UnaryOperator<PoolConfig> customize) {
    h = new ProxyHarness(3, null, customize, 2, 0);
  }

  @Test
  void document_hasNutcrackersFieldsNestingAndLayout() {
    start(UnaryOperator.identity());
    String document = document();

    assertThat(document).startsWith("{\"service\":\"cachefleet\", \"source\":\"").endsWith("}}}\n")
        .contains("\"alpha\": {\"client_eof\":0, \"client_err\":0, ")
        .contains("\"fragments\":0, \"127.0.0.1:" + h.nodes.get(0).port() + "\": {\"server_eof\":0, ")
        .contains("\"out_queue_bytes\":0},\"127.0.0.1:" + h.nodes.get(1).port() + "\": {");
    Map<String, Object> stats = Json.parse(document);
    List<String> top = new ArrayList<>(HEADER);
    top.add(ProxyHarness.POOL);
    assertThat(stats).containsOnlyKeys(top);
    assertThat(new ArrayList<>(stats.keySet())).isEqualTo(top);
    assertThat(stats.get("service")).isEqualTo("cachefleet");
    assertThat(stats.get("timestamp")).isInstanceOf(Long.class);
    assertThat((Long) stats.get("timestamp")).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(5L));
    assertThat((Long) stats.get("uptime")).isBetween(0L, 60L);
    assertThat(stats.get("total_connections")).isEqualTo(1L);
    assertThat(stats.get("curr_connections")).isEqualTo(1L);

    Map<String, Object> pool = pool(stats);
    List<String> poolKeys = new ArrayList<>(POOL_FIELDS);
    for (Member server : h.pool.servers()) {
      poolKeys.add(server.name());
    }
    assertThat(new ArrayList<>(pool.keySet())).isEqualTo(poolKeys);
    for (String field : POOL_FIELDS) {
      assertThat(pool.get(field)).as(field).isEqualTo(0L);
    }
    for (Member server : h.pool.servers()) {
      Map<String, Object> counters = object(pool, server.name());
      assertThat(new ArrayList<>(counters.keySet())).isEqualTo(SERVER_FIELDS);
      assertThat(counters.values()).allMatch(v -> v.equals(0L));
    }
  }

  @Test
  void requestsAndResponses_matchTheTrafficSent() {
    start(UnaryOperator.identity());
    long requestBytes = 0;
    int keys = 30;
    try (RespClient c = h.client()) {
      for (int i = 0; i < keys; i++) {
        assertThat(c.call("SET", "k" + i, "v")).isEqualTo("+OK\r\n");
        assertThat(c.call("GET", "k" + i)).isEqualTo("$1\r\nv\r\n");
        requestBytes += RespClient.encode("SET", "k" + i, "v").length() + RespClient.encode("GET", "k" + i).length();
      }
      assertThat(c.call("PING")).isEqualTo("+PONG\r\n");

      Map<String, Object> pool = pool(stats());
      long requests = 0;
      long bytes = 0;
      long responses = 0;
      long responseBytes = 0;
      for (Member server : h.pool.servers()) {
        Map<String, Object> s = object(pool, server.name());
        assertThat(s.get("requests")).as(server.name()).isEqualTo(s.get("responses")).isNotEqualTo(0L);
        assertThat(s.get("server_connections")).as("one connection, from the client's event loop").isEqualTo(1L);
        assertThat(List.of(s.get("in_queue"), s.get("in_queue_bytes"), s.get("out_queue"), s.get("out_queue_bytes")))
            .containsOnly(0L);
        requests += (Long) s.get("requests");
        bytes += (Long) s.get("request_bytes");
        responses += (Long) s.get("responses");
        responseBytes += (Long) s.get("response_bytes");
      }
      assertThat(requests).as("PING is answered by the proxy").isEqualTo(2L * keys);
      assertThat(bytes).isEqualTo(requestBytes);
      assertThat(responses).isEqualTo(2L * keys);
      assertThat(responseBytes).isEqualTo(keys * ("+OK\r\n".length() + "$1\r\nv\r\n".length()));
      assertThat(pool.get("client_connections")).isEqualTo(1L);
      assertThat(pool.get("fragments")).isEqualTo(0L);
    }
  }

  @Test
  void fragments_countOneBackendRequestPerBackendOfAnMget() {
    start(UnaryOperator.identity());
    List<String> mget = new ArrayList<>(List.of("MGET"));
    for (int i = 0; i < 60; i++) {
      mget.add("k" + i);
    }
    try (RespClient c = h.client()) {
      assertThat(c.call(mget.toArray(String[]::new))).startsWith("*60\r\n");
    }
    Map<String, Object> pool = pool(stats());
    long backendsAsked = 0;
    for (Member server : h.pool.servers()) {
      backendsAsked += (Long) object(pool, server.name()).get("requests");
    }
    assertThat(backendsAsked).as("sixty keys reach every backend").isEqualTo(3L);
    assertThat(pool.get("fragments")).isEqualTo(3L);
    assertThat(pool.get("latency_mget_count")).isEqualTo(1L);
  }

  @Test
  void clients_areCountedOverBothEventLoops_withHowTheirConnectionsEnded() throws IOException {
    start(UnaryOperator.identity());
    RespClient closing = h.client();
    RespClient quitting = h.client();
    RespClient broken = h.client();
    RespClient refused = h.client();
    for (RespClient c : List.of(closing, quitting, broken, refused)) {
      assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
    }
    Map<String, Object> stats = stats();
    assertThat(pool(stats).get("client_connections")).isEqualTo(4L);
    assertThat(stats.get("total_connections")).as("the listener and four clients").isEqualTo(5L);
    assertThat(stats.get("curr_connections")).isEqualTo(5L);

    closing.close();
    assertThat(quitting.call("QUIT")).isEqualTo("+OK\r\n");
    quitting.close();
    refused.raw("*1\r\n$x\r\n");
    assertThat(refused.read()).startsWith("-ERR Protocol error");
    assertThat(refused.isClosedByServer()).isTrue();
    refused.close();
    broken.reset();

    Map<String, Object> pool = awaitPool(p -> p.get("client_connections").equals(0L));
    assertThat(pool.get("client_eof")).as("a close and a QUIT").isEqualTo(2L);
    assertThat(pool.get("client_err")).as("a reset").isEqualTo(1L);
  }

  @Test
  void latency_isReportedForTheCommandsUsed_subcommandsByTheirOwnName() {
    start(UnaryOperator.identity());
    try (RespClient c = h.client()) {
      for (int i = 0; i < 20; i++) {
        c.call("GET", "k" + i);
      }
      c.call("CLIENT", "ID");
      c.call("NOSUCH");
      c.call("GET");
    }
    Map<String, Object> pool = pool(stats());
    assertThat(pool.get("latency_get_count")).as("the GET without a key was refused, not run").isEqualTo(20L);
    assertThat(pool.get("latency_client_id_count")).isEqualTo(1L);
    long p50 = (Long) pool.get("latency_get_p50_us");
    long p99 = (Long) pool.get("latency_get_p99_us");
    long p999 = (Long) pool.get("latency_get_p999_us");
    assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
    assertThat(p99).isLessThanOrEqualTo(p999).isLessThan(Duration.ofSeconds(10).toNanos() / 1000);
    assertThat(pool.keySet()).filteredOn(k -> k.startsWith("latency_"))
        .containsExactlyInAnyOrder("latency_get_p50_us", "latency_get_p99_us", "latency_get_p999_us",
            "latency_get_count", "latency_client_id_p50_us", "latency_client_id_p99_us",
            "latency_client_id_p999_us", "latency_client_id_count");
  }

  @Test
  void infoLatencystats_isRedis7sSection_leftOutOfTheDefaultInfo() {
    start(UnaryOperator.identity());
    try (RespClient c = h.client()) {
      c.call("SET", "k", "v");
      c.call("GET", "k");
      c.call("CLIENT", "ID");
      // the INFO asking is still running when the section is written: it is not in it
      String section = bulk(c.call("INFO", "latencystats"));
      assertThat(section).startsWith("# Latencystats\r\n").endsWith("\r\n");
      Pattern line = Pattern.compile(
          "latency_percentiles_usec_[a-z|]+:p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}");
      List<String> lines = List.of(section.substring("# Latencystats\r\n".length()).split("\r\n"));
      assertThat(lines).allMatch(l -> line.matcher(l).matches(), "in Redis 7's format")
          .extracting(l -> l.substring(0, l.indexOf(':')))
          .containsExactlyInAnyOrder("latency_percentiles_usec_get", "latency_percentiles_usec_set",
              "latency_percentiles_usec_client|id");

      assertThat(c.call("INFO")).doesNotContain("# Latencystats").contains("# Stats\r\n");
      assertThat(c.call("INFO", "all")).contains("# Pool\r\n", "\r\n# Latencystats\r\n");
      assertThat(c.call("INFO", "everything")).contains("\r\n# Latencystats\r\n");
      assertThat(c.call("INFO", "stats")).contains("total_commands_processed:8\r\n");
    }
  }

  @Test
  void ejection_countsServerEjectsAndWhen_andTheBackendsEof() {
    start(p -> new PoolConfig(p.name(), p.listen(), p.hash(), p.hashTag(), p.distribution(), p.timeout(),
        p.backlog(), p.clientConnections(), p.redis(), p.redisAuth(), p.redisDb(), p.preconnect(), true,
        p.serverConnections(), Duration.ofMinutes(10), 1, p.servers()));
    Node victim = h.nodes.get(0);
    String name = h.pool.servers().get(0).name();
    try (RespClient c = h.client()) {
      for (int i = 0; i < 30; i++) {
        c.call("SET", "k" + i, "v");
      }
    }
    long before = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    victim.close();

    Map<String, Object> pool = awaitPool(p -> p.get("server_ejects").equals(1L));
    long after = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    Map<String, Object> server = object(pool, name);
    assertThat((Long) server.get("server_ejected_at")).isBetween(before, after);
    assertThat(server.get("server_eof")).isEqualTo(1L);
    assertThat(server.get("server_connections")).isEqualTo(0L);
    assertThat(object(pool, h.pool.servers().get(1).name()).get("server_ejected_at")).isEqualTo(0L);
  }

  @Test
  void statsPort_isOff_whenDisabled() {
    h = new ProxyHarness(1);
    assertThat(h.proxy.statsPort()).isEqualTo(-1);
  }

  private Map<String, Object> awaitPool(Predicate<Map<String, Object>> condition) {
    return Await.until(() -> pool(stats()), condition);
  }

  private Map<String, Object> stats() {
    return Json.parse(document());
  }

  /** What a client of the stats port receives before the proxy closes the connection. */
  private String document() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", h.proxy.statsPort()), 5000);
      s.setSoTimeout(10_000);
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> pool(Map<String, Object> stats) {
    return object(stats, ProxyHarness.POOL);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> parent, String key) {
    assertThat(parent).containsKey(key);
    return (Map<String, Object>) parent.get(key);
  }

  /** The text of a RESP bulk reply. */
  private static String bulk(String reply) {
    return reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
  }

  /** A reader for what the stats port sends: objects (in order), strings and integers, nothing else. */
  static final class Json {
    private final String text;
    private int at;

    private Json(String text) {
      this.text = text;
    }

    static Map<String, Object> parse(String text) {
      Json json = new Json(text);
      Object value = json.value();
      json.space();
      assertThat(json.at).as("the end of the document").isEqualTo(text.length());
      assertThat(value).isInstanceOf(Map.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) value;
      return object;
    }

    private Object value() {
      space();
      char c = text.charAt(at);
      return c == '{' ? object() : c == '"' ? string() : number();
    }

    private Map<String, Object> object() {
      expect('{');
      Map<String, Object> object = new LinkedHashMap<>();
      do {
        space();
        String key = string();
        space();
        expect(':');
        assertThat(object.put(key, value())).as("key '" + key + "' appears twice").isNull();
        space();
      } while (text.charAt(at) == ',' && at++ >= 0);
      expect('}');
      return object;
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      for (char c = text.charAt(at++); c != '"'; c = text.charAt(at++)) {
        if (c == '\\') {
          c = text.charAt(at++);
          if (c == 'u') {
            c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
            at += 4;
          }
        }
        sb.append(c);
      }
      return sb.toString();
    }

    private Long number() {
      int start = at;
      if (text.charAt(at) == '-') {
        at++;
      }
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      assertThat(at).as("an integer at " + start + " in " + text).isGreaterThan(start);
      return Long.parseLong(text.substring(start, at));
    }

    private void space() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private void expect(char c) {
      assertThat(text.charAt(at)).as("at " + at + " in " + text).isEqualTo(c);
      at++;
    }
  }
}
