package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MULTI/EXEC/WATCH through the proxy when the keys live on one backend; blocking commands. */
class TransactionTest extends ThreeNodeProxyTest {

  @Test
  void multiExec_onOneBackend_runsAtomically() {
    String[] keys = h.keysOn(0, "t", 2);
    try (RespClient c = h.client()) {
      assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
      assertThat(c.call("SET", keys[0], "1")).isEqualTo("+QUEUED\r\n");
      assertThat(c.call("INCR", keys[0])).isEqualTo("+QUEUED\r\n");
      assertThat(c.call("MGET", keys[0], keys[1])).isEqualTo("+QUEUED\r\n");
      assertThat(c.call("PING")).isEqualTo("+QUEUED\r\n");
      assertThat(c.call("EXEC")).isEqualTo("*4\r\n+OK\r\n:2\r\n*2\r\n$1\r\n2\r\n$-1\r\n+PONG\r\n");
      assertThat(c.call("GET", keys[0])).isEqualTo("$1\r\n2\r\n");
    }
  }

  @Test
  void multi_withKeysOnTwoBackends_isAbortedAtExec() {
    String[] apart = {h.keysOn(0, "t", 1)[0], h.keysOn(1, "t", 1)[0]};
    try (RespClient c = h.client()) {
      c.call("MULTI");
      assertThat(c.call("SET", apart[0], "1")).isEqualTo("+QUEUED\r\n");
      assertThat(c.call("SET", apart[1], "1")).startsWith("-ERR keys of 'set' live on ");
      assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
      assertThat(c.call("EXISTS", apart[0], apart[1])).isEqualTo(":0\r\n");
    }
  }

  @Test
  void multi_queueTimeErrors_asInRedis() {
    try (RespClient c = h.client()) {
      assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
      assertThat(c.call("DISCARD")).isEqualTo("-ERR DISCARD without MULTI\r\n");
      c.call("MULTI");
      assertThat(c.call("MULTI")).isEqualTo("-ERR MULTI calls can not be nested\r\n");
      assertThat(c.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
      assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
      c.call("MULTI");
      assertThat(c.call("SET", "k", "v")).isEqualTo("+QUEUED\r\n");
      assertThat(c.call("DISCARD")).isEqualTo("+OK\r\n");
      assertThat(c.call("EXISTS", "k")).isEqualTo(":0\r\n");
      c.call("MULTI");
      assertThat(c.call("EXEC")).isEqualTo("*0\r\n");
    }
  }

  @Test
  void watch_abortsTheTransactionWhenAnotherClientWritesTheKey() {
    String[] keys = h.keysOn(0, "t", 1);
    try (RespClient c = h.client(); RespClient other = h.client()) {
      assertThat(c.call("WATCH", keys[0])).isEqualTo("+OK\r\n");
      assertThat(other.call("SET", keys[0], "theirs")).isEqualTo("+OK\r\n");
      c.call("MULTI");
      c.call("SET", keys[0], "mine");
      assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");
      assertThat(c.call("GET", keys[0])).isEqualTo("$6\r\ntheirs\r\n");

      assertThat(c.call("WATCH", keys[0])).isEqualTo("+OK\r\n");
      c.call("MULTI");
      c.call("SET", keys[0], "mine");
      assertThat(c.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
      assertThat(c.call("GET", keys[0])).isEqualTo("$4\r\nmine\r\n");
    }
  }

  @Test
  void reset_insideMulti_discardsTheTransactionAndForgetsWatchedKeys() {
    String[] keys = h.keysOn(0, "t", 1);
    try (RespClient c = h.client(); RespClient other = h.client()) {
      assertThat(c.call("WATCH", keys[0])).isEqualTo("+OK\r\n");
      c.call("MULTI");
      assertThat(c.call("SET", keys[0], "queued")).isEqualTo("+QUEUED\r\n");
      assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
      assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
      assertThat(c.call("EXISTS", keys[0])).isEqualTo(":0\r\n");

      // the key written by another client after RESET no longer aborts a transaction
      assertThat(other.call("SET", keys[0], "theirs")).isEqualTo("+OK\r\n");
      c.call("MULTI");
      c.call("SET", keys[0], "mine");
      assertThat(c.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
      assertThat(c.call("GET", keys[0])).isEqualTo("$4\r\nmine\r\n");
    }
  }

  @Test
  void resp3_abortedExecIsANull_andTheProtocolStaysWhileKeysAreWatched() {
    String[] keys = h.keysOn(0, "t", 1);
    try (RespClient c = h.client(); RespClient other = h.client()) {
      c.call("HELLO", "3");
      assertThat(c.call("WATCH", keys[0])).isEqualTo("+OK\r\n");
      assertThat(c.call("HELLO", "2")).startsWith("-ERR the proxy cannot change the protocol");
      assertThat(other.call("SET", keys[0], "theirs")).isEqualTo("+OK\r\n");
      c.call("MULTI");
      assertThat(c.call("GET", keys[0])).isEqualTo("+QUEUED\r\n");
      assertThat(c.call("EXEC")).isEqualTo("_\r\n");
      c.call("MULTI");
      c.call("HSET", keys[0] + "h", "f", "v");
      assertThat(c.call("EXEC")).isEqualTo("*1\r\n:1\r\n");
    }
  }

  @Test
  void quit_insideMulti_repliesOkAndClosesWithoutRunningIt() {
    String[] keys = h.keysOn(0, "t", 1);
    try (RespClient c = h.client()) {
      c.call("MULTI");
      c.call("SET", keys[0], "v");
      assertThat(c.call("QUIT")).isEqualTo("+OK\r\n");
      assertThat(c.isClosedByServer()).isTrue();
    }
    try (RespClient c = h.client()) {
      assertThat(c.call("EXISTS", keys[0])).isEqualTo(":0\r\n");
    }
  }

  @Test
  void watch_pinsTheTransactionToTheWatchedBackend() {
    String[] apart = {h.keysOn(0, "t", 1)[0], h.keysOn(1, "t", 1)[0]};
    try (RespClient c = h.client()) {
      assertThat(c.call("WATCH", apart[0])).isEqualTo("+OK\r\n");
      assertThat(c.call("WATCH", apart[1])).startsWith("-ERR keys of 'watch' live on ");
      c.call("MULTI");
      assertThat(c.call("SET", apart[1], "x")).startsWith("-ERR keys of 'set' live on ");
      assertThat(c.call("EXEC")).startsWith("-EXECABORT");
      assertThat(c.call("UNWATCH")).isEqualTo("+OK\r\n");
      assertThat(c.call("WATCH", apart[1])).isEqualTo("+OK\r\n");
    }
  }

  @Test
  void blockingPop_waitsOnItsOwnConnection_withoutStallingOtherClients() {
    try (RespClient blocked = h.client(); RespClient other = h.client()) {
      blocked.send("BLPOP", "queue", "0");
      for (int i = 0; i < 100; i++) {
        assertThat(other.call("SET", "k" + i, "v")).isEqualTo("+OK\r\n");
      }
      assertThat(other.call("RPUSH", "queue", "job")).isEqualTo(":1\r\n");
      assertThat(blocked.read()).isEqualTo("*2\r\n$5\r\nqueue\r\n$3\r\njob\r\n");
      assertThat(blocked.call("BLPOP", "queue", "0.01")).isEqualTo("*-1\r\n");
    }
  }
}
