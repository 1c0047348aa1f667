package io.cachefleet.dist;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.NodeDirectory;
import io.cachefleet.discovery.StaticNodeDirectory;
import io.cachefleet.discovery.consul.ConsulDirectory;
import io.cachefleet.discovery.consul.ConsulRegistration;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.proxy.NutcrackerConfig;
import io.cachefleet.proxy.PoolConfig;
import io.cachefleet.proxy.ProxyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a proxy's HOCON settings once into a validated {@link ProxyConfig}.
 *
 * <p>Layers, each overriding the one before: {@code reference.conf} (the defaults), the file given
 * with {@code --config}, {@code cachefleet.proxy.*} system properties, then Twemproxy's command-line
 * flags ({@link Flags}). Every key under {@code cachefleet.proxy} must be known, so a misspelt
 * setting fails instead of being ignored. Each error names the full path, the reason and where the
 * bad value was set.
 *
 * <p>A pool under {@code pools} takes every key it leaves out from {@code pool-defaults}, so it
 * usually gives only its {@code servers} and {@code listen}. Pool keys are those of a
 * nutcracker.yml pool with hyphens for underscores, and are parsed by {@link NutcrackerConfig}, so
 * a server line, a hash name or a hash tag means the same in both files. Pools are started in the
 * order of their names.
 *
 * <p>Given a nutcracker.yml file, the pools come from it alone, read exactly as Twemproxy reads it;
 * the HOCON layers then give only the process settings, and pools or pool defaults set there are an
 * error rather than silently unused.
 */
final class ProxyConfigLoader {

  static final String ROOT = "cachefleet.proxy";

  private static final String POOLS = ROOT + ".pools";
  private static final String POOL_DEFAULTS = ROOT + ".pool-defaults";

  private static final Set<String> KEYS = Set.of("io-threads", "stats-bind", "stats-port", "admin-bind",
      "admin-port", "pool-defaults", "pools", "consul");

  private static final String CONSUL = ROOT + ".consul";

  private static final Set<String> POOL_KEYS = Set.of("listen", "hash", "hash-tag", "distribution", "timeout",
      "backlog", "client-connections", "redis", "redis-auth", "redis-db", "preconnect", "auto-eject-hosts",
      "server-connections", "server-retry-timeout", "server-failure-limit", "servers", "consul-service");

  /** Far more event loops than any host has cores; a larger number is a typo, not a plan. */
  private static final int MAX_IO_THREADS = 1024;

  /** Twemproxy's stats flags, {@code -s PORT}, {@code -a ADDR} and {@code -i MS}; null for those not given. */
  record Flags(Integer statsPort, String statsBind) {
    static final Flags NONE = new Flags(null, null);
  }

  private final Config reference;

  ProxyConfigLoader(Config reference) {
    this.reference = reference;
  }

  /** A loader over the {@code reference.conf} resources of this class's class loader. */
  static ProxyConfigLoader fromClasspath() {
    ClassLoader loader = ProxyConfigLoader.class.getClassLoader();
    return new ProxyConfigLoader(ConfigFactory.parseResources(loader, "reference.conf"));
  }

  /**
   * Builds the proxy's settings.
   *
   * @param file the {@code --config} HOCON file, or null
   * @param nutcracker the {@code --nutcracker} Twemproxy file that gives the pools, or null
   * @param systemProperties JVM system properties; those under {@code cachefleet.proxy} apply
   * @param flags Twemproxy's stats flags from the command line
   * @throws BadConfigException naming the setting and the reason
   */
  ProxyConfig load(Path file, Path nutcracker, Properties systemProperties, Flags flags) {
    return load(file, ConfigFactory.empty(), nutcracker, systemProperties, flags);
  }

  /**
   * Builds the settings of a proxy that a cachefleet command sets up itself: {@code embedded}
   * (its pools) sits between the defaults and the {@code --config} file.
   */
  ProxyConfig load(Path file, Config embedded, Properties systemProperties) {
    return load(file, embedded, null, systemProperties, Flags.NONE);
  }

