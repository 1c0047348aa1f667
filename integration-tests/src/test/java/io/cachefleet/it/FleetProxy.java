package io.cachefleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A proxy process whose one pool takes its servers from the node service in a Consul agent, and
 * registers itself there: what an operator runs on each proxy host. Its admin port answers
 * {@code /topology}, {@code /health} and {@code /metrics}.
 */
final class FleetProxy implements AutoCloseable {

  static final String POOL = "fleet";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerProcess process;
  private final int adminPort;

  private FleetProxy(ServerProcess process, int adminPort) {
    this.process = process;
    this.adminPort = adminPort;
  }

  /**
   * Starts a proxy over the passing instances of {@code cachefleet-node} in {@code agent}; a
   * removal from the ring that Consul's guard holds back is held for {@code removalGrace}.
   */
  static FleetProxy start(ConsulAgent agent, Path dir, Duration removalGrace) {
    return start(agent, dir, removalGrace, Map.of());
  }

  /** As above, with extra environment, such as {@code CONSUL_HTTP_TOKEN}. */
  static FleetProxy start(ConsulAgent agent, Path dir, Duration removalGrace, Map<String, String> env) {
    int port = ServerProcess.freePort();
    int admin = ServerProcess.freePort();
    Path config = config(agent, dir, port, admin, removalGrace);
    return new FleetProxy(ServerProcess.proxyWithConfig(config, port, env), admin);
  }

  /** Writes the settings of a proxy listening on {@code port}, its admin port on {@code admin}. */
  static Path config(ConsulAgent agent, Path dir, int port, int admin, Duration removalGrace) {
    Path config = dir.resolve("proxy-" + port + ".conf");
    try {
      Files.createDirectories(dir);
      Files.writeString(config, """
          cachefleet.proxy {
            io-threads = 1
            stats-port = -1
            admin-port = %d
            pools.%s {
              listen = "127.0.0.1:%d"
              consul-service = cachefleet-node
              hash = md5
              auto-eject-hosts = true
              timeout = 1s
            }
            consul {
              enabled = true
              agent = "%s"
              check-ttl = 2s
              renew-interval = 500ms
              removal-grace = %dms
              retry-max = 1s
            }
          }
          """.formatted(admin, POOL, port, agent.address(), removalGrace.toMillis()));
    } catch (IOException e) {
      throw new AssertionError("cannot write " + config, e);
    }
    return config;
  }

  /** A node process named {@code name} that registers in {@code agent} with a 2 s check TTL. */
  static ServerProcess node(ConsulAgent agent, String name) {
    return ServerProcess.node(Map.of("CACHEFLEET_JAVA_OPTS", String.join(" ",
        "-Dcachefleet.node.name=" + name,
        "-Dcachefleet.node.consul.enabled=true",
        "-Dcachefleet.node.consul.agent=" + agent.address(),
        "-Dcachefleet.node.consul.check-ttl=2s",
        "-Dcachefleet.node.consul.renew-interval=500ms")));
  }

  int port() {
    return process.port();
  }

  /** Everything the proxy has logged so far. */
  String output() {
    return process.output();
  }

  /** The names of the members {@code /topology} lists, in membership order. */
  List<String> members() {
    List<String> names = new ArrayList<>();
    for (JsonNode member : topology().path("members")) {
      names.add(member.path("name").asText());
    }
    return names;
  }

  /** The pool's part of {@code /topology}. */
  JsonNode topology() {
    return json(get("/topology").body()).path("pools").path(POOL);
  }

  /** {@code /health}: its HTTP status and document. */
  Health health() {
    HttpResponse<String> res = get("/health");
    return new Health(res.statusCode(), json(res.body()));
  }

  record Health(int status, JsonNode document) {
    String verdict() {
      return document.path("status").asText();
    }

    JsonNode membership() {
      return document.path("pools").path(POOL).path("membership");
    }
  }

  String metrics() {
    return get("/metrics").body();
  }

  private HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " from the proxy failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
