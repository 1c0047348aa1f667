package io.cachefleet.dist;

import io.cachefleet.discovery.consul.ConsulRegistration;
import io.cachefleet.node.Node;
import io.cachefleet.node.NodeConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code cachefleet node}: loads the settings, runs a node until the process is stopped. */
final class NodeCommand {

  private static final Logger log = LoggerFactory.getLogger(NodeCommand.class);

  static final String USAGE_TEXT = """
      Usage: cachefleet node [--config FILE] [--port N]

      Runs a memory node: a Redis-compatible server over an in-memory keyspace.

      Options:
        --config FILE  read settings from this HOCON file (documented in configs/node.conf)
        --port N       listen on port N (0 picks a free port), over any other setting
        --help         print this help and exit

      Any setting can also be given as a JVM system property, for example
        CACHEFLEET_JAVA_OPTS=-Dcachefleet.node.maxmemory=1gb cachefleet node
      Precedence: --port, then system properties, then the config file, then the defaults.
      """;

  /** The parsed command line; null for what was not given. */
  record Options(Path config, Integer port, boolean help) {}

  private NodeCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      err.println("cachefleet node: " + e.getMessage());
      err.print(USAGE_TEXT);
      return Main.USAGE;
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return Main.OK;
    }
    NodeConfigLoader loader = NodeConfigLoader.fromClasspath();
    NodeConfig config;
    try {
      config = loader.load(options.config(), System.getProperties(), options.port());
    } catch (BadConfigException e) {
      err.println("cachefleet node: bad configuration: " + e.getMessage());
      return Main.FAILED;
    }
    Duration drainTimeout;
    try {
      drainTimeout = loader.drainTimeout(options.config(), System.getProperties(), options.port());
    } catch (BadConfigException e) {
      err.println("cachefleet node: bad configuration: " + e.getMessage());
      return Main.FAILED;
    }
    return serve(config, port -> loader.registration(options.config(), System.getProperties(), options.port(),
        config, port, System.getenv()), drainTimeout, err);
  }

  static Options parse(String[] args) throws UsageException {
    Path config = null;
    Integer port = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
      String name = eq < 0 ? arg : arg.substring(0, eq);
      switch (name) {
        case "--help", "-h" -> help = true;
        case "--config" -> {
          String value = eq < 0 ? Args.value(args, ++i, name) : arg.substring(eq + 1);
          config = Args.once(config, Path.of(value), name);
        }
        case "--port" -> {
          String value = eq < 0 ? Args.value(args, ++i, name) : arg.substring(eq + 1);
          port = Args.once(port, Args.number(value, "--port", "a port number"), name);
        }
        default -> throw new UsageException("unknown " + (arg.startsWith("-") ? "option" : "argument") + " '"
            + arg + "'");
      }
    }
    return new Options(config, port, help);
  }





  /**
   * Runs the node; when {@code registration} gives settings for the port it listens on, the node
   * registers in Consul and reports its own health there until it stops, and drains before it
   * stops ({@link ConsulNode}).
   */
  private static int serve(NodeConfig config, IntFunction<ConsulRegistration.Settings> registration,
                           Duration drainTimeout, PrintStream err) {
    Node node;
    try {
      node = Node.start(config);
    } catch (Exception e) {
      err.println("cachefleet node: cannot listen on " + config.bind() + ":" + config.port() + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return Main.FAILED;
    }
    ConsulNode consul;
    try {
      ConsulRegistration.Settings settings = registration.apply(node.port());
      consul = settings == null ? null : ConsulNode.register(node, settings, drainTimeout);
    } catch (BadConfigException e) {
      node.close();
      err.println("cachefleet node: bad configuration: " + e.getMessage());
      return Main.FAILED;
    } catch (RuntimeException e) {
      node.close();
      err.println("cachefleet node: cannot register in Consul: " + e.getMessage());
      return Main.FAILED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (consul != null) {
        consul.close();
      }
      node.close();
      log.info("{} stopped", config.name());
    }, "cachefleet-shutdown"));
    log.info("{} listening on {}:{}; connect with: {}", config.name(), config.bind(), node.port(),
        connectHint(config.bind(), node.port()));
    try {
      node.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    node.close();
    return Main.OK;
  }

  /** The redis-cli line that reaches a node listening on {@code bind}. */
  static String connectHint(String bind, int port) {
    boolean local = switch (bind) {
      case "127.0.0.1", "localhost", "0.0.0.0", "::", "*" -> true;
      default -> false;
    };
    return local ? "redis-cli -p " + port : "redis-cli -h " + bind + " -p " + port;
  }
}
