package io.cachefleet.proxy;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.discovery.ring.KeyHash;
import io.cachefleet.discovery.ring.KeyHashes;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a Twemproxy configuration file ({@code nutcracker.yml}) into {@link PoolConfig}s, in file
 * order, accepting and refusing what nutcracker 0.5.0 does ({@code src/nc_conf.c}). A file that
 * {@code nutcracker -t} accepts either loads here or fails with a message saying what cachefleet
 * does not support yet: unix sockets, {@code tcpkeepalive: true}, and the zero
 * values of {@code backlog}, {@code server_retry_timeout} and {@code server_failure_limit}.
 *
 * <p>The file is read as nc_conf.c reads it, as a stream of YAML events rather than as typed YAML:
 * every value is the text written ({@code yes} is not a boolean, {@code 010} is ten), and what
 * nutcracker refuses is refused here: several documents, {@code ---} and {@code ...} markers,
 * directives, anchors, aliases, tags, flow collections, empty values, a key given twice. No Java
 * object is ever constructed from the file's content. A few values nutcracker lets through are
 * refused as mistakes: a server line with an empty host or an empty name, a number beyond
 * {@code int} (which nutcracker wraps), a hash tag of one two-byte character. A listen host is
 * resolved when the proxy binds it, not here.
 *
 * <p>Keys and their defaults (nc_conf.h {@code CONF_DEFAULT_*}): {@code listen} (required),
 * {@code hash: fnv1a_64}, {@code hash_tag} (none), {@code distribution: ketama}, {@code timeout}
 * in ms (none: wait forever), {@code backlog: 512}, {@code client_connections: 0} (no limit),
 * {@code redis: false}, {@code tcpkeepalive: false}, {@code redis_auth} (none), {@code redis_db: 0},
 * {@code preconnect: false}, {@code auto_eject_hosts: false}, {@code server_connections: 1},
 * {@code server_retry_timeout: 30000} ms, {@code server_failure_limit: 2}, and {@code servers}
 * (required), a list of {@code host:port:weight [name]}.
 *
 * <p>Every error is an {@link IllegalArgumentException} whose message names the file, then the
 * pool and key: {@code nutcracker.yml: alpha.hash: unknown hash 'foo' (one of: one_at_a_time, ...)}.
 */
public final class NutcrackerConfig {

  private static final List<String> KEYS = List.of("listen", "hash", "hash_tag", "distribution", "timeout",
      "backlog", "client_connections", "redis", "tcpkeepalive", "redis_auth", "redis_db", "preconnect",
      "auto_eject_hosts", "server_connections", "server_retry_timeout", "server_failure_limit", "servers");

  /** libmemcached's port, which Twemproxy leaves out of a server's ketama identity. */
  private static final int KETAMA_PORT = 11211;

  private static final String SERVER_FORMAT = "\"host:port:weight [name]\"";

  private NutcrackerConfig() {}