  private ProxyConfig load(Path file, Config embedded, Path nutcracker, Properties systemProperties, Flags flags) {
    Config all = layers(file, embedded, systemProperties, flags);
    Config proxy = Hocon.section(all, ROOT);
    Hocon.checkKeys(proxy, ROOT, KEYS);
    Config consul = Hocon.section(all, CONSUL);
    Hocon.checkKeys(consul, CONSUL, ConsulSection.PROXY_KEYS);
    List<PoolConfig> pools = nutcracker == null ? pools(proxy) : nutcrackerPools(proxy, nutcracker);
    for (PoolConfig pool : pools) {
      if (!pool.consulService().isEmpty() && !Hocon.bool(consul, CONSUL, "enabled")) {
        throw new BadConfigException(POOLS + "." + pool.name() + ".consul-service: takes the servers from Consul, "
            + "which needs " + CONSUL + ".enabled = true " + Hocon.at(consul.root().get("enabled")));
      }
    }
    try {
      return new ProxyConfig((int) Hocon.integer(proxy, ROOT, "io-threads", 0, MAX_IO_THREADS),
          nonEmpty(proxy, ROOT, "stats-bind"), (int) Hocon.integer(proxy, ROOT, "stats-port", -1, 65535),
          nonEmpty(proxy, ROOT, "admin-bind"), (int) Hocon.integer(proxy, ROOT, "admin-port", -1, 65535), pools);
    } catch (IllegalArgumentException e) {
      throw new BadConfigException(ROOT + "." + e.getMessage());
    }
  }

  /**
   * Where each pool's members come from: its {@code servers}, or the passing instances of its
   * {@code consul-service}, watched through the agent of the {@code consul} section. Each call
   * of the function for a Consul pool starts a watch, which the caller closes.
   */
  Function<PoolConfig, NodeDirectory> directories(Path file, Properties systemProperties, Map<String, String> env) {
    Config consul = Hocon.section(layers(file, ConfigFactory.empty(), systemProperties, Flags.NONE), CONSUL);
    return pool -> pool.consulService().isEmpty() ? new StaticNodeDirectory(pool.servers())
        : ConsulDirectory.start(ConsulSection.directory(consul, CONSUL, pool.consulService(), env));
  }

  /**
   * How the proxy registers in Consul, or null when {@code cachefleet.proxy.consul.enabled} is
   * false ({@link ConsulSection}).
   *
   * @param id the proxy's instance ID
   * @param address the address its first pool listens on
   * @param port the port its first pool listens on
   * @param meta what the proxy publishes of its rings
   */
  ConsulRegistration.Settings registration(Path file, Properties systemProperties, String id, String address,
                                           int port, Map<String, String> meta, Map<String, String> env) {
    Config consul = Hocon.section(layers(file, ConfigFactory.empty(), systemProperties, Flags.NONE), CONSUL);
    Hocon.checkKeys(consul, CONSUL, ConsulSection.PROXY_KEYS);
    return ConsulSection.read(consul, CONSUL, id, address, port, meta, env);
  }

  private Config layers(Path file, Config embedded, Properties systemProperties, Flags flags) {
    Config config = ConfigFactory.parseProperties(systemProperties,
        ConfigParseOptions.defaults().setOriginDescription("system properties"));
    if (file != null) {
      config = config.withFallback(Hocon.parseFile(file));
    }
    config = config.withFallback(embedded).withFallback(reference);
    config = flag(config, "stats-port", flags.statsPort(), "-s");
    config = flag(config, "stats-bind", flags.statsBind(), "-a");
    try {
      return config.resolve();
    } catch (ConfigException e) {
      throw new BadConfigException(e.getMessage());
    }
  }

  /** A command-line value, with the flag it came from as its origin. */
  private static Config flag(Config config, String key, Object value, String option) {
    return value == null ? config : config.withValue(ROOT + "." + key, ConfigValueFactory.fromAnyRef(value, option));
  }



  private List<PoolConfig> nutcrackerPools(Config proxy, Path nutcracker) {
    ConfigObject pools = object(proxy, ROOT, "pools");
    if (!pools.isEmpty()) {
      throw new BadConfigException(POOLS + ": the pools come from " + nutcracker + " (--nutcracker); define them "
          + "in one place only " + Hocon.at(pools));
    }
    ConfigObject defaults = object(proxy, ROOT, "pool-defaults");
    if (!defaults.equals(reference.getObject(POOL_DEFAULTS))) {
      throw new BadConfigException(POOL_DEFAULTS + ": does not apply to the pools of " + nutcracker
          + " (--nutcracker), which take Twemproxy's defaults; remove it " + Hocon.at(defaults));
    }
    try {
      return NutcrackerConfig.parse(nutcracker);
    } catch (IllegalArgumentException e) {
      throw new BadConfigException(e.getMessage());
    }
  }

