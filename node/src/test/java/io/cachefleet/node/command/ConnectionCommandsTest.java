package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.node.store.EvictionPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection commands against replies recorded from Redis 7.0.15. */
class ConnectionCommandsTest {

  private static final String SYNTAX = error("ERR syntax error");
  private static final String NOAUTH = error("NOAUTH Authentication required.");
  private static final String WRONGPASS = error("WRONGPASS invalid username-password pair or user is disabled.");
  private static final String HELLO_NOAUTH = error("NOAUTH HELLO must be called with the client already "
      + "authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and "
      + "select the RESP protocol version at the same time");

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  private static long id(NodeHarness.Client client) {
    String reply = client.call("CLIENT", "ID");
    return Long.parseLong(reply.substring(1, reply.length() - 2));
  }

  /** HELLO's reply: a map in RESP3, a flat array in RESP2. */
  private static String hello(int proto, long id) {
    return (proto == 3 ? "%7\r\n" : "*14\r\n") + bulk("server") + bulk("redis") + bulk("version") + bulk("7.0.15")
        + bulk("proto") + integer(proto) + bulk("id") + integer(id) + bulk("mode") + bulk("standalone")
        + bulk("role") + bulk("master") + bulk("modules") + "*0\r\n";
  }

  /** Clients described by a CLIENT LIST reply: every line starts after a newline. */
  private static int lines(String reply) {
    return reply.split("\nid=", -1).length - 1;
  }

  // ---------------------------------------------------------------- PING / ECHO / SELECT

  @Test
  void ping_pongOrEcho() {
    assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
    assertThat(c.call("PING", "hi")).isEqualTo(bulk("hi"));
    assertThat(c.call("PING", "a", "b")).isEqualTo(error("ERR wrong number of arguments for 'ping' command"));
  }

  @Test
  void ping_inlineForm() {
    assertThat(c.send("PING\r\n")).isEqualTo("+PONG\r\n");
    assertThat(c.send("PING hello\r\n")).isEqualTo(bulk("hello"));
  }

  @Test
  void unknownCommand_namesItsArguments() {
    assertThat(c.call("FOO", "a")).isEqualTo(error("ERR unknown command 'FOO', with args beginning with: 'a' "));
  }

  @Test
  void echo_returnsArgument() {
    assertThat(c.call("ECHO", "x y")).isEqualTo(bulk("x y"));
    assertThat(c.call("ECHO")).isEqualTo(error("ERR wrong number of arguments for 'echo' command"));
  }

  @Test
  void select_onlyDatabaseZero() {
    assertThat(c.call("SELECT", "0")).isEqualTo(ok());
    assertThat(c.call("SELECT", "1")).isEqualTo(error("ERR DB index is out of range"));
    assertThat(c.call("SELECT", "-1")).isEqualTo(error("ERR DB index is out of range"));
    assertThat(c.call("SELECT", "x")).isEqualTo(error("ERR value is not an integer or out of range"));
    assertThat(c.call("SELECT", "99999999999"))
        .isEqualTo(error("ERR value is out of range, value must between -2147483648 and 2147483647"));
  }

  // ---------------------------------------------------------------- HELLO

  @Test
  void hello_switchesProtocol() {
    long id = id(c);
    assertThat(c.call("HELLO")).isEqualTo(hello(2, id));
    assertThat(c.call("HELLO", "3")).isEqualTo(hello(3, id));
    assertThat(c.call("GET", "k")).isEqualTo("_\r\n");
    assertThat(c.call("HELLO")).isEqualTo(hello(3, id));
    assertThat(c.call("HELLO", "2")).isEqualTo(hello(2, id));
    assertThat(c.call("GET", "k")).isEqualTo(nil());
  }

  @Test
  void hello_badVersions() {
    assertThat(c.call("HELLO", "4")).isEqualTo(error("NOPROTO unsupported protocol version"));
    assertThat(c.call("HELLO", "1")).isEqualTo(error("NOPROTO unsupported protocol version"));
    assertThat(c.call("HELLO", "-1")).isEqualTo(error("NOPROTO unsupported protocol version"));
    assertThat(c.call("HELLO", "x")).isEqualTo(error("ERR Protocol version is not an integer or out of range"));
    assertThat(c.call("GET", "k")).isEqualTo(nil());
  }

