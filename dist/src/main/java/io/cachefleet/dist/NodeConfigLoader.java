package io.cachefleet.dist;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import io.cachefleet.discovery.consul.ConsulRegistration;
import io.cachefleet.node.MemorySize;
import io.cachefleet.node.NodeConfig;
import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.protocol.RespLimits;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a node's HOCON settings once into a validated {@link NodeConfig}.
 *
 * <p>Layers, each overriding the one before: {@code reference.conf} (the defaults), the file given
 * with {@code --config}, {@code cachefleet.node.*} system properties, then {@code --port}. Every
 * key under {@code cachefleet.node} must be known, so a misspelt setting fails instead of being
 * ignored. Each error names the full path, the reason and where the bad value was set.
 *
 * <p>Sizes are read as Redis's {@code memtoull} reads them ({@link MemorySize}): a plain number
 * of bytes, or digits followed by {@code b}, {@code k} (1000), {@code kb} (1024), {@code m},
 * {@code mb}, {@code g} or {@code gb}, in any case and without spaces.
 */
final class NodeConfigLoader {

  static final String ROOT = "cachefleet.node";

  private static final Set<String> KEYS = Set.of("name", "bind", "port", "io-threads", "maxmemory",
      "maxmemory-policy", "requirepass", "proto-max-bulk-len", "client-query-buffer-limit", "hz", "maxclients",
      "consul");

  private static final String CONSUL = ROOT + ".consul";


  /** Redis's floor for proto-max-bulk-len and client-query-buffer-limit. */
  private static final long MIN_BUFFER_LIMIT = 1024 * 1024;

  /** Redis's IO_THREADS_MAX_NUM. */
  private static final int MAX_IO_THREADS = 128;

  private final Config reference;

  NodeConfigLoader(Config reference) {
    this.reference = reference;
  }

  /** A loader over the {@code reference.conf} resources of this class's class loader. */
  static NodeConfigLoader fromClasspath() {
    ClassLoader loader = NodeConfigLoader.class.getClassLoader();
    return new NodeConfigLoader(ConfigFactory.parseResources(loader, "reference.conf"));
  }

  /**
   * Builds the node's settings.
   *
   * @param file the {@code --config} file, or null
   * @param systemProperties JVM system properties; those under {@code cachefleet.node} apply
   * @param port the {@code --port} value, or null
   * @throws BadConfigException naming the setting and the reason
   */
  NodeConfig load(Path file, Properties systemProperties, Integer port) {
    Config node = Hocon.section(layers(file, systemProperties, port), ROOT);
    Hocon.checkKeys(node, ROOT, KEYS);
    int p = (int) Hocon.integer(node, ROOT, "port", 0, 65535);
    try {
      return new NodeConfig(name(node, p), bind(node), p, ioThreads(node), memory(node, "maxmemory", 0),
          policy(node), requirePass(node), limits(node), (int) Hocon.integer(node, ROOT, "hz", 1, 500),
          (int) Hocon.integer(node, ROOT, "maxclients", 1, Integer.MAX_VALUE));
    } catch (IllegalArgumentException e) {
      throw new BadConfigException(ROOT + ": " + e.getMessage());
    }
  }

  /**
   * How the node registers in Consul, or null when {@code cachefleet.node.consul.enabled} is false
   * ({@link ConsulSection}).
   *
   * @param node the node's settings, for its name and address
   * @param boundPort the port the node listens on (the configured one may be 0)
   */
  ConsulRegistration.Settings registration(Path file, Properties systemProperties, Integer port, NodeConfig node,
                                           int boundPort, Map<String, String> env) {
    Config consul = Hocon.section(layers(file, systemProperties, port), CONSUL);
    Hocon.checkKeys(consul, CONSUL, ConsulSection.NODE_KEYS);
    return ConsulSection.read(consul, CONSUL, node.name(), node.bind(), boundPort, Map.of(), env);
  }

