package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.NULL3;
import static io.cachefleet.node.command.NodeHarness.NULL_ARRAY;
import static io.cachefleet.node.command.NodeHarness.WRONGTYPE;
import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP with several clients on one node; every expected
 * reply was taken from redis-server 7.0.15.
 */
class BlockingListCommandsTest {

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client a = h.client();
  private final NodeHarness.Client b = h.client();

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  private String blockedClients() {
    String info = b.call("INFO", "clients");
    int at = info.indexOf("blocked_clients:");
    return info.substring(at, info.indexOf('\r', at));
  }

  // ---------------------------------------------------------------- served at once

  @Test
  void blpop_existingListAnswersAtOnce() {
    b.call("RPUSH", "l", "a", "b");
    assertThat(a.call("BLPOP", "nokey", "l", "0")).isEqualTo(array("l", "a"));
    assertThat(a.call("BRPOP", "l", "0")).isEqualTo(array("l", "b"));
    assertThat(b.call("EXISTS", "l")).isEqualTo(integer(0));
  }

  @Test
  void blpop_wrongTypeKeyBeforeAList() {
    b.call("SET", "s", "x");
    b.call("RPUSH", "k", "a");
    assertThat(a.call("BRPOP", "s", "k", "0")).isEqualTo(WRONGTYPE);
    assertThat(a.call("BLPOP", "k", "s", "0")).isEqualTo(array("k", "a"));
  }

  @Test
  void blmpopAndBlmove_existingListAnswersAtOnce() {
    b.call("RPUSH", "k", "a", "b", "c", "d");
    assertThat(a.call("BLMPOP", "0", "2", "nokey", "k", "LEFT", "COUNT", "2"))
        .isEqualTo("*2\r\n" + bulk("k") + array("a", "b"));
    assertThat(a.call("BLMPOP", "0", "1", "k", "RIGHT")).isEqualTo("*2\r\n" + bulk("k") + array("d"));
    assertThat(a.call("BLMOVE", "k", "d", "LEFT", "LEFT", "0")).isEqualTo(bulk("c"));
    b.call("RPUSH", "k", "e");
    assertThat(a.call("BRPOPLPUSH", "k", "d", "0")).isEqualTo(bulk("e"));
    assertThat(b.call("LRANGE", "d", "0", "-1")).isEqualTo(array("e", "c"));
  }

  @Test
  void timeoutArgument_errors() {
    b.call("SET", "s", "x");
    assertThat(a.call("BLPOP", "k", "abc")).isEqualTo(error("ERR timeout is not a float or out of range"));
    assertThat(a.call("BLPOP", "k", "-1")).isEqualTo(error("ERR timeout is negative"));
    assertThat(a.call("BLPOP", "s", "abc")).isEqualTo(error("ERR timeout is not a float or out of range"));
    assertThat(a.call("BRPOPLPUSH", "s", "d", "abc")).isEqualTo(error("ERR timeout is not a float or out of range"));
    assertThat(a.call("BLMOVE", "k", "d", "LEFT", "MIDDLE", "abc")).isEqualTo(error("ERR syntax error"));
    assertThat(a.call("BLMOVE", "k", "d", "LEFT", "LEFT", "abc"))
        .isEqualTo(error("ERR timeout is not a float or out of range"));
    assertThat(a.call("BLMOVE", "s", "d", "LEFT", "LEFT", "0")).isEqualTo(WRONGTYPE);
  }