  @Test
  void hello_badOptions() {
    assertThat(c.call("HELLO", "3", "SETNAME")).isEqualTo(error("ERR Syntax error in HELLO option 'SETNAME'"));
    assertThat(c.call("HELLO", "3", "FOO")).isEqualTo(error("ERR Syntax error in HELLO option 'FOO'"));
    assertThat(c.call("HELLO", "2", "AUTH", "default")).isEqualTo(error("ERR Syntax error in HELLO option 'AUTH'"));
    assertThat(c.call("HELLO", "3", "SETNAME", "a b"))
        .isEqualTo(error("ERR Client names cannot contain spaces, newlines or special characters."));
    assertThat(c.call("GET", "k")).isEqualTo(nil());
  }

  @Test
  void hello_setnameAndAuth() {
    long id = id(c);
    assertThat(c.call("HELLO", "2", "SETNAME", "n1")).isEqualTo(hello(2, id));
    assertThat(c.call("CLIENT", "GETNAME")).isEqualTo(bulk("n1"));
    assertThat(c.call("HELLO", "2", "SETNAME", "")).isEqualTo(hello(2, id));
    assertThat(c.call("CLIENT", "GETNAME")).isEqualTo(nil());
    assertThat(c.call("HELLO", "2", "AUTH", "default", "anything")).isEqualTo(hello(2, id));
    assertThat(c.call("HELLO", "2", "AUTH", "bob", "x")).isEqualTo(WRONGPASS);
    assertThat(c.call("HELLO", "3", "AUTH", "default", "anything", "SETNAME", "nm")).isEqualTo(hello(3, id));
    assertThat(c.call("CLIENT", "GETNAME")).isEqualTo(bulk("nm"));
  }

  // ---------------------------------------------------------------- AUTH

  @Test
  void auth_withoutRequirepass() {
    assertThat(c.call("AUTH", "x")).isEqualTo(error("ERR AUTH <password> called without any password configured "
        + "for the default user. Are you sure your configuration is correct?"));
    assertThat(c.call("AUTH", "default", "x")).isEqualTo(ok());
    assertThat(c.call("AUTH", "bob", "x")).isEqualTo(WRONGPASS);
    assertThat(c.call("AUTH", "a", "b", "c")).isEqualTo(SYNTAX);
  }

  @Test
  void auth_requirepass_noauthUntilAuthenticated() {
    NodeHarness secured = new NodeHarness(0, EvictionPolicy.NOEVICTION, "secret");
    try (NodeHarness.Client s = secured.client()) {
      assertThat(s.call("GET", "k")).isEqualTo(NOAUTH);
      assertThat(s.call("PING")).isEqualTo(NOAUTH);
      assertThat(s.call("CLIENT", "ID")).isEqualTo(NOAUTH);
      assertThat(s.call("HELLO", "3")).isEqualTo(HELLO_NOAUTH);
      assertThat(s.call("HELLO")).isEqualTo(HELLO_NOAUTH);
      assertThat(s.call("AUTH", "wrong")).isEqualTo(WRONGPASS);
      assertThat(s.call("AUTH", "default", "wrong")).isEqualTo(WRONGPASS);
      assertThat(s.call("HELLO", "3", "AUTH", "default", "wrong")).isEqualTo(WRONGPASS);
      assertThat(s.call("GET", "k")).isEqualTo(NOAUTH);
      assertThat(s.call("AUTH", "secret")).isEqualTo(ok());
      assertThat(s.call("GET", "k")).isEqualTo(nil());
      assertThat(s.call("AUTH", "wrong")).isEqualTo(WRONGPASS);
      assertThat(s.call("GET", "k")).isEqualTo(nil());
    }
  }

