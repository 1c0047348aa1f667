package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CLIENT INFO, LIST and KILL about the proxy's own clients, with Redis's fields and replies. */
class ClientCommandsTest {

  private static ProxyHarness h;

  @BeforeAll
  static void start() {
    h = new ProxyHarness(2, null, UnaryOperator.identity(), 2, -1); // clients on two event loops
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @Test
  void clientInfo_describesTheCallerInRedisFields() {
    try (RespClient c = h.client()) {
      String id = c.call("CLIENT", "ID").substring(1).trim();
      String line = "id=" + id + " addr=127.0.0.1:" + c.localPort() + " laddr=127.0.0.1:" + port()
          + " fd=-1 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0"
          + " multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=client|info user=default redir=-1"
          + " resp=2\n";
      assertThat(c.call("CLIENT", "INFO")).isEqualTo(bulk(line));
      assertThat(c.call("HELLO", "3", "SETNAME", "worker")).startsWith("%7");
      assertThat(c.call("CLIENT", "INFO")).startsWith("=").contains(" name=worker ").endsWith(" resp=3\n\r\n");
    }
  }

  @Test
  void clientList_showsEveryClientOfThePool_inIdOrder_andFiltersByTypeAndId() {
    List<RespClient> clients = new ArrayList<>();
    try (RespClient c = h.client(); RespClient subscriber = h.client()) {
      for (int i = 0; i < 4; i++) {
        clients.add(h.client());
        assertThat(clients.get(i).call("CLIENT", "SETNAME", "c" + i)).isEqualTo("+OK\r\n");
      }
      assertThat(subscriber.call("SUBSCRIBE", "news")).isEqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
      String list = c.call("CLIENT", "LIST");
      assertThat(list).containsSubsequence(" name=c0 ", " name=c1 ", " name=c2 ", " name=c3 ")
          .contains(" cmd=client|list ", " cmd=client|setname ", " cmd=subscribe ");
      assertThat(ids(list)).isSorted().hasSizeGreaterThanOrEqualTo(6);

      String pubsub = c.call("CLIENT", "LIST", "TYPE", "pubsub");
      assertThat(pubsub).contains(" addr=127.0.0.1:" + subscriber.localPort() + " ", " flags=P ", " sub=1 psub=0 ");
      assertThat(ids(pubsub)).hasSize(1);
      assertThat(c.call("CLIENT", "LIST", "TYPE", "normal")).doesNotContain(" flags=P ").contains(" name=c3 ");
      assertThat(c.call("CLIENT", "LIST", "TYPE", "master")).isEqualTo(bulk(""));

      String id1 = clients.get(1).call("CLIENT", "ID").substring(1).trim();
      String id3 = clients.get(3).call("CLIENT", "ID").substring(1).trim();
      assertThat(ids(c.call("CLIENT", "LIST", "ID", id3, id1, "0", "999999"))).containsExactly(
          Long.parseLong(id1), Long.parseLong(id3));

      assertThat(c.call("CLIENT", "LIST", "ID", "x")).isEqualTo("-ERR Invalid client ID\r\n");
      assertThat(c.call("CLIENT", "LIST", "TYPE", "nosuch")).isEqualTo("-ERR Unknown client type 'nosuch'\r\n");
      assertThat(c.call("CLIENT", "LIST", "FOO")).isEqualTo("-ERR syntax error\r\n");
    } finally {
      clients.forEach(RespClient::close);
    }
  }

  @Test
  void clientKill_closesTheClientsNamed_andAnswersAsRedisDoes() {
    try (RespClient c = h.client(); RespClient byId = h.client(); RespClient byAddr = h.client();
         RespClient self = h.client()) {
      String id = byId.call("CLIENT", "ID").substring(1).trim();
      assertThat(c.call("CLIENT", "KILL", "ID", id)).isEqualTo(":1\r\n");
      assertThat(byId.isClosedByServer()).isTrue();
      assertThat(c.call("CLIENT", "KILL", "ID", id)).isEqualTo(":0\r\n");

      assertThat(byAddr.call("PING")).isEqualTo("+PONG\r\n");
      assertThat(c.call("CLIENT", "KILL", "127.0.0.1:" + byAddr.localPort())).isEqualTo("+OK\r\n");
      assertThat(byAddr.isClosedByServer()).isTrue();
      assertThat(c.call("CLIENT", "KILL", "127.0.0.1:" + byAddr.localPort())).isEqualTo("-ERR No such client\r\n");

      String own = self.call("CLIENT", "ID").substring(1).trim();
      assertThat(self.call("CLIENT", "KILL", "ID", own)).isEqualTo(":0\r\n");
      self.raw(RespClient.encode("CLIENT", "KILL", "ID", own, "SKIPME", "no") + RespClient.encode("PING"));
      assertThat(self.read()).isEqualTo(":1\r\n");
      assertThat(self.isClosedByServer()).isTrue();

      assertThat(c.call("CLIENT", "KILL", "ID", "0")).isEqualTo("-ERR client-id should be greater than 0\r\n");
      assertThat(c.call("CLIENT", "KILL", "TYPE", "foo")).isEqualTo("-ERR Unknown client type 'foo'\r\n");
      assertThat(c.call("CLIENT", "KILL", "USER", "nobody")).isEqualTo("-ERR No such user 'nobody'\r\n");
      assertThat(c.call("CLIENT", "KILL", "SKIPME", "maybe")).isEqualTo("-ERR syntax error\r\n");
      assertThat(c.call("CLIENT", "KILL", "LADDR", "127.0.0.1:1")).isEqualTo(":0\r\n");
      assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
    }
  }

  private static int port() {
    return h.proxy.port(ProxyHarness.POOL);
  }

  /** The ids of a CLIENT LIST reply, in the order listed. */
  private static List<Long> ids(String reply) {
    List<Long> ids = new ArrayList<>();
    for (String part : reply.split("[\\s]")) {
      if (part.startsWith("id=")) {
        ids.add(Long.parseLong(part.substring(3)));
      }
    }
    return ids;
  }

  private static String bulk(String text) {
    return "$" + text.length() + "\r\n" + text + "\r\n";
  }
}
