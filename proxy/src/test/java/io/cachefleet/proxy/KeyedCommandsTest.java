package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Keyed commands through the proxy: routed to one backend, replies in order. */
class KeyedCommandsTest extends ThreeNodeProxyTest {

  @Test
  void setAndGet_roundTrip() {
    try (RespClient c = h.client()) {
      assertThat(c.call("SET", "greeting", "hello")).isEqualTo("+OK\r\n");
      assertThat(c.call("GET", "greeting")).isEqualTo("$5\r\nhello\r\n");
      assertThat(c.call("GET", "missing")).isEqualTo("$-1\r\n");
    }
  }

  @Test
  void keys_landOnExactlyOneBackend_andAreSpreadOverAll() {
    int[] perNode = new int[3];
    try (RespClient c = h.client()) {
      for (int i = 0; i < 300; i++) {
        assertThat(c.call("SET", "key:" + i, "v" + i)).isEqualTo("+OK\r\n");
      }
    }
    for (int n = 0; n < 3; n++) {
      try (RespClient d = h.direct(n)) {
        perNode[n] = Integer.parseInt(d.call("DBSIZE").substring(1).trim());
      }
    }
    assertThat(perNode[0] + perNode[1] + perNode[2]).isEqualTo(300);
    assertThat(java.util.Arrays.stream(perNode).min().getAsInt()).isGreaterThan(30);
  }

  @Test
  void pipeline_repliesComeBackInRequestOrder() {
    try (RespClient c = h.client()) {
      StringBuilder batch = new StringBuilder();
      for (int i = 0; i < 2000; i++) {
        batch.append(RespClient.encode("SET", "p" + i, Integer.toString(i)));
        batch.append(RespClient.encode("GET", "p" + i));
      }
      c.raw(batch.toString());
      for (int i = 0; i < 2000; i++) {
        assertThat(c.read()).isEqualTo("+OK\r\n");
        String v = Integer.toString(i);
        assertThat(c.read()).isEqualTo("$" + v.length() + "\r\n" + v + "\r\n");
      }
    }
  }

  @Test
  void inlineCommand_isForwardedAsRespArray() {
    try (RespClient c = h.client()) {
      c.raw("SET inline \"a b\"\r\n");
      assertThat(c.read()).isEqualTo("+OK\r\n");
      c.raw("GET inline\r\n");
      assertThat(c.read()).isEqualTo("$3\r\na b\r\n");
    }
  }

  @Test
  void backendErrors_arePassedThrough() {
    try (RespClient c = h.client()) {
      c.call("LPUSH", "list", "x");
      assertThat(c.call("GET", "list"))
          .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
      assertThat(c.call("INCR", "list")).startsWith("-WRONGTYPE");
    }
  }

  @Test
  void multiKeyCommand_onOneBackend_runs() {
    try (RespClient c = h.client()) {
      String[] together = h.keysOn(0, "a", 2);
      c.call("SET", together[0], "1");
      String other = together[1];
      assertThat(c.call("RENAME", together[0], other)).isEqualTo("+OK\r\n");
      assertThat(c.call("GET", other)).isEqualTo("$1\r\n1\r\n");
    }
  }

  @Test
  void multiKeyCommand_acrossBackends_isRefusedNamingTheKeys() {
    try (RespClient c = h.client()) {
      String near = h.keysOn(0, "a", 1)[0];
      String far = h.keysOn(1, "a", 1)[0];
      c.call("SET", near, "1");
      assertThat(c.call("RENAME", near, far))
          .startsWith("-ERR keys of 'rename' live on different backends: '" + near + "' on 127.0.0.1:")
          .contains("'" + far + "' on 127.0.0.1:");
      assertThat(c.call("GET", near)).isEqualTo("$1\r\n1\r\n");
    }
  }

  @Test
  void unknownCommand_getsRedisErrorAndTheConnectionStaysOpen() {
    try (RespClient c = h.client()) {
      assertThat(c.call("NOSUCH", "x")).isEqualTo("-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n");
      assertThat(c.call("CONFIG", "GET", "maxmemory")).startsWith("-ERR unknown command 'CONFIG'");
      assertThat(c.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
      assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
    }
  }

  @Test
  void protocolError_getsRedisErrorThenTheConnectionCloses() {
    try (RespClient c = h.client()) {
      c.raw("*1\r\n$x\r\n");
      assertThat(c.read()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
      assertThat(c.isClosedByServer()).isTrue();
    }
  }
}
