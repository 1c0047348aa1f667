package io.cachefleet.dist;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.cachefleet.discovery.consul.ConsulRegistration;
import io.cachefleet.node.Node;
import io.cachefleet.node.NodeConfig;
import io.cachefleet.proxy.Proxy;
import io.cachefleet.proxy.ProxyConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cachefleet local}: a working cluster on this machine, in this process: memory nodes on
 * consecutive ports and a proxy in front of them, with static membership, or, with
 * {@code --consul URL}, every node and the proxy registered in that Consul agent and the proxy
 * taking its members from it.
 */
final class LocalCommand {

  private static final Logger log = LoggerFactory.getLogger(LocalCommand.class);

  /** The pool the local proxy serves. */
  static final String POOL = "local";

  static final String USAGE_TEXT = """
      Usage: cachefleet local [--nodes N] [--port P] [--node-port P] [--consul URL] [--config FILE]

      Runs a cluster on this machine: N memory nodes and one proxy in front of them, which
      places keys on the nodes as Twemproxy would. Connect a Redis client to the proxy.

      Options:
        --nodes N      memory nodes to start (default 3)
        --port P       the proxy's port (default 22121, Twemproxy's)
        --node-port P  the first node's port; the others follow (default 7001)
        --consul URL   register every node and the proxy in the Consul agent at URL (such as
                       http://127.0.0.1:8500), and let the proxy take its members from it
        --config FILE  a HOCON file with cachefleet.node and cachefleet.proxy settings
                       (configs/node.conf and configs/proxy.conf document them); the nodes'
                       ports and the proxy's pool come from the options above
        --help         print this help and exit
      """;

  /** The parsed command line. */
  record Options(int nodes, int port, int nodePort, String consul, Path config, boolean help) {}