  /**
   * Reads the pools of a nutcracker.yml file.
   *
   * @throws IllegalArgumentException naming the file, the pool, the key and the reason
   */
  public static List<PoolConfig> parse(Path file) {
    String origin = file.toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, origin);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(origin + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + ": cannot be read: " + e.getMessage());
    }
  }

  /** Reads the pools of nutcracker.yml text; {@code origin} starts every error message. */
  public static List<PoolConfig> parse(String yaml, String origin) {
    return parse(new StringReader(yaml), origin);
  }

  private static List<PoolConfig> parse(Reader reader, String origin) {
    List<NutcrackerYaml.RawPool> raw = new NutcrackerYaml(reader, origin).pools();
    List<PoolConfig> pools = new ArrayList<>();
    Map<String, String> listeners = new HashMap<>();
    for (NutcrackerYaml.RawPool pool : raw) {
      pools.add(new PoolReader(origin, pool).read());
      NutcrackerYaml.Setting listen = pool.settings().get("listen");
      String other = listeners.putIfAbsent(listen.value(), pool.name());
      if (other != null) {
        throw new IllegalArgumentException(origin + ": pools '" + other + "' and '" + pool.name()
            + "' both listen on '" + listen.value() + "'");
      }
    }
    return pools;
  }

  /**
   * Parses a server line as Twemproxy's {@code conf_add_server} does: {@code host:port:weight [name]},
   * split from the end, so the host may itself hold colons ({@code ::1:6379:1}) and the name is what
   * follows the last space. Without a name, the server's ketama identity is {@code host:port} as
   * written, or just {@code host} when the port is 11211.
   *
   * @throws IllegalArgumentException with the reason, naming the line
   */
  public static Member server(String line) {
    if (line.startsWith("/")) {
      throw new IllegalArgumentException("unix socket servers ('" + line + "') are not supported yet; use "
          + SERVER_FORMAT);
    }
    int space = line.lastIndexOf(' ');
    String address = space < 0 ? line : line.substring(0, space);
    String name = space < 0 ? null : line.substring(space + 1);
    int weightColon = address.lastIndexOf(':');
    int portColon = weightColon < 0 ? -1 : address.lastIndexOf(':', weightColon - 1);
    if (portColon < 0) {
      throw new IllegalArgumentException("'" + line + "' is not " + SERVER_FORMAT);
    }
    String host = address.substring(0, portColon);
    String portText = address.substring(portColon + 1, weightColon);
    int weight = digits(address.substring(weightColon + 1));
    int port = digits(portText);
    if (weight <= 0) {
      throw new IllegalArgumentException((weight == 0 ? "zero" : "invalid") + " weight in '" + line
          + "' (must be a positive integer)");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("invalid port in '" + line + "' (must be within 1..65535)");
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("no host in '" + line + "'");
    }
    if (name != null) {
      if (name.isEmpty()) {
        throw new IllegalArgumentException("empty name after the space in '" + line + "'");
      }
      return Member.named(name, host, port, weight);
    }
    Member member = Member.of(host, port, weight);
    String identity = port == KETAMA_PORT ? host : host + ":" + portText;
    return member.name().equals(identity) ? member : Member.named(identity, host, port, weight);
  }

  /**
   * Parses a listen address, {@code host:port} split at the last colon; port 0 picks a free port.
   *
   * @throws IllegalArgumentException with the reason, naming the text
   */
  public static PoolConfig.ListenAddress listen(String text) {
    return listen(text, 0);
  }

  private static PoolConfig.ListenAddress listen(String text, int minPort) {
    if (text.startsWith("/")) {
      throw new IllegalArgumentException("unix sockets ('" + text + "') are not supported yet; listen on host:port");
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + text + "' is not host:port");
    }
    int port = digits(text.substring(colon + 1));
    if (port < minPort || port > 65535) {
      throw new IllegalArgumentException("invalid port in '" + text + "' (must be within " + minPort + "..65535)");
    }
    if (text.substring(0, colon).isBlank()) {
      throw new IllegalArgumentException("no host in '" + text + "'");
    }
    return new PoolConfig.ListenAddress(text.substring(0, colon), port);
  }

  /**
   * The key hash Twemproxy calls {@code name}.
   *
   * @throws IllegalArgumentException for a name Twemproxy does not have, listing those it has
   */
  public static KeyHash hash(String name) {
    if (!KeyHashes.names().contains(name)) {
      throw new IllegalArgumentException("unknown hash '" + name + "' (one of: "
          + String.join(", ", KeyHashes.names()) + ")");
    }
    return KeyHashes.byName(name);
  }

  /**
   * The distribution Twemproxy calls {@code name}.
   *
   * @throws IllegalArgumentException for a name Twemproxy does not have, listing those it has
   */
  public static Distribution distribution(String name) {
    for (Distribution distribution : Distribution.values()) {
      if (distribution.configName().equals(name)) {
        return distribution;
      }
    }
    throw new IllegalArgumentException("unknown distribution '" + name + "' (one of: "
        + Arrays.stream(Distribution.values()).map(Distribution::configName).collect(Collectors.joining(", ")) + ")");
  }

  /**
   * A hash tag: two characters, the first opening and the second closing the hashed part of a key.
   *
   * @throws IllegalArgumentException unless {@code text} is two single-byte characters
   */
  public static HashTag hashTag(String text) {
    if (text.length() != 2 || text.getBytes(StandardCharsets.UTF_8).length != 2) {
      throw new IllegalArgumentException("must be two single-byte characters, such as \"{}\" (was '" + text + "')");
    }
    return HashTag.of(text);
  }

  /** Twemproxy's {@code nc_atoi}: the value of a non-empty run of decimal digits, else -1. */
  private static int digits(String text) {
    if (text.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
      if (value > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return (int) value;
  }


  /** Turns one pool's settings into a {@link PoolConfig}, with Twemproxy's defaults. */
  private static final class PoolReader {

    private final String origin;
    private final NutcrackerYaml.RawPool pool;

    PoolReader(String origin, NutcrackerYaml.RawPool pool) {
      this.origin = origin;
      this.pool = pool;
    }

    PoolConfig read() {
      for (String key : pool.settings().keySet()) {
        if (!KEYS.contains(key)) {
          throw fail(key, "unknown key (one of: " + String.join(", ", KEYS) + ")");
        }
      }
      boolean redis = bool("redis", false);
      if (bool("tcpkeepalive", false)) {
        throw fail("tcpkeepalive", "true is not supported yet (cachefleet does not set SO_KEEPALIVE on "
            + "server connections); remove it or set it to false");
      }
      PoolConfig.ListenAddress listen = listenAddress();
      KeyHash hash = parsed("hash", NutcrackerConfig::hash, "fnv1a_64");
      HashTag hashTag = text("hash_tag", null) == null ? HashTag.NONE
          : parsed("hash_tag", NutcrackerConfig::hashTag, null);
      Distribution distribution = parsed("distribution", NutcrackerConfig::distribution, "ketama");
      Duration timeout = Duration.ofMillis(number("timeout", 0));
      int backlog = number("backlog", PoolConfig.DEFAULT_BACKLOG);
      int clientConnections = number("client_connections", 0);
      String redisAuth = text("redis_auth", "");
      int redisDb = number("redis_db", 0);
      boolean preconnect = bool("preconnect", false);
      boolean autoEjectHosts = bool("auto_eject_hosts", false);
      int serverConnections = number("server_connections", PoolConfig.DEFAULT_SERVER_CONNECTIONS);
      Duration serverRetryTimeout = Duration.ofMillis(number("server_retry_timeout",
          (int) PoolConfig.DEFAULT_SERVER_RETRY_TIMEOUT.toMillis()));
      int serverFailureLimit = number("server_failure_limit", PoolConfig.DEFAULT_SERVER_FAILURE_LIMIT);
      List<Member> servers = servers();
      try {
        return new PoolConfig(pool.name(), listen, hash, hashTag, distribution, timeout, backlog,
            clientConnections, redis, redisAuth, redisDb, preconnect, autoEjectHosts, serverConnections,
            serverRetryTimeout, serverFailureLimit, servers);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(origin + ": " + pool.name() + "." + e.getMessage());
      }
    }

    private PoolConfig.ListenAddress listenAddress() {
      if (text("listen", null) == null) {
        throw fail("listen", "is required (host:port)");
      }
      return parsed("listen", text -> listen(text, 1), null);
    }

    private List<Member> servers() {
      NutcrackerYaml.Setting setting = pool.settings().get("servers");
      if (setting == null) {
        throw fail("servers", "is required: a list of " + SERVER_FORMAT + " lines");
      }
      if (setting.values() == null) {
        throw fail("servers", "must be a list of " + SERVER_FORMAT + " lines, one per line starting with '- '");
      }
      List<Member> servers = new ArrayList<>();
      for (String line : setting.values()) {
        try {
          servers.add(server(line));
        } catch (IllegalArgumentException e) {
          throw fail("servers[" + servers.size() + "]", e.getMessage());
        }
      }
      return servers;
    }

    private <T> T parsed(String key, Function<String, T> parser, String fallback) {
      String value = text(key, fallback);
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException e) {
        throw fail(key, e.getMessage());
      }
    }

    private int number(String key, int fallback) {
      String value = text(key, null);
      if (value == null) {
        return fallback;
      }
      int n = digits(value);
      if (n < 0) {
        throw fail(key, "must be a whole number within 0.." + Integer.MAX_VALUE + " (was '" + value + "')");
      }
      return n;
    }

    private boolean bool(String key, boolean fallback) {
      String value = text(key, null);
      if (value == null) {
        return fallback;
      }
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default -> throw fail(key, "must be true or false (was '" + value + "')");
      };
    }

    private String text(String key, String fallback) {
      NutcrackerYaml.Setting setting = pool.settings().get(key);
      if (setting == null) {
        return fallback;
      }
      if (setting.value() == null) {
        throw fail(key, "must be a single value, not a list");
      }
      return setting.value();
    }

    private IllegalArgumentException fail(String key, String reason) {
      return new IllegalArgumentException(origin + ": " + pool.name() + "." + key + ": " + reason);
    }
  }
}
