package io.cachefleet.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A proxy process whose one pool takes its servers from the node service in a Consul agent, and
 * registers itself there: what an operator runs on each proxy host. Its admin port answers
 * {@code /topology}, {@code /health} and {@code /metrics}.
 */
final class FleetProxy implements AutoCloseable {

  static final String POOL = "fleet";

  private final ServerProcess process;
  private final AdminPort admin;

  private FleetProxy(ServerProcess process, int adminPort) {
    this.process = process;
    this.admin = new AdminPort(adminPort, POOL);
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

  /** The proxy's admin port, for its one pool. */
  AdminPort admin() {
    return admin;
  }

  @Override
  public void close() {
    process.close();
  }
}
