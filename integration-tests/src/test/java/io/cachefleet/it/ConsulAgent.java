package io.cachefleet.it;

import io.cachefleet.discovery.consul.ConsulDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A Consul agent in {@code -dev} mode as its own process, every port on loopback and of its own,
 * with the few HTTP API calls the tests make as an operator or a service would.
 *
 * <p>It is ready once {@code /v1/status/leader} names a leader. It stops by pid as every
 * {@link ServerProcess} does.
 *
 * <p>When {@code CONSUL_HTTP_ADDR} is set (and {@code CONSUL_HTTP_TOKEN}, when its ACLs need
 * one), {@link #startDev()} uses that agent instead of starting one, and on close deregisters the
 * {@code cachefleet-*} instances the test left there. A test that stops or restarts its agent, or
 * needs ACLs, TLS or a data directory of its own, still runs an agent of its own.
 */
final class ConsulAgent implements AutoCloseable {

  /** The version install-consul builds; the cache directory it builds into is named after it. */
  static final String VERSION = "1.22.0";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final ServerProcess.Readiness LEADER =
      new ServerProcess.Readiness("naming a leader", ConsulAgent::hasLeader);

  private final List<String> command;
  /** The token the test's own API calls carry: the management token when ACLs are on, else "". */
  private final String token;
  /** The CA of the agent's HTTPS certificate, or "" when it serves plain HTTP only. */
  private final String caFile;
  private final int httpsPort;
  /** Null for the agent at {@code CONSUL_HTTP_ADDR}, which the tests neither start nor stop. */
  private ServerProcess process;
  /** The agent's HTTP address, when it is not the process's. */
  private final String externalAddress;

  private ConsulAgent(List<String> command, String token, String caFile, int httpsPort, ServerProcess process) {
    this(command, token, caFile, httpsPort, process, null);
  }

  private ConsulAgent(List<String> command, String token, String caFile, int httpsPort, ServerProcess process,
                      String externalAddress) {
    this.command = command;
    this.token = token;
    this.caFile = caFile;
    this.httpsPort = httpsPort;
    this.process = process;
    this.externalAddress = externalAddress;
  }

  static ConsulAgent startDev() {
    String external = System.getenv("CONSUL_HTTP_ADDR");
    if (external != null && !external.isBlank()) {
      String address = external.contains("://") ? external.strip() : "http://" + external.strip();
      String token = System.getenv().getOrDefault("CONSUL_HTTP_TOKEN", "");
      return new ConsulAgent(List.of(), token, "", -1, null, address.replaceAll("/+$", ""));
    }
    return start(List.of(), "", "", -1);
  }

  /**
   * A single server agent keeping its state in {@code dataDir}, so a registration outlives a stop
   * and a start ({@link #stop}, {@link #resume}).
   */
  static ConsulAgent startPersistent(Path dataDir) {
    String consul = Tools.requireConsul().toString();
    int port = ServerProcess.freePort();
    List<String> command = List.of(consul, "agent", "-server", "-bootstrap-expect=1", "-data-dir=" + dataDir,
        "-node=cachefleet-test", "-bind=127.0.0.1", "-client=127.0.0.1", "-http-port=" + port, "-dns-port=-1",
        "-grpc-port=-1", "-grpc-tls-port=-1", "-serf-lan-port=" + ServerProcess.freePort(),
        "-serf-wan-port=" + ServerProcess.freePort(), "-server-port=" + ServerProcess.freePort(), "-log-level=warn");
    return new ConsulAgent(command, "", "", -1, ServerProcess.start("consul", port, command, Map.of(), LEADER));
  }

  /**
   * A dev agent that also serves HTTPS, with a CA and a server certificate made for the test by
   * {@code consul tls ca create} and {@code consul tls cert create -server} in {@code dir}.
   */
  static ConsulAgent startDevWithTls(Path dir) {
    String consul = Tools.requireConsul().toString();
    inDirectory(dir, consul, "tls", "ca", "create");
    inDirectory(dir, consul, "tls", "cert", "create", "-server", "-dc", "dc1");
    int https = ServerProcess.freePort();
    return start(List.of("-hcl", "ports {\n https = " + https + "\n}\ntls {\n defaults {\n  ca_file = \""
        + dir.resolve("consul-agent-ca.pem") + "\"\n  cert_file = \"" + dir.resolve("dc1-server-consul-0.pem")
        + "\"\n  key_file = \"" + dir.resolve("dc1-server-consul-0-key.pem") + "\"\n }\n}"), "",
        dir.resolve("consul-agent-ca.pem").toString(), https);
  }

  /** A dev agent enforcing ACLs with a default-deny policy; {@code managementToken} may do anything. */
  static ConsulAgent startDevWithAcls(String managementToken) {
    return start(List.of("-hcl", "acl {\n enabled = true\n default_policy = \"deny\"\n tokens {\n"
        + "  initial_management = \"" + managementToken + "\"\n }\n}"), managementToken, "", -1);
  }

  private static ConsulAgent start(List<String> extra, String token, String caFile, int httpsPort) {
    String consul = Tools.requireConsul().toString();
    int port = ServerProcess.freePort();
    List<String> command = new ArrayList<>(List.of(consul, "agent", "-dev", "-bind=127.0.0.1", "-client=127.0.0.1",
        "-http-port=" + port, "-dns-port=-1", "-grpc-port=-1", "-grpc-tls-port=-1",
        "-serf-lan-port=" + ServerProcess.freePort(), "-serf-wan-port=" + ServerProcess.freePort(),
        "-server-port=" + ServerProcess.freePort(), "-log-level=warn"));
    command.addAll(extra);
    return new ConsulAgent(List.copyOf(command), token, caFile, httpsPort, ServerProcess.start("consul", port,
        command, Map.of(), LEADER));
  }

  private static void inDirectory(Path dir, String... command) {
    try {
      Files.createDirectories(dir);
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor() != 0) {
        throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue());
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The agent's HTTPS address, when it serves HTTPS. */
  String httpsAddress() {
    return "https://127.0.0.1:" + httpsPort;
  }

  /** The CA file that signed its HTTPS certificate, or "". */
  String caFile() {
    return caFile;
  }

  /**
   * A new ACL token whose policy allows writing the services named {@code cachefleet-*} and
   * reading nodes: what a node or a proxy needs to register. Returns its secret.
   */
  String createServiceToken() {
    put("/v1/acl/policy", "{\"Name\":\"cachefleet-services\",\"Rules\":\"service_prefix \\\"cachefleet-\\\" "
        + "{ policy = \\\"write\\\" } node_prefix \\\"\\\" { policy = \\\"read\\\" }\"}");
    String body = put("/v1/acl/token", "{\"Policies\":[{\"Name\":\"cachefleet-services\"}]}");
    Matcher secret = Pattern.compile("\"SecretID\":\\s*\"([^\"]+)\"").matcher(body);
    if (!secret.find()) {
      throw new AssertionError("no SecretID in " + body);
    }
    return secret.group(1);
  }

  /** Stops the agent and starts it again on the same ports; a dev agent comes back with no state. */
  void restart() {
    own();
    process.close();
    resume();
  }

  /** Starts the agent again after {@link #stop}, on the same ports and data directory. */
  void resume() {
    own();
    process = ServerProcess.start("consul", process.port(), command, Map.of(), LEADER);
  }

  /** Ends the test unrun when the agent is not the test's own to stop. */
  private void own() {
    Assumptions.assumeTrue(process != null, "the test stops or restarts its agent: unset CONSUL_HTTP_ADDR "
        + "to run it with an agent of its own");
  }

  /** Puts the service instance {@code id} in maintenance, or takes it out, as {@code consul maint} does. */
  void maintenance(String id, boolean enable) {
    put("/v1/agent/service/maintenance/" + id + "?enable=" + enable + "&reason=test", "");
  }

  /** True when the instance {@code id} of {@code service} is registered and all its checks pass. */
  boolean passing(String service, String id) {
    return Pattern.compile("\"ID\":\\s*\"" + Pattern.quote(id) + "\"")
        .matcher(get("/v1/health/service/" + service + "?passing")).find();
  }

  /**
   * A watch of {@code service}'s healthy instances that publishes every change at once (a 50 ms
   * debounce, no mass-removal hold), for tests that follow single instances coming and going.
   */
  ConsulDirectory watch(String service) {
    return ConsulDirectory.start(new ConsulDirectory.Settings(caFile.isEmpty() ? address() : httpsAddress(), token,
        caFile, "", service, Duration.ofSeconds(5), Duration.ofMillis(50), 1.0, Duration.ZERO, Duration.ofMillis(100),
        Duration.ofMillis(500)));
  }

  /** The agent's HTTP address. */
  String address() {
    return externalAddress != null ? externalAddress : "http://127.0.0.1:" + process.port();
  }

  /** Registers a service instance with a TTL check {@code service:ID}, critical until passed. */
  void register(String service, String id, int port, Map<String, String> meta) {
    StringBuilder json = new StringBuilder("{\"ID\":\"" + id + "\",\"Name\":\"" + service
        + "\",\"Address\":\"127.0.0.1\",\"Port\":" + port + ",\"Meta\":{");
    meta.forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v).append("\","));
    if (!meta.isEmpty()) {
      json.setLength(json.length() - 1);
    }
    json.append("},\"Check\":{\"CheckID\":\"service:").append(id).append("\",\"TTL\":\"30s\"}}");
    put("/v1/agent/service/register", json.toString());
  }

  /** The agent's registered services, as the JSON of {@code /v1/agent/services}. */
  String services() {
    return get("/v1/agent/services");
  }

  /** The agent's index of {@code service}'s health: its {@code X-Consul-Index} now. */
  long index(String service) {
    return response("/v1/health/service/" + service).headers().firstValueAsLong("X-Consul-Index").orElseThrow();
  }

  private String get(String path) {
    return response(path).body();
  }

  private HttpResponse<String> response(String path) {
    try {
      return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Marks the instance's TTL check passing. */
  void pass(String id) {
    put("/v1/agent/check/pass/service:" + id, "");
  }

  /** Marks the instance's TTL check critical. */
  void fail(String id) {
    put("/v1/agent/check/fail/service:" + id, "");
  }

  /** Stops the agent, as an outage would. */
  void stop() {
    own();
    process.close();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      return;
    }
    Matcher instance = Pattern.compile("\"ID\":\\s*\"([^\"]+)\",\\s*\"Service\":\\s*\"cachefleet-")
        .matcher(services());
    while (instance.find()) {
      put("/v1/agent/service/deregister/" + instance.group(1), "");
    }
  }

  private String put(String path, String body) {
    try {
      HttpResponse<String> response = HTTP.send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("PUT " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new AssertionError("PUT " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** A request to the agent, carrying the test's token when ACLs are on. */
  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address() + path)).timeout(Duration.ofSeconds(5));
    if (!token.isEmpty()) {
      request.header("X-Consul-Token", token);
    }
    return request;
  }

  private static boolean hasLeader(int port) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/v1/status/leader")).timeout(Duration.ofSeconds(1)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().length() > 2;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
