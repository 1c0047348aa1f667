package io.cachefleet.dist;

import io.cachefleet.discovery.NodeDirectory;
import io.cachefleet.discovery.consul.ConsulRegistration;
import io.cachefleet.proxy.PoolConfig;
import io.cachefleet.proxy.Proxy;
import io.cachefleet.proxy.ProxyConfig;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cachefleet proxy}: loads the settings, runs a proxy until the process is stopped. Takes
 * the flags of Twemproxy's {@code nutcracker} that make sense here, so scripts written for it keep
 * working.
 */
final class ProxyCommand {

  private static final Logger log = LoggerFactory.getLogger(ProxyCommand.class);

  static final String USAGE_TEXT = """
      Usage: cachefleet proxy [--config FILE] [--nutcracker FILE] [-t]

      Runs a proxy: Redis clients connect to a pool's listen address, and each key goes to one of
      the pool's servers, placed as Twemproxy places it.

      Options:
        --config FILE      read settings from this HOCON file (documented in configs/proxy.conf)
        --nutcracker FILE  read the pools from this Twemproxy file (nutcracker.yml), as Twemproxy
                           reads it; --config then gives only io-threads and the stats settings
        --help             print this help and exit

      Twemproxy's options, for scripts written for nutcracker:
        -c FILE  the same as --nutcracker FILE
        -s PORT  the stats port (default 22222)
        -a ADDR  the stats address (default 127.0.0.1)
        -i MS    accepted and checked, without effect: stats are computed when asked for
        -t       check the configuration, say on stderr whether it is valid, exit 0 if so, else 1
      Its -d, -p, -o, -v, -m, -D and -V are refused.

      Any setting can also be given as a JVM system property, for example
        CACHEFLEET_JAVA_OPTS=-Dcachefleet.proxy.io-threads=2 cachefleet proxy -c nutcracker.yml
      Precedence: -s and -a, then system properties, then the config file, then the defaults.
      """;

  /** Why each nutcracker flag that cachefleet does not take is refused. */
  private static final Map<String, String> REFUSED = Map.of(
      "-d", "is not supported: run the proxy in the foreground under a service manager such as systemd",
      "-p", "is not supported: no pid file is written; a service manager tracks the process",
      "-o", "is not supported: logs go to standard output (configure logback to change that)",
      "-v", "is not supported: set log levels in logback.xml",
      "-m", "is not supported: buffers are sized automatically",
      "-D", "is not supported: cachefleet's stats are described in its documentation",
      "-V", "is not supported: use cachefleet --version");

  /** The parsed command line; null for what was not given. */
  record Options(Path config, Path nutcracker, ProxyConfigLoader.Flags flags, boolean test, boolean help) {}

