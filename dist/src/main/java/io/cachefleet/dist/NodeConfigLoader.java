package io.cachefleet.dist;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.cachefleet.node.MemorySize;
import io.cachefleet.node.NodeConfig;
import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.protocol.RespLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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
      "maxmemory-policy", "requirepass", "proto-max-bulk-len", "client-query-buffer-limit", "hz", "maxclients");

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
    Config node = node(layers(file, systemProperties, port));
    checkKeys(node);
    int p = (int) integer(node, "port", 0, 65535);
    try {
      return new NodeConfig(name(node, p), bind(node), p, ioThreads(node), memory(node, "maxmemory", 0),
          policy(node), requirePass(node), limits(node), (int) integer(node, "hz", 1, 500),
          (int) integer(node, "maxclients", 1, Integer.MAX_VALUE));
    } catch (IllegalArgumentException e) {
      throw new BadConfigException(ROOT + ": " + e.getMessage());
    }
  }

  private Config layers(Path file, Properties systemProperties, Integer port) {
    Config config = ConfigFactory.parseProperties(systemProperties,
        ConfigParseOptions.defaults().setOriginDescription("system properties"));
    if (file != null) {
      config = config.withFallback(parseFile(file));
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

  private static Config node(Config config) {
    try {
      return config.getConfig(ROOT);
    } catch (ConfigException.WrongType e) {
      throw new BadConfigException(ROOT + ": must be an object of settings [" + e.origin().description() + "]");
    }
  }

  private static void checkKeys(Config node) {
    Set<String> unknown = new TreeSet<>(node.root().keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      List<String> where = new ArrayList<>();
      for (String key : unknown) {
        where.add(ROOT + "." + key + " " + at(node.root().get(key)));
      }
      throw new BadConfigException(String.join(", ", where)
          + (unknown.size() == 1 ? ": unknown key" : ": unknown keys") + " (known keys: "
          + KEYS.stream().sorted().collect(Collectors.joining(", ")) + ")");
    }
  }

  private static String name(Config node, int port) {
    String name = string(node, "name").strip();
    return name.isEmpty() ? "node-" + port : name;
  }

  private static String bind(Config node) {
    String bind = string(node, "bind").strip();
    if (bind.isEmpty()) {
      throw invalid(node, "bind", "must be an address to listen on");
    }
    if (bind.indexOf(' ') >= 0) {
      throw invalid(node, "bind", "must be a single address; listening on several is not supported");
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
    int threads = (int) integer(node, "io-threads", 0, MAX_IO_THREADS);
    return threads == 0 ? NodeConfig.defaultIoThreads() : threads;
  }

  private static EvictionPolicy policy(Config node) {
    String name = string(node, "maxmemory-policy");
    EvictionPolicy policy = EvictionPolicy.parse(name);
    if (policy == null) {
      throw invalid(node, "maxmemory-policy", "unknown policy '" + name + "' (expected one of "
          + Arrays.stream(EvictionPolicy.values()).map(EvictionPolicy::redisName).collect(Collectors.joining(", "))
          + ")");
    }
    return policy;
  }

  private static String requirePass(Config node) {
    String pass = string(node, "requirepass");
    return pass.isEmpty() ? null : pass;
  }

  private static String string(Config node, String key) {
    ConfigValue value = node.root().get(key);
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST
        || value.valueType() == ConfigValueType.NULL) {
      throw invalid(node, key, "must be a string");
    }
    return String.valueOf(value.unwrapped());
  }

  private static long integer(Config node, String key, long min, long max) {
    ConfigValue value = node.root().get(key);
    Object raw = value.unwrapped();
    long n;
    if (raw instanceof Integer || raw instanceof Long) {
      n = ((Number) raw).longValue();
    } else {
      try {
        n = Long.parseLong(value.valueType() == ConfigValueType.STRING ? ((String) raw).strip() : "");
      } catch (NumberFormatException e) {
        throw invalid(node, key, "must be an integer (was " + render(value) + ")");
      }
    }
    if (n < min || n > max) {
      throw invalid(node, key, "must be within " + min + ".." + max + " (was " + n + ")");
    }
    return n;
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
      throw invalid(node, key, "must be a size in bytes such as 0, 1048576, 100mb or 1gb (was "
          + render(value) + ": " + e.getMessage() + ")");
    }
    if (bytes < min) {
      throw invalid(node, key, "must be at least " + min + " bytes (was " + render(value) + ")");
    }
    return bytes;
  }

  private static String render(ConfigValue value) {
    return value.valueType() == ConfigValueType.STRING ? "'" + value.unwrapped() + "'" : value.render();
  }

  private static BadConfigException invalid(Config node, String key, String reason) {
    return new BadConfigException(ROOT + "." + key + ": " + reason + " " + at(node.root().get(key)));
  }

  /** Where a value was set, e.g. {@code [node.conf: 3]}; values from -D or --port say so. */
  private static String at(ConfigValue value) {
    return "[" + value.origin().description() + "]";
  }
}
