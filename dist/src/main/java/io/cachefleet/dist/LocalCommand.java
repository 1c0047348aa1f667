package io.cachefleet.dist;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.cachefleet.node.Node;
import io.cachefleet.node.NodeConfig;
import io.cachefleet.proxy.Proxy;
import io.cachefleet.proxy.ProxyConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cachefleet local}: a working cluster on this machine, in this process: memory nodes on
 * consecutive ports and a proxy in front of them, with static membership.
 */
final class LocalCommand {

  private static final Logger log = LoggerFactory.getLogger(LocalCommand.class);

  /** The pool the local proxy serves. */
  static final String POOL = "local";

  static final String USAGE_TEXT = """
      Usage: cachefleet local [--nodes N] [--port P] [--node-port P] [--config FILE]

      Runs a cluster on this machine: N memory nodes and one proxy in front of them, which
      places keys on the nodes as Twemproxy would. Connect a Redis client to the proxy.

      Options:
        --nodes N      memory nodes to start (default 3)
        --port P       the proxy's port (default 22121, Twemproxy's)
        --node-port P  the first node's port; the others follow (default 7001)
        --config FILE  a HOCON file with cachefleet.node and cachefleet.proxy settings
                       (configs/node.conf and configs/proxy.conf document them); the nodes'
                       ports and the proxy's pool come from the options above
        --help         print this help and exit
      """;

  /** The parsed command line. */
  record Options(int nodes, int port, int nodePort, Path config, boolean help) {}

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
    List<NodeConfig> nodes = new ArrayList<>();
    ProxyConfig proxy;
    try {
      NodeConfigLoader nodeLoader = NodeConfigLoader.fromClasspath();
      for (int i = 0; i < options.nodes(); i++) {
        nodes.add(nodeLoader.load(options.config(), System.getProperties(), options.nodePort() + i));
      }
      proxy = ProxyConfigLoader.fromClasspath().load(options.config(), pool(options, nodes), System.getProperties());
    } catch (BadConfigException e) {
      err.println("cachefleet local: bad configuration: " + e.getMessage());
      return Main.FAILED;
    }
    return serve(nodes, proxy, out, err);
  }

  static Options parse(String[] args) throws UsageException {
    Integer nodes = null;
    Integer port = null;
    Integer nodePort = null;
    Path config = null;
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
        default -> throw new UsageException("unknown " + (arg.startsWith("-") ? "option" : "argument") + " '"
            + arg + "'");
      }
    }
    Options options = new Options(nodes == null ? 3 : nodes, port == null ? 22121 : port,
        nodePort == null ? 7001 : nodePort, config, help);
    if (options.nodes() < 1 || options.nodes() > 64) {
      throw new UsageException("--nodes must be within 1..64 (was " + options.nodes() + ")");
    }
    if (options.nodePort() < 1 || options.nodePort() + options.nodes() - 1 > 65535) {
      throw new UsageException("--node-port leaves no room for " + options.nodes() + " nodes below 65536");
    }
    return options;
  }

  /** The proxy's pool over the nodes, as a layer under the --config file. */
  private static Config pool(Options options, List<NodeConfig> nodes) {
    String servers = nodes.stream().map(n -> "\"" + n.bind() + ":" + n.port() + ":1\"")
        .collect(Collectors.joining(", "));
    return ConfigFactory.parseString(ProxyConfigLoader.ROOT + ".pools." + POOL + " { listen = \"127.0.0.1:"
        + options.port() + "\", servers = [" + servers + "] }",
        ConfigParseOptions.defaults().setOriginDescription("cachefleet local"));
  }

  private static int serve(List<NodeConfig> configs, ProxyConfig proxyConfig, PrintStream out, PrintStream err) {
    List<Node> nodes = new ArrayList<>();
    Proxy proxy;
    try {
      for (NodeConfig config : configs) {
        nodes.add(Node.start(config));
      }
      proxy = Proxy.start(proxyConfig);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      nodes.forEach(Node::close);
      return Main.FAILED;
    } catch (Exception e) {
      nodes.forEach(Node::close);
      err.println("cachefleet local: cannot start: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()));
      return Main.FAILED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      proxy.close();
      nodes.forEach(Node::close);
      log.info("local cluster stopped");
    }, "cachefleet-shutdown"));
    int port = proxy.port(POOL);
    out.println("cachefleet local: " + nodes.size() + " memory nodes on " + configs.stream()
        .map(c -> c.bind() + ":" + c.port()).collect(Collectors.joining(", ")) + ", proxy on 127.0.0.1:" + port);
    out.println("connect with: " + NodeCommand.connectHint("127.0.0.1", port));
    out.flush();
    try {
      proxy.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Main.OK;
  }
}
