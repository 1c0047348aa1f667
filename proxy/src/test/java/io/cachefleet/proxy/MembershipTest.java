package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.Membership;
import io.cachefleet.discovery.NodeDirectory;
import io.cachefleet.node.Node;
import io.cachefleet.node.NodeConfig;
import io.cachefleet.proxy.backend.Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pool whose members come from a directory, and follow each change it reports. */
class MembershipTest {

  private final List<Node> nodes = new ArrayList<>();
  private final List<Member> members = new ArrayList<>();
  private final Directory directory = new Directory();
  private Proxy proxy;

  @BeforeEach
  void start() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      Node node = Node.start(NodeConfig.defaults(0));
      nodes.add(node);
      members.add(Member.named("node-" + i, "127.0.0.1", node.port(), 1));
    }
    directory.publish(members.get(0), members.get(1));
    PoolConfig fromDirectory = ProxyHarness.pool(List.of(), "cachefleet-node");
    proxy = Proxy.start(new ProxyConfig(2, "127.0.0.1", -1, List.of(fromDirectory)), pool -> directory);
  }

  @AfterEach
  void stop() {
    proxy.close();
    nodes.forEach(Node::close);
  }

  @Test
  void aMemberThatJoins_takesItsShareOfTheKeys() throws InterruptedException {
    try (RespClient c = client()) {
      for (int i = 0; i < 100; i++) {
        assertThat(c.call("SET", "k" + i, "v")).isEqualTo("+OK\r\n");
      }
      assertThat(keysOnNode(2)).isZero();

      directory.publish(members.get(0), members.get(1), members.get(2));
      assertThat(proxy.pools().get(0).router().backends()).hasSize(3);
      String moved = keyRoutedTo("node-2");
      assertThat(c.call("SET", moved, "new")).isEqualTo("+OK\r\n");
      assertThat(c.call("GET", moved)).isEqualTo("$3\r\nnew\r\n");
      try (RespClient d = new RespClient(nodes.get(2).port())) {
        assertThat(d.call("GET", moved)).isEqualTo("$3\r\nnew\r\n");
      }
    }
  }

  @Test
  void aMemberThatLeaves_isRoutedAround_andItsConnectionsClose() throws InterruptedException {
    try (RespClient c = client()) {
      String onZero = keyRoutedTo("node-0");
      assertThat(c.call("SET", onZero, "v")).isEqualTo("+OK\r\n");
      assertThat(connectedClients(0)).isPositive();

      directory.publish(members.get(1));
      assertThat(c.call("GET", onZero)).isEqualTo("$-1\r\n");
      assertThat(c.call("SET", onZero, "w")).isEqualTo("+OK\r\n");
      try (RespClient d = new RespClient(nodes.get(1).port())) {
        assertThat(d.call("GET", onZero)).isEqualTo("$1\r\nw\r\n");
      }
      // the proxy's connections to node 0 close; the one left is the client asking
      Await.until(() -> connectedClients(0) == 1);
      assertThat(c.call("DBSIZE")).isEqualTo(":1\r\n");
    }
  }

  @Test
  void aMemberThatComesBack_isServedOnNewConnections() throws InterruptedException {
    try (RespClient c = client()) {
      String onZero = keyRoutedTo("node-0");
      assertThat(c.call("SET", onZero, "first")).isEqualTo("+OK\r\n");
      directory.publish(members.get(1));
      Await.until(() -> connectedClients(0) == 1);

      directory.publish(members.get(0), members.get(1));
      assertThat(c.call("GET", onZero)).isEqualTo("$5\r\nfirst\r\n");
      assertThat(proxy.pools().get(0).router().backends()).extracting(Backend::name)
          .containsExactly("node-0", "node-1");
    }
  }

  @Test
  void aTransactionOnAMemberThatLeaves_endsOnThatMember_whileANewMemberTakesItsId() throws InterruptedException {
    try (RespClient c = client()) {
      String onZero = keyRoutedTo("node-0");
      assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
      assertThat(c.call("SET", onZero, "queued")).isEqualTo("+QUEUED\r\n");

      directory.publish(members.get(1), members.get(2));
      // node-0's connections retired on every loop: its id is free, and node-3 (the same server
      // under another name) takes it
      Await.until(() -> connectedClients(0) == 1);
      directory.publish(members.get(1), members.get(2), Member.named("node-3", "127.0.0.1", nodes.get(0).port(), 1));
      assertThat(proxy.pools().get(0).router().backends()).extracting(Backend::name, Backend::id)
          .contains(tuple("node-3", 0));
      assertThat(c.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
      try (RespClient d = new RespClient(nodes.get(0).port())) {
        assertThat(d.call("GET", onZero)).isEqualTo("$6\r\nqueued\r\n");
      }
      String onThree = keyRoutedTo("node-3");
      assertThat(c.call("SET", onThree, "new")).isEqualTo("+OK\r\n");
      assertThat(c.call("GET", onThree)).isEqualTo("$3\r\nnew\r\n");
      // the transaction's connection closed once answered: left are node-3's and the one asking
      Await.until(() -> connectedClients(0) == 2);
    }
  }

  @Test
  void thePoolsPort_opensOnceItsFirstMembersArrive() throws InterruptedException {
    Directory late = new Directory();
    CompletableFuture.runAsync(() -> late.publish(members.get(2)),
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    try (Proxy p = Proxy.start(new ProxyConfig(1, "127.0.0.1", -1, List.of(ProxyHarness.pool(List.of(),
        "cachefleet-node"))), pool -> late);
         RespClient c = new RespClient(p.port(ProxyHarness.POOL))) {
      assertThat(c.call("SET", "first", "request")).isEqualTo("+OK\r\n");
    }
  }

  @Test
  void anOlderMembership_isIgnored() {
    directory.publish(new Membership(0, List.of(members.get(2))));
    assertThat(proxy.pools().get(0).router().backends()).extracting(Backend::name)
        .containsExactly("node-0", "node-1");
  }

  @Test
  void aPoolWithoutServers_needsADirectory() {
    PoolConfig p = proxy.pools().get(0).config();
    assertThatThrownBy(() -> Proxy.start(new ProxyConfig(1, "127.0.0.1", -1, List.of(p))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Consul service 'cachefleet-node'");
  }

  private RespClient client() {
    return new RespClient(proxy.port(ProxyHarness.POOL));
  }

  private String keyRoutedTo(String member) {
    return ProxyHarness.keyRoutedTo(proxy, member);
  }

  private int keysOnNode(int node) {
    try (RespClient d = new RespClient(nodes.get(node).port())) {
      String reply = d.call("DBSIZE");
      return Integer.parseInt(reply.substring(1, reply.length() - 2));
    }
  }

  private int connectedClients(int node) {
    try (RespClient d = new RespClient(nodes.get(node).port())) {
      String info = d.call("INFO", "clients");
      int at = info.indexOf("connected_clients:") + "connected_clients:".length();
      return Integer.parseInt(info.substring(at, info.indexOf('\r', at)));
    }
  }

  /** Memberships published by the test, each with the next version. */
  private static final class Directory implements NodeDirectory {
    private final List<Consumer<Membership>> listeners = new CopyOnWriteArrayList<>();
    private volatile Membership current = new Membership(0, List.of());

    void publish(Member... members) {
      publish(new Membership(current.version() + 1, List.of(members)));
    }

    void publish(Membership next) {
      if (next.version() > current.version()) {
        current = next;
      }
      listeners.forEach(l -> l.accept(next));
    }

    @Override
    public Membership current() {
      return current;
    }

    @Override
    public AutoCloseable watch(Consumer<Membership> listener) {
      listeners.add(listener);
      return () -> listeners.remove(listener);
    }

    @Override
    public Status status() {
      return new Status("test", true, current.version(), null, false, 0);
    }

    @Override
    public void close() {
      listeners.clear();
    }
  }
}