  private LocalCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      err.println("cachefleet local: " + e.getMessage());
      err.print(USAGE_TEXT);
      return Main.USAGE;
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return Main.OK;
    }
    Properties properties = properties(options);
    NodeConfigLoader nodeLoader = NodeConfigLoader.fromClasspath();
    ProxyConfigLoader proxyLoader = ProxyConfigLoader.fromClasspath();
    List<NodeConfig> nodes = new ArrayList<>();
    ProxyConfig proxy;
    Duration drainTimeout;
    String nodeService = null;
    try {
      for (int i = 0; i < options.nodes(); i++) {
        nodes.add(nodeLoader.load(options.config(), properties, options.nodePort() + i));
      }
      drainTimeout = nodeLoader.drainTimeout(options.config(), properties, options.nodePort());
      if (options.consul() != null) {
        NodeConfig first = nodes.get(0);
        nodeService = nodeLoader.registration(options.config(), properties, first.port(), first, first.port(),
            System.getenv()).service();
      }
      proxy = proxyLoader.load(options.config(), pool(options, nodes, nodeService), properties);
    } catch (BadConfigException e) {
      err.println("cachefleet local: bad configuration: " + e.getMessage());
      return Main.FAILED;
    }
    Cluster cluster = new Cluster(nodeLoader, proxyLoader, options.config(), properties, drainTimeout);
    return cluster.serve(nodes, proxy, out, err);
  }

  /** The system properties, with --consul's agent for the nodes and the proxy. */
  private static Properties properties(Options options) {
    Properties properties = new Properties();
    properties.putAll(System.getProperties());
    if (options.consul() != null) {
      for (String root : List.of(NodeConfigLoader.ROOT, ProxyConfigLoader.ROOT)) {
        properties.setProperty(root + ".consul.enabled", "true");
        properties.setProperty(root + ".consul.agent", options.consul());
      }
    }
    return properties;
  }

  static Options parse(String[] args) throws UsageException {
    Integer nodes = null;
    Integer port = null;
    Integer nodePort = null;
    Path config = null;
    String consul = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--nodes" -> nodes = Args.once(nodes, Args.number(Args.value(args, ++i, arg), arg, "a number"), arg);
        case "--port" -> port = Args.once(port, Args.number(Args.value(args, ++i, arg), arg, "a port number"), arg);
        case "--node-port" -> nodePort = Args.once(nodePort,
            Args.number(Args.value(args, ++i, arg), arg, "a port number"), arg);
        case "--config" -> config = Args.once(config, Path.of(Args.value(args, ++i, arg)), arg);
        case "--consul" -> consul = Args.once(consul, agent(Args.value(args, ++i, arg)), arg);
        default -> throw new UsageException("unknown " + (arg.startsWith("-") ? "option" : "argument") + " '"
            + arg + "'");
      }
    }
    Options options = new Options(nodes == null ? 3 : nodes, port == null ? 22121 : port,
        nodePort == null ? 7001 : nodePort, consul, config, help);
    if (options.nodes() < 1 || options.nodes() > 64) {
      throw new UsageException("--nodes must be within 1..64 (was " + options.nodes() + ")");
    }
    if (options.nodePort() < 1 || options.nodePort() + options.nodes() - 1 > 65535) {
      throw new UsageException("--node-port leaves no room for " + options.nodes() + " nodes below 65536");
    }
    return options;
  }

  /** An agent's address: an http:// or https:// URL. */
  private static String agent(String url) throws UsageException {
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new UsageException("--consul takes the agent's URL, such as http://127.0.0.1:8500 (was '" + url + "')");
    }
    return url;
  }

  /**
   * The proxy's pool, as a layer under the --config file: over the nodes, or over the instances
   * of {@code nodeService} in Consul when it is not null.
   */
  private static Config pool(Options options, List<NodeConfig> nodes, String nodeService) {
    String servers = nodes.stream().map(n -> "\"" + n.bind() + ":" + n.port() + ":1\"")
        .collect(Collectors.joining(", "));
    String members = nodeService == null ? "servers = [" + servers + "]" : "consul-service = \"" + nodeService + "\"";
    return ConfigFactory.parseString(ProxyConfigLoader.ROOT + ".pools." + POOL + " { listen = \"127.0.0.1:"
        + options.port() + "\", " + members + " }",
        ConfigParseOptions.defaults().setOriginDescription("cachefleet local"));
  }

  /** What the local cluster needs to register its members when --consul is given. */
  private record Cluster(NodeConfigLoader nodeLoader, ProxyConfigLoader proxyLoader, Path file,
                         Properties properties, Duration drainTimeout) {

    int serve(List<NodeConfig> configs, ProxyConfig proxyConfig, PrintStream out, PrintStream err) {
      List<Node> nodes = new ArrayList<>();
      List<ConsulNode> registered = new ArrayList<>();
      Proxy proxy = null;
      ConsulRegistration proxyRegistration = null;
      try {
        for (NodeConfig config : configs) {
          Node node = Node.start(config);
          nodes.add(node);
          ConsulRegistration.Settings settings = nodeLoader.registration(file, properties, config.port(), config,
              node.port(), System.getenv());
          if (settings != null) {
            registered.add(ConsulNode.register(node, settings, drainTimeout));
          }
        }
        proxy = Proxy.start(proxyConfig, proxyLoader.directories(file, properties, System.getenv()));
        int port = proxy.port(POOL);
        ConsulRegistration.Settings settings = proxyLoader.registration(file, properties,
            "proxy-127.0.0.1-" + port, "127.0.0.1", port, ProxyCommand.rings(proxy), System.getenv());
        if (settings != null) {
          proxyRegistration = ProxyCommand.register(proxy, settings);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(nodes, registered, proxy, proxyRegistration);
        return Main.FAILED;
      } catch (Exception e) {
        stop(nodes, registered, proxy, proxyRegistration);
        err.println("cachefleet local: cannot start: " + (e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage()));
        return Main.FAILED;
      }
      Proxy running = proxy;
      ConsulRegistration runningRegistration = proxyRegistration;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop(nodes, registered, running, runningRegistration);
        log.info("local cluster stopped");
      }, "cachefleet-shutdown"));
      int port = proxy.port(POOL);
      out.println("cachefleet local: " + nodes.size() + " memory nodes on " + configs.stream()
          .map(c -> c.bind() + ":" + c.port()).collect(Collectors.joining(", ")) + ", proxy on 127.0.0.1:" + port
          + (registered.isEmpty() ? "" : ", all registered in Consul at "
          + properties.getProperty(NodeConfigLoader.ROOT + ".consul.agent")));
      if (proxy.adminPort() >= 0) {
        out.println("admin: http://" + proxyConfig.adminBind() + ":" + proxy.adminPort() + "/topology");
      }
      out.println("connect with: " + NodeCommand.connectHint("127.0.0.1", port));
      out.flush();
      try {
        proxy.awaitClose();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Main.OK;
    }

    /**
     * The proxy goes first: its connections to the nodes close with it, so the nodes, which then
     * leave Consul through maintenance, are drained at once.
     */
    private static void stop(List<Node> nodes, List<ConsulNode> registered, Proxy proxy,
                             ConsulRegistration proxyRegistration) {
      if (proxyRegistration != null) {
        proxyRegistration.close();
      }
      if (proxy != null) {
        proxy.close();
      }
      registered.forEach(ConsulNode::close);
      nodes.forEach(Node::close);
    }
  }
}