  private static List<PoolConfig> pools(Config proxy) {
    ConfigObject pools = object(proxy, ROOT, "pools");
    Config defaults = object(proxy, ROOT, "pool-defaults").toConfig();
    Hocon.checkKeys(defaults, POOL_DEFAULTS, POOL_KEYS);
    if (pools.isEmpty()) {
      throw new BadConfigException(POOLS + ": no pool is defined; define one (see configs/proxy.conf) or give "
          + "a Twemproxy file with --nutcracker FILE " + Hocon.at(pools));
    }
    List<PoolConfig> result = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> pool : new TreeMap<>(pools).entrySet()) {
      String path = POOLS + "." + pool.getKey();
      if (pool.getValue().valueType() != ConfigValueType.OBJECT) {
        throw new BadConfigException(path + ": must be an object of pool settings " + Hocon.at(pool.getValue()));
      }
      Config settings = ((ConfigObject) pool.getValue()).toConfig();
      Hocon.checkKeys(settings, path, POOL_KEYS);
      result.add(pool(pool.getKey(), path, settings.withFallback(defaults)));
    }
    return result;
  }

  private static PoolConfig pool(String name, String path, Config pool) {
    boolean redis = Hocon.bool(pool, path, "redis");
    if (!redis && !Hocon.string(pool, path, "redis-auth").isEmpty()) {
      throw Hocon.invalid(pool, path, "redis-auth", "needs redis = true (memcached has no AUTH)");
    }
    String hashTag = Hocon.string(pool, path, "hash-tag");
    String consulService = Hocon.string(pool, path, "consul-service").strip();
    try {
      return new PoolConfig(name, parsed(pool, path, "listen", NutcrackerConfig::listen),
          parsed(pool, path, "hash", NutcrackerConfig::hash),
          hashTag.isEmpty() ? HashTag.NONE : parsed(pool, path, "hash-tag", NutcrackerConfig::hashTag),
          parsed(pool, path, "distribution", NutcrackerConfig::distribution),
          Hocon.duration(pool, path, "timeout", true), (int) Hocon.integer(pool, path, "backlog", 1, Integer.MAX_VALUE),
          (int) Hocon.integer(pool, path, "client-connections", 0, Integer.MAX_VALUE), redis,
          Hocon.string(pool, path, "redis-auth"), (int) Hocon.integer(pool, path, "redis-db", 0, Integer.MAX_VALUE),
          Hocon.bool(pool, path, "preconnect"), Hocon.bool(pool, path, "auto-eject-hosts"),
          (int) Hocon.integer(pool, path, "server-connections", 1, Integer.MAX_VALUE),
          Hocon.duration(pool, path, "server-retry-timeout", false),
          (int) Hocon.integer(pool, path, "server-failure-limit", 1, Integer.MAX_VALUE),
          servers(pool, path, consulService), consulService);
    } catch (IllegalArgumentException e) {
      throw new BadConfigException(path + "." + e.getMessage() + " " + Hocon.at(pool.root()));
    }
  }

  /** The servers the pool lists: none when they come from {@code consulService}, else at least one. */
  private static List<Member> servers(Config pool, String path, String consulService) {
    ConfigValue value = pool.root().get("servers");
    if (value.valueType() != ConfigValueType.LIST) {
      throw Hocon.invalid(pool, path, "servers", "must be a list of \"host:port:weight [name]\" strings");
    }
    List<Member> servers = new ArrayList<>();
    for (ConfigValue item : pool.getList("servers")) {
      String where = path + ".servers[" + servers.size() + "]";
      if (item.valueType() != ConfigValueType.STRING) {
        throw new BadConfigException(where + ": must be a \"host:port:weight [name]\" string " + Hocon.at(item));
      }
      try {
        servers.add(NutcrackerConfig.server(((String) item.unwrapped()).strip()));
      } catch (IllegalArgumentException e) {
        throw new BadConfigException(where + ": " + e.getMessage() + " " + Hocon.at(item));
      }
    }
    if (!consulService.isEmpty() && !servers.isEmpty()) {
      throw Hocon.invalid(pool, path, "servers", "must be empty: the servers come from consul-service '"
          + consulService + "'");
    }
    if (consulService.isEmpty() && servers.isEmpty()) {
      throw Hocon.invalid(pool, path, "servers", "must list at least one server, as \"host:port:weight [name]\", "
          + "or set consul-service to take them from Consul");
    }
    return servers;
  }

  private static <T> T parsed(Config node, String path, String key, Function<String, T> parser) {
    String text = Hocon.string(node, path, key);
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw Hocon.invalid(node, path, key, e.getMessage());
    }
  }


  private static ConfigObject object(Config node, String path, String key) {
    ConfigValue value = node.root().get(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw Hocon.invalid(node, path, key, "must be an object");
    }
    return (ConfigObject) value;
  }

  private static String nonEmpty(Config node, String path, String key) {
    String text = Hocon.string(node, path, key).strip();
    if (text.isEmpty()) {
      throw Hocon.invalid(node, path, key, "must not be empty");
    }
    return text;
  }





}
