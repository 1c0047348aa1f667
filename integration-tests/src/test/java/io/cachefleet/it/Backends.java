package io.cachefleet.it;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.Jedis;

/**
 * redis-server processes behind a proxy, asked directly rather than through the proxy: where a
 * key really is, what a backend really holds.
 */
final class Backends implements AutoCloseable {

  private final List<ServerProcess> servers;

  private Backends(List<ServerProcess> servers) {
    this.servers = servers;
  }

  /** Starts {@code n} redis-server processes. */
  static Backends start(int n) {
    List<ServerProcess> servers = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        servers.add(ServerProcess.redis());
      }
    } catch (RuntimeException | Error e) {
      servers.forEach(ServerProcess::close);
      throw e;
    }
    return new Backends(servers);
  }

  int size() {
    return servers.size();
  }

  int port(int backend) {
    return servers.get(backend).port();
  }

  /** A connection straight to one backend. */
  Jedis direct(int backend) {
    return new Jedis("127.0.0.1", port(backend));
  }

  /** The backends (by index) that hold {@code key}. */
  Set<Integer> holders(String key) {
    Set<Integer> holders = new HashSet<>();
    for (int b = 0; b < servers.size(); b++) {
      try (Jedis direct = direct(b)) {
        if (direct.exists(key)) {
          holders.add(b);
        }
      }
    }
    return holders;
  }

  /** The keys matching {@code pattern} on one backend. */
  Set<String> keys(int backend, String pattern) {
    try (Jedis direct = direct(backend)) {
      return direct.keys(pattern);
    }
  }

  void flushAll() {
    for (int b = 0; b < servers.size(); b++) {
      try (Jedis direct = direct(b)) {
        direct.flushAll();
      }
    }
  }

  @Override
  public void close() {
    servers.forEach(ServerProcess::close);
  }
}
