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
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.proxy.NutcrackerConfig;
import io.cachefleet.proxy.PoolConfig;
import io.cachefleet.proxy.ProxyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

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

  private static final Set<String> KEYS = Set.of("io-threads", "stats-bind", "stats-port", "stats-interval",
      "pool-defaults", "pools");

  private static final Set<String> POOL_KEYS = Set.of("listen", "hash", "hash-tag", "distribution", "timeout",
      "backlog", "client-connections", "redis", "redis-auth", "redis-db", "preconnect", "auto-eject-hosts",
      "server-connections", "server-retry-timeout", "server-failure-limit", "servers");

  /** Far more event loops than any host has cores; a larger number is a typo, not a plan. */
  private static final int MAX_IO_THREADS = 1024;

  /** Twemproxy's stats flags, {@code -s PORT}, {@code -a ADDR} and {@code -i MS}; null for those not given. */
  record Flags(Integer statsPort, String statsBind, Integer statsIntervalMillis) {
    static final Flags NONE = new Flags(null, null, null);
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
    Config proxy = proxy(layers(file, embedded, systemProperties, flags));
    checkKeys(proxy, ROOT, KEYS);
    List<PoolConfig> pools = nutcracker == null ? pools(proxy) : nutcrackerPools(proxy, nutcracker);
    try {
      return new ProxyConfig((int) integer(proxy, ROOT, "io-threads", 0, MAX_IO_THREADS),
          nonEmpty(proxy, ROOT, "stats-bind"), (int) integer(proxy, ROOT, "stats-port", -1, 65535),
          duration(proxy, ROOT, "stats-interval", false), pools);
    } catch (IllegalArgumentException e) {
      throw new BadConfigException(ROOT + "." + e.getMessage());
    }
  }

  private Config layers(Path file, Config embedded, Properties systemProperties, Flags flags) {
    Config config = ConfigFactory.parseProperties(systemProperties,
        ConfigParseOptions.defaults().setOriginDescription("system properties"));
    if (file != null) {
      config = config.withFallback(parseFile(file));
    }
    config = config.withFallback(embedded).withFallback(reference);
    config = flag(config, "stats-port", flags.statsPort(), "-s");
    config = flag(config, "stats-bind", flags.statsBind(), "-a");
    config = flag(config, "stats-interval", flags.statsIntervalMillis(), "-i");
    try {
      return config.resolve();
    } catch (ConfigException e) {
      throw new BadConfigException(e.getMessage());
    }
  }

  /** A command-line value; a number for stats-interval is milliseconds, as HOCON reads durations. */
  private static Config flag(Config config, String key, Object value, String option) {
    return value == null ? config : config.withValue(ROOT + "." + key, ConfigValueFactory.fromAnyRef(value, option));
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadConfigException(file + ": no such config file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new BadConfigException(e.getMessage());
    }
  }

  private static Config proxy(Config config) {
    try {
      return config.getConfig(ROOT);
    } catch (ConfigException.WrongType e) {
      throw new BadConfigException(ROOT + ": must be an object of settings [" + e.origin().description() + "]");
    }
  }

  private List<PoolConfig> nutcrackerPools(Config proxy, Path nutcracker) {
    ConfigObject pools = object(proxy, ROOT, "pools");
    if (!pools.isEmpty()) {
      throw new BadConfigException(POOLS + ": the pools come from " + nutcracker + " (--nutcracker); define them "
          + "in one place only " + at(pools));
    }
    ConfigObject defaults = object(proxy, ROOT, "pool-defaults");
    if (!defaults.equals(reference.getObject(POOL_DEFAULTS))) {
      throw new BadConfigException(POOL_DEFAULTS + ": does not apply to the pools of " + nutcracker
          + " (--nutcracker), which take Twemproxy's defaults; remove it " + at(defaults));
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
    checkKeys(defaults, POOL_DEFAULTS, POOL_KEYS);
    if (pools.isEmpty()) {
      throw new BadConfigException(POOLS + ": no pool is defined; define one (see configs/proxy.conf) or give "
          + "a Twemproxy file with --nutcracker FILE " + at(pools));
    }
    List<PoolConfig> result = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> pool : new TreeMap<>(pools).entrySet()) {
      String path = POOLS + "." + pool.getKey();
      if (pool.getValue().valueType() != ConfigValueType.OBJECT) {
        throw new BadConfigException(path + ": must be an object of pool settings " + at(pool.getValue()));
      }
      Config settings = ((ConfigObject) pool.getValue()).toConfig();
      checkKeys(settings, path, POOL_KEYS);
      result.add(pool(pool.getKey(), path, settings.withFallback(defaults)));
    }
    return result;
  }

  private static PoolConfig pool(String name, String path, Config pool) {
    if (!bool(pool, path, "redis")) {
      throw invalid(pool, path, "redis", "memcached pools (redis = false) are not supported yet; set redis = true");
    }
    String hashTag = string(pool, path, "hash-tag");
    try {
      return new PoolConfig(name, parsed(pool, path, "listen", NutcrackerConfig::listen),
          parsed(pool, path, "hash", NutcrackerConfig::hash),
          hashTag.isEmpty() ? HashTag.NONE : parsed(pool, path, "hash-tag", NutcrackerConfig::hashTag),
          parsed(pool, path, "distribution", NutcrackerConfig::distribution),
          duration(pool, path, "timeout", true), (int) integer(pool, path, "backlog", 1, Integer.MAX_VALUE),
          (int) integer(pool, path, "client-connections", 0, Integer.MAX_VALUE), true,
          string(pool, path, "redis-auth"), (int) integer(pool, path, "redis-db", 0, Integer.MAX_VALUE),
          bool(pool, path, "preconnect"), bool(pool, path, "auto-eject-hosts"),
          (int) integer(pool, path, "server-connections", 1, Integer.MAX_VALUE),
          duration(pool, path, "server-retry-timeout", false),
          (int) integer(pool, path, "server-failure-limit", 1, Integer.MAX_VALUE), servers(pool, path));
    } catch (IllegalArgumentException e) {
      throw new BadConfigException(path + "." + e.getMessage() + " " + at(pool.root()));
    }
  }

  private static List<Member> servers(Config pool, String path) {
    ConfigValue value = pool.root().get("servers");
    if (value.valueType() != ConfigValueType.LIST) {
      throw invalid(pool, path, "servers", "must be a list of \"host:port:weight [name]\" strings");
    }
    List<Member> servers = new ArrayList<>();
    for (ConfigValue item : pool.getList("servers")) {
      String where = path + ".servers[" + servers.size() + "]";
      if (item.valueType() != ConfigValueType.STRING) {
        throw new BadConfigException(where + ": must be a \"host:port:weight [name]\" string " + at(item));
      }
      try {
        servers.add(NutcrackerConfig.server(((String) item.unwrapped()).strip()));
      } catch (IllegalArgumentException e) {
        throw new BadConfigException(where + ": " + e.getMessage() + " " + at(item));
      }
    }
    if (servers.isEmpty()) {
      throw invalid(pool, path, "servers", "must list at least one server, as \"host:port:weight [name]\"");
    }
    return servers;
  }

  private static <T> T parsed(Config node, String path, String key, Function<String, T> parser) {
    String text = string(node, path, key);
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw invalid(node, path, key, e.getMessage());
    }
  }

  private static void checkKeys(Config node, String path, Set<String> known) {
    Set<String> unknown = new TreeSet<>(node.root().keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      List<String> where = new ArrayList<>();
      for (String key : unknown) {
        where.add(path + "." + key + " " + at(node.root().get(key)));
      }
      throw new BadConfigException(String.join(", ", where)
          + (unknown.size() == 1 ? ": unknown key" : ": unknown keys") + " (known keys: "
          + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
    }
  }

  private static ConfigObject object(Config node, String path, String key) {
    ConfigValue value = node.root().get(key);
    if (value.valueType() != ConfigValueType.OBJECT) {
      throw invalid(node, path, key, "must be an object");
    }
    return (ConfigObject) value;
  }

  private static String nonEmpty(Config node, String path, String key) {
    String text = string(node, path, key).strip();
    if (text.isEmpty()) {
      throw invalid(node, path, key, "must not be empty");
    }
    return text;
  }

  private static String string(Config node, String path, String key) {
    ConfigValue value = node.root().get(key);
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST
        || value.valueType() == ConfigValueType.NULL) {
      throw invalid(node, path, key, "must be a string");
    }
    return String.valueOf(value.unwrapped());
  }

  private static boolean bool(Config node, String path, String key) {
    try {
      return node.getBoolean(key);
    } catch (ConfigException e) {
      throw invalid(node, path, key, "must be true or false (was " + render(node.root().get(key)) + ")");
    }
  }

  private static long integer(Config node, String path, String key, long min, long max) {
    ConfigValue value = node.root().get(key);
    Object raw = value.unwrapped();
    long n;
    if (raw instanceof Integer || raw instanceof Long) {
      n = ((Number) raw).longValue();
    } else {
      try {
        n = Long.parseLong(value.valueType() == ConfigValueType.STRING ? ((String) raw).strip() : "");
      } catch (NumberFormatException e) {
        throw invalid(node, path, key, "must be an integer (was " + render(value) + ")");
      }
    }
    if (n < min || n > max) {
      throw invalid(node, path, key, "must be within " + min + ".." + max + " (was " + n + ")");
    }
    return n;
  }

  /** A HOCON duration: {@code 30s}, {@code 400ms}, or a number of milliseconds. */
  private static Duration duration(Config node, String path, String key, boolean zeroAllowed) {
    Duration duration;
    try {
      duration = node.getDuration(key);
    } catch (ConfigException e) {
      throw invalid(node, path, key, "must be a duration such as 400ms or 30s (was " + render(node.root().get(key))
          + ")");
    }
    if (duration.isNegative() || duration.isZero() && !zeroAllowed) {
      throw invalid(node, path, key, (zeroAllowed ? "must not be negative" : "must be positive") + " (was "
          + render(node.root().get(key)) + ")");
    }
    return duration;
  }

  private static String render(ConfigValue value) {
    return value.valueType() == ConfigValueType.STRING ? "'" + value.unwrapped() + "'" : value.render();
  }

  private static BadConfigException invalid(Config node, String path, String key, String reason) {
    return new BadConfigException(path + "." + key + ": " + reason + " " + at(node.root().get(key)));
  }

  /** Where a value was set, e.g. {@code [proxy.conf: 3]}; values from -D or a flag say so. */
  private static String at(ConfigValue value) {
    return "[" + value.origin().description() + "]";
  }
}
