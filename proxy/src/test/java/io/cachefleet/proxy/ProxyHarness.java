package io.cachefleet.proxy;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.discovery.ring.KeyHashes;
import io.cachefleet.node.Node;
import io.cachefleet.node.NodeConfig;
import io.cachefleet.proxy.PoolConfig.ListenAddress;
import io.cachefleet.proxy.backend.Backend;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A proxy in this JVM in front of memory nodes in this JVM, each on a free port: the real
 * servers, talking over real sockets.
 */
final class ProxyHarness implements AutoCloseable {

  static final String POOL = "alpha";

  final List<Node> nodes = new ArrayList<>();
  final Proxy proxy;
  final PoolConfig pool;

  ProxyHarness(int nodeCount) {
    this(nodeCount, null, UnaryOperator.identity());
  }

  /**
   * Starts {@code nodeCount} nodes, requiring {@code nodePassword} when not null, and a proxy
   * whose pool {@code customize} may change.
   */
  ProxyHarness(int nodeCount, String nodePassword, UnaryOperator<PoolConfig> customize) {
    this(nodeCount, nodePassword, customize, 1, -1);
  }

  /**
   * As above, with a proxy of {@code ioThreads} event loops whose stats port is {@code statsPort}:
   * 0 for a free port, -1 for none.
   */
  ProxyHarness(int nodeCount, String nodePassword, UnaryOperator<PoolConfig> customize, int ioThreads,
               int statsPort) {
    try {
      List<Member> servers = new ArrayList<>();
      for (int i = 0; i < nodeCount; i++) {
        NodeConfig d = NodeConfig.defaults(0);
        Node node = Node.start(new NodeConfig(d.name(), d.bind(), d.port(), d.ioThreads(), d.maxMemory(), d.policy(),
            nodePassword, d.limits(), d.hz(), d.maxClients()));
        nodes.add(node);
        servers.add(Member.of("127.0.0.1", node.port(), 1));
      }
      pool = customize.apply(pool(servers));
      proxy = Proxy.start(new ProxyConfig(ioThreads, "127.0.0.1", statsPort,
          List.of(pool)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * A ketama pool over {@code servers}, hashing with md5: Twemproxy's default fnv1a_64 puts short
   * keys that differ only in their last characters (k1, k2, ...) close together on the ring, so
   * the few keys a test writes could all land on one backend.
   */
  static PoolConfig pool(List<Member> servers) {
    return pool(servers, "");
  }

  /** As above, with its servers from the Consul service {@code consulService} when that is not empty. */
  static PoolConfig pool(List<Member> servers, String consulService) {
    return new PoolConfig(POOL, new ListenAddress("127.0.0.1", 0), KeyHashes.byName("md5"), HashTag.NONE,
        Distribution.KETAMA, Duration.ZERO, PoolConfig.DEFAULT_BACKLOG, 0, true, "", 0, false, false,
        PoolConfig.DEFAULT_SERVER_CONNECTIONS, PoolConfig.DEFAULT_SERVER_RETRY_TIMEOUT,
        PoolConfig.DEFAULT_SERVER_FAILURE_LIMIT, servers, consulService);
  }

  /** A new client of the proxy. */
  RespClient client() {
    return new RespClient(proxy.port(POOL));
  }

  /** A new client of node {@code i}, bypassing the proxy. */
  RespClient direct(int i) {
    return new RespClient(nodes.get(i).port());
  }

  /** The node the proxy routes {@code key} to, by its ring (the nodes are its servers, in order). */
  int routesTo(String key) {
    return route(proxy, key).id();
  }

  /** The member {@code proxy}'s first pool routes {@code key} to, or null when none is live. */
  static Backend route(Proxy proxy, String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return proxy.pools().get(0).router().route(Unpooled.wrappedBuffer(bytes), 0, bytes.length);
  }

  /** A key {@code proxy}'s first pool routes to the member named {@code member}, or any key while none is live. */
  static String keyRoutedTo(Proxy proxy, String member) {
    for (int i = 0; ; i++) {
      Backend b = route(proxy, "key" + i);
      if (b == null || b.name().equals(member)) {
        return "key" + i;
      }
    }
  }

  /** {@code count} distinct keys {@code prefix0, prefix1, ...} that the proxy routes to node {@code node}. */
  String[] keysOn(int node, String prefix, int count) {
    String[] keys = new String[count];
    for (int i = 0, found = 0; found < count; i++) {
      if (routesTo(prefix + i) == node) {
        keys[found++] = prefix + i;
      }
    }
    return keys;
  }

  /** The node holding {@code key}, asked directly. */
  int owner(String key) {
    for (int n = 0; n < nodes.size(); n++) {
      try (RespClient d = direct(n)) {
        if (d.call("EXISTS", key).equals(":1\r\n")) {
          return n;
        }
      }
    }
    throw new AssertionError(key + " is on no backend");
  }

  @Override
  public void close() {
    proxy.close();
    nodes.forEach(Node::close);
  }
}