  private ProxyCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (UsageException e) {
      err.println("cachefleet proxy: " + e.getMessage());
      err.print(USAGE_TEXT);
      return Main.USAGE;
    }
    if (options.help()) {
      out.print(USAGE_TEXT);
      return Main.OK;
    }
    ProxyConfig config;
    try {
      config = ProxyConfigLoader.fromClasspath().load(options.config(), options.nutcracker(),
          System.getProperties(), options.flags());
    } catch (BadConfigException e) {
      err.println("cachefleet proxy: bad configuration: " + e.getMessage());
      if (options.test()) {
        err.println(testVerdict(options, e));
      }
      return Main.FAILED;
    }
    if (options.test()) {
      err.println(testVerdict(options, null));
      return Main.OK;
    }
    ProxyConfigLoader loader = ProxyConfigLoader.fromClasspath();
    return serve(config, loader.directories(options.config(), System.getProperties(), System.getenv()), proxy -> {
      PoolConfig first = config.pools().get(0);
      int port = proxy.port(first.name());
      return loader.registration(options.config(), System.getProperties(), "proxy-" + hostName() + "-" + port,
          first.listen().host(), port, rings(proxy), System.getenv());
    }, err);
  }

  static Options parse(String[] args) throws UsageException {
    Path config = null;
    Path nutcracker = null;
    Integer statsPort = null;
    String statsBind = null;
    Integer statsInterval = null;
    boolean test = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String inline = eq < 0 ? null : arg.substring(eq + 1);
      switch (name) {
        case "--help", "-h" -> help = true;
        case "-t" -> test = true;
        case "--config" -> {
          String value = inline != null ? inline : Args.value(args, ++i, name);
          config = Args.once(config, Path.of(value), name);
        }
        case "--nutcracker", "-c" -> {
          String value = inline != null ? inline : Args.value(args, ++i, name);
          nutcracker = Args.once(nutcracker, Path.of(value), "--nutcracker (or -c)");
        }
        case "-s" -> statsPort = Args.once(statsPort,
            Args.number(Args.value(args, ++i, name), name, "a port number"), name);
        case "-a" -> statsBind = Args.once(statsBind, Args.value(args, ++i, name), name);
        case "-i" -> statsInterval = Args.once(statsInterval,
            Args.number(Args.value(args, ++i, name), name, "a number of milliseconds"), name);
        default -> {
          String refused = REFUSED.get(arg);
          throw new UsageException(refused != null ? "nutcracker's " + arg + " " + refused
              : "unknown " + (arg.startsWith("-") ? "option" : "argument") + " '" + arg + "'");
        }
      }
    }
    return new Options(config, nutcracker, new ProxyConfigLoader.Flags(statsPort, statsBind), test,
        help);
  }




  /**
   * What {@code -t} prints after the outcome, {@code failure} or null: nutcracker's own line when
   * the nutcracker file was checked and found valid or at fault.
   */
  private static String testVerdict(Options options, BadConfigException failure) {
    boolean ok = failure == null;
    Path nutcracker = options.nutcracker();
    if (nutcracker != null && (ok || failure.getMessage().startsWith(nutcracker + ": "))) {
      return "nutcracker: configuration file '" + nutcracker + "' syntax is " + (ok ? "ok" : "invalid");
    }
    String checked = options.config() == null ? "the configuration" : "configuration file '" + options.config() + "'";
    return "cachefleet proxy: " + checked + " is " + (ok ? "ok" : "invalid");
  }

  /**
   * Runs the proxy; when {@code registration} gives settings, the proxy registers in Consul, with
   * its rings' versions in its meta data, kept current as the rings change.
   */
  private static int serve(ProxyConfig config, Function<PoolConfig, NodeDirectory> directories,
                           Function<Proxy, ConsulRegistration.Settings> registration, PrintStream err) {
    Proxy proxy;
    try {
      proxy = Proxy.start(config, directories);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.FAILED;
    } catch (BadConfigException e) {
      err.println("cachefleet proxy: bad configuration: " + e.getMessage());
      return Main.FAILED;
    } catch (Proxy.ListenFailure e) {
      err.println("cachefleet proxy: cannot listen on " + e.getMessage());
      return Main.FAILED;
    } catch (RuntimeException e) {
      err.println("cachefleet proxy: cannot start: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()));
      return Main.FAILED;
    }
    ConsulRegistration consul;
    try {
      ConsulRegistration.Settings settings = registration.apply(proxy);
      consul = settings == null ? null : register(proxy, settings);
    } catch (BadConfigException e) {
      proxy.close();
      err.println("cachefleet proxy: bad configuration: " + e.getMessage());
      return Main.FAILED;
    } catch (RuntimeException e) {
      proxy.close();
      err.println("cachefleet proxy: cannot register in Consul: " + e.getMessage());
      return Main.FAILED;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (consul != null) {
        consul.close();
      }
      proxy.close();
      log.info("proxy stopped");
    }, "cachefleet-shutdown"));
    for (PoolConfig pool : config.pools()) {
      int port = proxy.port(pool.name());
      log.info("pool {} listening on {}:{} for {}; connect with: {}", pool.name(), pool.listen().host(), port,
          pool.consulService().isEmpty() ? pool.servers().size() + " servers"
              : "the servers of Consul service '" + pool.consulService() + "'",
          pool.redis() ? NodeCommand.connectHint(pool.listen().host(), port)
              : "a memcached client (its ASCII protocol) on port " + port);
    }
    if (proxy.adminPort() >= 0) {
      log.info("admin HTTP on {}:{}: /health /topology /metrics", config.adminBind(), proxy.adminPort());
    }
    try {
      proxy.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    proxy.close();
    return Main.OK;
  }

  /**
   * Registers {@code proxy} in Consul: its check passes while it serves, and its meta data
   * carries its rings ({@link #rings}), kept current as they change.
   */
  static ConsulRegistration register(Proxy proxy, ConsulRegistration.Settings settings) {
    ConsulRegistration consul = ConsulRegistration.start(settings,
        () -> new ConsulRegistration.Health(proxy.serving(), proxy.serving() ? "serving" : "not listening"));
    proxy.pools().forEach(pool -> pool.router().onChange(() -> consul.meta(withRings(consul, proxy))));
    Map<String, String> now = withRings(consul, proxy);
    if (!now.equals(consul.meta())) {
      consul.meta(now); // a ring changed between the registration and the listener
    }
    return consul;
  }

  /**
   * What a proxy publishes of its rings: {@code ring_version}, each pool's ring version (joined
   * with commas, in pool order), and {@code members}, the servers its rings route to. Proxies
   * that agree on the fleet show the same ring_version.
   */
  static Map<String, String> rings(Proxy proxy) {
    return Map.of(
        "ring_version", proxy.pools().stream().map(p -> p.router().ringVersion()).collect(Collectors.joining(",")),
        "members", Integer.toString(proxy.pools().stream().mapToInt(p -> p.router().live().size()).sum()));
  }

  private static Map<String, String> withRings(ConsulRegistration consul, Proxy proxy) {
    Map<String, String> meta = new HashMap<>(consul.meta());
    meta.putAll(rings(proxy));
    return meta;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
