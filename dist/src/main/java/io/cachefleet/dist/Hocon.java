package io.cachefleet.dist;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Typed reads of HOCON settings shared by the config loaders. Every error is a
 * {@link BadConfigException} that names the setting's full path, the reason, and where the value
 * was set ({@code [node.conf: 3]}, {@code [system properties]}, ...).
 */
final class Hocon {

  private Hocon() {}

  /** The file given with {@code --config}; a missing or unreadable file is an error. */
  static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadConfigException(file + ": no such config file");
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new BadConfigException(e.getMessage());
    }
  }

  /** The object of settings at {@code path}. */
  static Config section(Config config, String path) {
    try {
      return config.getConfig(path);
    } catch (ConfigException.WrongType e) {
      throw new BadConfigException(path + ": must be an object of settings [" + e.origin().description() + "]");
    }
  }

  /** Refuses keys of {@code node} (at {@code path}) that are not {@code known}, so a misspelt key fails. */
  static void checkKeys(Config node, String path, Set<String> known) {
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

  static String string(Config node, String path, String key) {
    ConfigValue value = node.root().get(key);
    if (value.valueType() == ConfigValueType.OBJECT || value.valueType() == ConfigValueType.LIST
        || value.valueType() == ConfigValueType.NULL) {
      throw invalid(node, path, key, "must be a string");
    }
    return String.valueOf(value.unwrapped());
  }

  static boolean bool(Config node, String path, String key) {
    try {
      return node.getBoolean(key);
    } catch (ConfigException e) {
      throw invalid(node, path, key, "must be true or false (was " + render(node.root().get(key)) + ")");
    }
  }

  /** A whole number within {@code min..max}, given as a number or a string of digits. */
  static long integer(Config node, String path, String key, long min, long max) {
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
  static Duration duration(Config node, String path, String key, boolean zeroAllowed) {
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

  /** A value as the user wrote it: strings quoted. */
  static String render(ConfigValue value) {
    return value.valueType() == ConfigValueType.STRING ? "'" + value.unwrapped() + "'" : value.render();
  }

  static BadConfigException invalid(Config node, String path, String key, String reason) {
    return new BadConfigException(path + "." + key + ": " + reason + " " + at(node.root().get(key)));
  }

  /** Where a value was set, e.g. {@code [node.conf: 3]}; values from -D or a flag say so. */
  static String at(ConfigValue value) {
    return "[" + value.origin().description() + "]";
  }
}