  @Test
  void auth_helloAuthenticatesAndSwitches() {
    NodeHarness secured = new NodeHarness(0, EvictionPolicy.NOEVICTION, "secret");
    try (NodeHarness.Client s = secured.client()) {
      String reply = s.call("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "x");
      assertThat(reply).startsWith("%7\r\n");
      assertThat(s.call("GET", "k")).isEqualTo("_\r\n");
      assertThat(s.call("CLIENT", "GETNAME")).isEqualTo(bulk("x"));
      assertThat(s.call("RESET")).isEqualTo("+RESET\r\n");
      assertThat(s.call("GET", "k")).isEqualTo(NOAUTH);
      assertThat(s.call("AUTH", "default", "secret")).isEqualTo(ok());
      assertThat(s.call("GET", "k")).isEqualTo(nil());
    }
  }

  // ---------------------------------------------------------------- QUIT / RESET

  @Test
  void quit_repliesThenCloses() {
    assertThat(c.call("QUIT")).isEqualTo(ok());
    assertThat(c.isOpen()).isFalse();
  }

  @Test
  void reset_clearsConnectionState() {
    c.call("HELLO", "3");
    c.call("CLIENT", "SETNAME", "n");
    c.call("WATCH", "w");
    c.call("MULTI");
    c.call("SET", "k", "v");
    assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
    assertThat(c.call("EXEC")).isEqualTo(error("ERR EXEC without MULTI"));
    assertThat(c.call("CLIENT", "GETNAME")).isEqualTo(nil());
    assertThat(c.call("GET", "k")).isEqualTo(nil());
    c.call("SUBSCRIBE", "ch");
    assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
    assertThat(c.call("GET", "k")).isEqualTo(nil());
    assertThat(c.call("PUBSUB", "NUMSUB", "ch")).isEqualTo("*2\r\n" + bulk("ch") + integer(0));
  }

  // ---------------------------------------------------------------- CLIENT

  @Test
  void clientId_increasesPerConnection() {
    long first = id(c);
    try (NodeHarness.Client other = h.client()) {
      assertThat(id(other)).isEqualTo(first + 1);
    }
    assertThat(id(c)).isEqualTo(first);
  }

  @Test
  void clientSetname_validatesAndClears() {
    assertThat(c.call("CLIENT", "GETNAME")).isEqualTo(nil());
    assertThat(c.call("CLIENT", "SETNAME", "abc")).isEqualTo(ok());
    assertThat(c.call("CLIENT", "GETNAME")).isEqualTo(bulk("abc"));
    assertThat(c.call("CLIENT", "SETNAME", "a b"))
        .isEqualTo(error("ERR Client names cannot contain spaces, newlines or special characters."));
    assertThat(c.call("CLIENT", "SETNAME", "caf\u00e9"))
        .isEqualTo(error("ERR Client names cannot contain spaces, newlines or special characters."));
    assertThat(c.call("CLIENT", "GETNAME")).isEqualTo(bulk("abc"));
    assertThat(c.call("CLIENT", "SETNAME", "")).isEqualTo(ok());
    assertThat(c.call("CLIENT", "GETNAME")).isEqualTo(nil());
    assertThat(c.call("CLIENT", "SETNAME")).isEqualTo(error("ERR wrong number of arguments for 'client|setname' command"));
    assertThat(c.call("CLIENT", "SETNAME", "x", "y"))
        .isEqualTo(error("ERR wrong number of arguments for 'client|setname' command"));
  }

  @Test
  void clientInfo_describesCaller() {
    c.call("CLIENT", "SETNAME", "me");
    long id = id(c);
    String info = c.call("CLIENT", "INFO");
    String line = info.substring(info.indexOf("\r\n") + 2, info.length() - 2);
    assertThat(info).startsWith("$" + line.length() + "\r\n");
    assertThat(line).matches("id=" + id + " addr=\\S+ laddr=\\S+ fd=-?\\d+ name=me age=0 idle=0 flags=N db=0 sub=0 "
        + "psub=0 ssub=0 multi=-1 qbuf=\\d+ qbuf-free=\\d+ argv-mem=\\d+ multi-mem=\\d+ rbs=\\d+ rbp=\\d+ obl=\\d+ "
        + "oll=\\d+ omem=\\d+ tot-mem=\\d+ events=r cmd=client\\|info user=default redir=-1 resp=2\n");
  }

  @Test
  void clientInfo_resp3Verbatim() {
    c.call("HELLO", "3");
    String info = c.call("CLIENT", "INFO");
    String text = info.substring(info.indexOf("\r\n") + 2, info.length() - 2);
    assertThat(info).startsWith("=" + text.length() + "\r\ntxt:id=");
    assertThat(text).endsWith(" resp=3\n");
  }

  @Test
  void clientList_allAndFiltered() {
    try (NodeHarness.Client other = h.client()) {
      long otherId = id(other);
      other.call("SUBSCRIBE", "ch");
      assertThat(lines(c.call("CLIENT", "LIST"))).isEqualTo(2);
      String pubsub = c.call("CLIENT", "LIST", "TYPE", "pubsub");
      assertThat(pubsub).contains("id=" + otherId + " ").contains(" flags=P ").contains(" sub=1 psub=0 ");
      assertThat(lines(pubsub)).isEqualTo(1);
      String normal = c.call("CLIENT", "LIST", "TYPE", "normal");
      assertThat(normal).doesNotContain("id=" + otherId + " ").contains("cmd=client|list");
      assertThat(c.call("CLIENT", "LIST", "TYPE", "replica")).isEqualTo(bulk(""));
      assertThat(c.call("CLIENT", "LIST", "ID", Long.toString(otherId), "999")).contains("id=" + otherId + " ");
      assertThat(c.call("CLIENT", "LIST", "ID", "0")).isEqualTo(bulk(""));
    }
  }

  @Test
  void clientList_multiFlag() {
    try (NodeHarness.Client other = h.client()) {
      long otherId = id(other);
      other.call("MULTI");
      other.call("SET", "a", "1");
      assertThat(c.call("CLIENT", "LIST", "ID", Long.toString(otherId)))
          .contains(" flags=x ").contains(" multi=1 ");
    }
  }

  @Test
  void clientList_errors() {
    assertThat(c.call("CLIENT", "LIST", "TYPE", "foo")).isEqualTo(error("ERR Unknown client type 'foo'"));
    assertThat(c.call("CLIENT", "LIST", "ID")).isEqualTo(SYNTAX);
    assertThat(c.call("CLIENT", "LIST", "ID", "abc")).isEqualTo(error("ERR Invalid client ID"));
    assertThat(c.call("CLIENT", "LIST", "FOO")).isEqualTo(SYNTAX);
  }

  @Test
  void clientKill_byIdClosesOther() {
    NodeHarness.Client other = h.client();
    long otherId = id(other);
    assertThat(c.call("CLIENT", "KILL", "ID", Long.toString(otherId))).isEqualTo(integer(1));
    assertThat(other.isOpen()).isFalse();
    assertThat(c.call("CLIENT", "KILL", "ID", "999")).isEqualTo(integer(0));
    other.close();
  }

  @Test
  void clientKill_skipMe() {
    String own = Long.toString(id(c));
    assertThat(c.call("CLIENT", "KILL", "ID", own)).isEqualTo(integer(0));
    assertThat(c.isOpen()).isTrue();
    assertThat(c.call("CLIENT", "KILL", "ID", own, "SKIPME", "no")).isEqualTo(integer(1));
    assertThat(c.isOpen()).isFalse();
  }

  @Test
  void clientKill_byType() {
    try (NodeHarness.Client sub = h.client()) {
      sub.call("SUBSCRIBE", "ch");
      assertThat(c.call("CLIENT", "KILL", "TYPE", "pubsub")).isEqualTo(integer(1));
      assertThat(sub.isOpen()).isFalse();
      assertThat(c.call("CLIENT", "KILL", "TYPE", "master")).isEqualTo(integer(0));
    }
  }

  @Test
  void clientKill_errors() {
    assertThat(c.call("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo(error("ERR No such client"));
    assertThat(c.call("CLIENT", "KILL", "ID")).isEqualTo(error("ERR No such client"));
    assertThat(c.call("CLIENT", "KILL", "ID", "abc")).isEqualTo(error("ERR client-id should be greater than 0"));
    assertThat(c.call("CLIENT", "KILL", "ID", "0")).isEqualTo(error("ERR client-id should be greater than 0"));
    assertThat(c.call("CLIENT", "KILL", "ID", "abc", "TYPE")).isEqualTo(error("ERR client-id should be greater than 0"));
    assertThat(c.call("CLIENT", "KILL", "ID", "5", "TYPE")).isEqualTo(SYNTAX);
    assertThat(c.call("CLIENT", "KILL", "FOO", "bar")).isEqualTo(SYNTAX);
    assertThat(c.call("CLIENT", "KILL", "MAXAGE", "5")).isEqualTo(SYNTAX);
    assertThat(c.call("CLIENT", "KILL", "TYPE", "foo")).isEqualTo(error("ERR Unknown client type 'foo'"));
    assertThat(c.call("CLIENT", "KILL", "SKIPME", "maybe")).isEqualTo(SYNTAX);
    assertThat(c.call("CLIENT", "KILL", "USER", "nobody")).isEqualTo(error("ERR No such user 'nobody'"));
    assertThat(c.isOpen()).isTrue();
  }

  @Test
  void client_unknownSubcommandAndHelp() {
    assertThat(c.call("CLIENT", "FOO")).isEqualTo(error("ERR unknown subcommand 'FOO'. Try CLIENT HELP."));
    assertThat(c.call("CLIENT")).isEqualTo(error("ERR wrong number of arguments for 'client' command"));
    String help = c.call("CLIENT", "HELP");
    assertThat(help).startsWith("*48\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        + "+CACHING (YES|NO)\r\n");
    assertThat(help).endsWith("+NO-EVICT (ON|OFF)\r\n+    Protect current client connection from eviction.\r\n"
        + "+HELP\r\n+    Prints this help.\r\n");
  }
}