  /**
   * How long a registered node, when it stops, waits for the proxies to close their connections
   * once it is in maintenance ({@code cachefleet.node.consul.drain-timeout}).
   */
  Duration drainTimeout(Path file, Properties systemProperties, Integer port) {
    Config consul = Hocon.section(layers(file, systemProperties, port), CONSUL);
    return Hocon.duration(consul, CONSUL, "drain-timeout", true);
  }

  private Config layers(Path file, Properties systemProperties, Integer port) {
    Config config = ConfigFactory.parseProperties(systemProperties,
        ConfigParseOptions.defaults().setOriginDescription("system properties"));
    if (file != null) {
      config = config.withFallback(Hocon.parseFile(file));
    }
    config = config.withFallback(reference);
    if (port != null) {
      config = config.withValue(ROOT + ".port", ConfigValueFactory.fromAnyRef(port, "--port"));
    }
    try {
      return config.resolve();
    } catch (ConfigException e) {
      throw new BadConfigException(e.getMessage());
    }
  }




  private static String name(Config node, int port) {
    String name = Hocon.string(node, ROOT, "name").strip();
    return name.isEmpty() ? "node-" + port : name;
  }

  private static String bind(Config node) {
    String bind = Hocon.string(node, ROOT, "bind").strip();
    if (bind.isEmpty()) {
      throw Hocon.invalid(node, ROOT, "bind", "must be an address to listen on");
    }
    if (bind.indexOf(' ') >= 0) {
      throw Hocon.invalid(node, ROOT, "bind", "must be a single address; listening on several is not supported");
    }
    return bind;
  }

  /** Redis's two configurable protocol limits; the others stay at Redis's fixed values. */
  private static RespLimits limits(Config node) {
    RespLimits redis = RespLimits.REDIS_DEFAULTS;
    return new RespLimits(memory(node, "proto-max-bulk-len", MIN_BUFFER_LIMIT), redis.maxArguments(),
        redis.maxInlineLength(), memory(node, "client-query-buffer-limit", MIN_BUFFER_LIMIT));
  }

  private static int ioThreads(Config node) {
    int threads = (int) Hocon.integer(node, ROOT, "io-threads", 0, MAX_IO_THREADS);
    return threads == 0 ? NodeConfig.defaultIoThreads() : threads;
  }

  private static EvictionPolicy policy(Config node) {
    String name = Hocon.string(node, ROOT, "maxmemory-policy");
    EvictionPolicy policy = EvictionPolicy.parse(name);
    if (policy == null) {
      throw Hocon.invalid(node, ROOT, "maxmemory-policy", "unknown policy '" + name + "' (expected one of "
          + Arrays.stream(EvictionPolicy.values()).map(EvictionPolicy::redisName).collect(Collectors.joining(", "))
          + ")");
    }
    return policy;
  }

  private static String requirePass(Config node) {
    String pass = Hocon.string(node, ROOT, "requirepass");
    return pass.isEmpty() ? null : pass;
  }



  /** A size in bytes, parsed as Redis's {@code memtoull} ({@link MemorySize}). */
  private static long memory(Config node, String key, long min) {
    ConfigValue value = node.root().get(key);
    Object raw = value.unwrapped();
    long bytes;
    try {
      if (!(raw instanceof String || raw instanceof Integer || raw instanceof Long)) {
        throw new IllegalArgumentException("not a whole number");
      }
      bytes = MemorySize.parse(raw.toString());
    } catch (IllegalArgumentException e) {
      throw Hocon.invalid(node, ROOT, key, "must be a size in bytes such as 0, 1048576, 100mb or 1gb (was "
          + Hocon.render(value) + ": " + e.getMessage() + ")");
    }
    if (bytes < min) {
      throw Hocon.invalid(node, ROOT, key, "must be at least " + min + " bytes (was " + Hocon.render(value) + ")");
    }
    return bytes;
  }


}