  @Test
  void blmpop_argumentErrorsComeBeforeTheTimeout() {
    b.call("SET", "s", "x");
    assertThat(a.call("BLMPOP", "abc", "0", "k", "LEFT")).isEqualTo(error("ERR numkeys should be greater than 0"));
    assertThat(a.call("BLMPOP", "abc", "1", "k", "MIDDLE")).isEqualTo(error("ERR syntax error"));
    assertThat(a.call("BLMPOP", "abc", "1", "k", "LEFT", "COUNT", "0"))
        .isEqualTo(error("ERR count should be greater than 0"));
    assertThat(a.call("BLMPOP", "-1", "1", "k", "LEFT")).isEqualTo(error("ERR timeout is negative"));
    assertThat(a.call("BLMPOP", "abc", "1", "s", "LEFT"))
        .isEqualTo(error("ERR timeout is not a float or out of range"));
    assertThat(a.call("BLMPOP", "0", "1", "s", "LEFT")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- blocked, then served

  @Test
  void blpop_servedByAnotherClientsPush() {
    assertThat(a.call("BLPOP", "l", "0")).isEmpty();
    assertThat(blockedClients()).isEqualTo("blocked_clients:1");
    assertThat(b.call("LPUSH", "l", "a", "b")).isEqualTo(integer(2));
    assertThat(a.read()).isEqualTo(array("l", "b"));
    assertThat(b.call("LRANGE", "l", "0", "-1")).isEqualTo(array("a"));
    assertThat(blockedClients()).isEqualTo("blocked_clients:0");
  }

  @Test
  void brpop_servedFromWhicheverKeyAppears() {
    assertThat(a.call("BRPOP", "k1", "k2", "0")).isEmpty();
    b.call("RPUSH", "k2", "x", "y");
    assertThat(a.read()).isEqualTo(array("k2", "y"));
    assertThat(b.call("LRANGE", "k2", "0", "-1")).isEqualTo(array("x"));
  }

  @Test
  void blpop_twoBlockedClientsServedInArrivalOrder() {
    try (NodeHarness.Client pusher = h.client()) {
      a.call("BLPOP", "l", "0");
      b.call("BLPOP", "l", "0");
      assertThat(pusher.call("RPUSH", "l", "1")).isEqualTo(integer(1));
      assertThat(a.read()).isEqualTo(array("l", "1"));
      assertThat(b.read()).isEmpty();
      assertThat(pusher.call("RPUSH", "l", "2", "3")).isEqualTo(integer(2));
      assertThat(b.read()).isEqualTo(array("l", "2"));
      assertThat(pusher.call("LRANGE", "l", "0", "-1")).isEqualTo(array("3"));
    }
  }

  @Test
  void blpop_oneCommandServesSeveralClients() {
    try (NodeHarness.Client pusher = h.client()) {
      a.call("BLPOP", "l", "0");
      b.call("BLPOP", "l", "0");
      assertThat(pusher.call("RPUSH", "l", "1", "2", "3")).isEqualTo(integer(3));
      assertThat(a.read()).isEqualTo(array("l", "1"));
      assertThat(b.read()).isEqualTo(array("l", "2"));
      assertThat(pusher.call("LRANGE", "l", "0", "-1")).isEqualTo(array("3"));
    }
  }

  @Test
  void blpop_pipelinedCommandsRunAfterItIsServed() {
    String pipeline = "*3\r\n$5\r\nBLPOP\r\n$1\r\nl\r\n$1\r\n0\r\n"
        + "*1\r\n$4\r\nPING\r\n"
        + "*2\r\n$4\r\nLLEN\r\n$1\r\nl\r\n";
    assertThat(a.send(pipeline)).isEmpty();
    assertThat(b.call("RPUSH", "l", "x", "y")).isEqualTo(integer(2));
    assertThat(a.read()).isEqualTo(array("l", "x") + "+PONG\r\n" + integer(1));
  }

  @Test
  void blpop_keyThatTurnedIntoAnotherTypeIsPassedOver() {
    a.call("BLPOP", "k1", "k2", "0");
    b.call("SET", "k1", "str");
    b.call("RPUSH", "k2", "z");
    assertThat(a.read()).isEqualTo(array("k2", "z"));
  }

  @Test
  void blpop_listPushedAndPoppedInOneTransactionKeepsClientBlocked() {
    a.call("BLPOP", "l", "0");
    b.call("MULTI");
    b.call("RPUSH", "l", "x");
    b.call("LPOP", "l");
    assertThat(b.call("EXEC")).isEqualTo("*2\r\n" + integer(1) + bulk("x"));
    assertThat(a.read()).isEmpty();
    b.call("RPUSH", "l", "y");
    assertThat(a.read()).isEqualTo(array("l", "y"));
  }

  @Test
  void blpop_servedByPushInsideExec() {
    a.call("BLPOP", "l", "0");
    b.call("MULTI");
    b.call("RPUSH", "l", "x", "y");
    assertThat(b.call("EXEC")).isEqualTo("*1\r\n" + integer(2));
    assertThat(a.read()).isEqualTo(array("l", "x"));
    assertThat(b.call("LRANGE", "l", "0", "-1")).isEqualTo(array("y"));
  }

  @Test
  void blpop_servedFromTheKeyThatBecameReadyFirst() {
    assertThat(a.call("BLPOP", "ka", "kb", "0")).isEmpty();
    b.call("MULTI");
    b.call("RPUSH", "kb", "1");
    b.call("RPUSH", "ka", "2");
    assertThat(b.call("EXEC")).isEqualTo("*2\r\n" + integer(1) + integer(1));
    assertThat(a.read()).isEqualTo(array("kb", "1"));
    assertThat(b.call("LRANGE", "ka", "0", "-1")).isEqualTo(array("2"));
  }

  @Test
  void blmove_servedAndItsDestinationWakesTheNext() {
    try (NodeHarness.Client pusher = h.client()) {
      a.call("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
      b.call("BLPOP", "dst", "0");
      assertThat(pusher.call("RPUSH", "src", "v")).isEqualTo(integer(1));
      assertThat(a.read()).isEqualTo(bulk("v"));
      assertThat(b.read()).isEqualTo(array("dst", "v"));
      assertThat(pusher.call("EXISTS", "src", "dst")).isEqualTo(integer(0));
    }
  }

  @Test
  void brpoplpush_servedWhenTheSourceAppears() {
    a.call("BRPOPLPUSH", "src", "dst", "0");
    b.call("RPUSH", "src", "1", "2");
    assertThat(a.read()).isEqualTo(bulk("2"));
    assertThat(b.call("LRANGE", "dst", "0", "-1")).isEqualTo(array("2"));
    assertThat(b.call("LRANGE", "src", "0", "-1")).isEqualTo(array("1"));
  }

  @Test
  void blmove_destinationOfWrongTypeFailsTheClientWhenServed() {
    b.call("SET", "s", "x");
    assertThat(a.call("BLMOVE", "src", "s", "LEFT", "LEFT", "0")).isEmpty();
    b.call("RPUSH", "src", "x");
    assertThat(a.read()).isEqualTo(WRONGTYPE);
    assertThat(b.call("LRANGE", "src", "0", "-1")).isEqualTo(array("x"));
    assertThat(a.call("PING")).isEqualTo("+PONG\r\n");
  }

  @Test
  void blmpop_servedWithCount() {
    a.call("BLMPOP", "0", "2", "k1", "k2", "RIGHT", "COUNT", "2");
    assertThat(b.call("RPUSH", "k2", "a", "b", "c")).isEqualTo(integer(3));
    assertThat(a.read()).isEqualTo("*2\r\n" + bulk("k2") + array("c", "b"));
  }

  @Test
  void blpop_resp3ReplyIsAnArray() {
    a.call("HELLO", "3");
    a.call("BLPOP", "l", "0");
    b.call("RPUSH", "l", "x");
    assertThat(a.read()).isEqualTo(array("l", "x"));
  }

  // ---------------------------------------------------------------- timeouts

  @Test
  void blpop_timesOutWithNullArray() {
    assertThat(a.call("BLPOP", "l", "1.5")).isEmpty();
    h.advance(1000);
    assertThat(a.advanceLoop(1000)).isEmpty();
    h.advance(500);
    assertThat(a.advanceLoop(500)).isEqualTo(NULL_ARRAY);
    assertThat(blockedClients()).isEqualTo("blocked_clients:0");
    b.call("RPUSH", "l", "x");
    assertThat(a.read()).isEmpty();
    assertThat(b.call("LLEN", "l")).isEqualTo(integer(1));
  }

  @Test
  void blockingMoves_timeOutWithNullArray() {
    a.call("BLMOVE", "src", "dst", "LEFT", "LEFT", "0.01");
    h.advance(10);
    assertThat(a.advanceLoop(10)).isEqualTo(NULL_ARRAY);
    a.call("BRPOPLPUSH", "src", "dst", "0.01");
    h.advance(10);
    assertThat(a.advanceLoop(10)).isEqualTo(NULL_ARRAY);
    a.call("BLMPOP", "0.01", "1", "src", "LEFT");
    h.advance(10);
    assertThat(a.advanceLoop(10)).isEqualTo(NULL_ARRAY);
  }

  @Test
  void timeout_resp3IsNull() {
    a.call("HELLO", "3");
    a.call("BLMOVE", "src", "dst", "LEFT", "LEFT", "0.01");
    h.advance(10);
    assertThat(a.advanceLoop(10)).isEqualTo(NULL3);
  }

  @Test
  void timeout_servedBeforeDeadlineCancelsIt() {
    a.call("BLPOP", "l", "1");
    b.call("RPUSH", "l", "x");
    assertThat(a.read()).isEqualTo(array("l", "x"));
    h.advance(1000);
    assertThat(a.advanceLoop(1000)).isEmpty();
    assertThat(a.call("PING")).isEqualTo("+PONG\r\n");
  }

  // ---------------------------------------------------------------- transactions and disconnects

  @Test
  void insideMulti_answersAsOnTimeout() {
    b.call("SET", "s", "x");
    a.call("MULTI");
    for (String[] cmd : new String[][] {
        {"BLPOP", "nokey", "0"}, {"BRPOP", "nokey", "0"}, {"BLMOVE", "nokey", "d", "LEFT", "LEFT", "0"},
        {"BRPOPLPUSH", "nokey", "d", "0"}, {"BLMPOP", "0", "1", "nokey", "LEFT"}, {"BLMPOP", "0", "1", "s", "LEFT"}}) {
      assertThat(a.call(cmd)).isEqualTo("+QUEUED\r\n");
    }
    assertThat(a.call("EXEC")).isEqualTo("*6\r\n" + NULL_ARRAY + NULL_ARRAY + nil() + nil() + NULL_ARRAY + WRONGTYPE);
    assertThat(blockedClients()).isEqualTo("blocked_clients:0");
  }

  @Test
  void insideMulti_resp3Nulls() {
    a.call("HELLO", "3");
    a.call("MULTI");
    a.call("BLPOP", "nokey", "0");
    a.call("BLMOVE", "nokey", "d", "LEFT", "LEFT", "0");
    assertThat(a.call("EXEC")).isEqualTo("*2\r\n_\r\n_\r\n");
  }

  @Test
  void insideMulti_popsWhenTheListExists() {
    b.call("RPUSH", "l", "x");
    a.call("MULTI");
    a.call("BLPOP", "l", "0");
    assertThat(a.call("EXEC")).isEqualTo("*1\r\n" + array("l", "x"));
  }

  @Test
  void disconnectWhileBlocked_leavesNoTrace() {
    try (NodeHarness.Client gone = h.client()) {
      assertThat(gone.call("BLPOP", "l", "0")).isEmpty();
      assertThat(blockedClients()).isEqualTo("blocked_clients:1");
    }
    assertThat(blockedClients()).isEqualTo("blocked_clients:0");
    assertThat(b.call("LPUSH", "l", "a")).isEqualTo(integer(1));
    assertThat(b.call("LRANGE", "l", "0", "-1")).isEqualTo(array("a"));
  }

  @Test
  void disconnectOfFirstBlockedClient_nextOneIsServed() {
    try (NodeHarness.Client gone = h.client()) {
      gone.call("BLPOP", "l", "0");
      a.call("BLPOP", "l", "0");
    }
    assertThat(b.call("RPUSH", "l", "x")).isEqualTo(integer(1));
    assertThat(a.read()).isEqualTo(array("l", "x"));
    assertThat(b.call("EXISTS", "l")).isEqualTo(integer(0));
    assertThat(b.call("SET", "after", "1")).isEqualTo(ok());
  }
}
