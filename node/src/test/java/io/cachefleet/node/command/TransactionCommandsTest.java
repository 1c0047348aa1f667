package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MULTI, EXEC, DISCARD, WATCH and UNWATCH against replies recorded from Redis 7.0.15. */
class TransactionCommandsTest {

  private static final String QUEUED = "+QUEUED\r\n";
  private static final String EXECABORT = error("EXECABORT Transaction discarded because of previous errors.");
  private static final String NULL_ARRAY = "*-1\r\n";

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();
  private final NodeHarness.Client other = h.client();

  @AfterEach
  void close() {
    c.close();
    other.close();
  }

  @Test
  void exec_runsQueuedCommandsInOrder() {
    assertThat(c.call("MULTI")).isEqualTo(ok());
    assertThat(c.call("SET", "a", "1")).isEqualTo(QUEUED);
    assertThat(c.call("INCR", "a")).isEqualTo(QUEUED);
    assertThat(c.call("GET", "a")).isEqualTo(QUEUED);
    assertThat(other.call("GET", "a")).isEqualTo(nil());
    assertThat(c.call("EXEC")).isEqualTo("*3\r\n" + ok() + integer(2) + bulk("2"));
    assertThat(other.call("GET", "a")).isEqualTo(bulk("2"));
  }

  @Test
  void exec_emptyTransaction() {
    c.call("MULTI");
    assertThat(c.call("EXEC")).isEqualTo("*0\r\n");
  }

  @Test
  void exec_withoutMulti() {
    assertThat(c.call("EXEC")).isEqualTo(error("ERR EXEC without MULTI"));
    assertThat(c.call("DISCARD")).isEqualTo(error("ERR DISCARD without MULTI"));
  }

  @Test
  void exec_rejectedItself_discardsTheTransactionAndSaysWhy() {
    c.call("MULTI");
    assertThat(c.call("SET", "a", "1")).isEqualTo(QUEUED);
    assertThat(c.call("EXEC", "x")).isEqualTo(
        error("EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command"));
    assertThat(c.call("EXEC")).isEqualTo(error("ERR EXEC without MULTI"));
    assertThat(c.call("GET", "a")).isEqualTo(nil());
  }

  @Test
  void multi_nestedIsAnErrorButKeepsTheTransaction() {
    c.call("MULTI");
    assertThat(c.call("MULTI")).isEqualTo(error("ERR MULTI calls can not be nested"));
    assertThat(c.call("SET", "a", "1")).isEqualTo(QUEUED);
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n" + ok());
  }

  @Test
  void exec_queueingErrorAbortsEverything() {
    c.call("MULTI");
    assertThat(c.call("SET", "a")).isEqualTo(error("ERR wrong number of arguments for 'set' command"));
    assertThat(c.call("SET", "b", "1")).isEqualTo(QUEUED);
    assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
    assertThat(c.call("EXISTS", "b")).isEqualTo(integer(0));
    c.call("MULTI");
    assertThat(c.call("FOO")).isEqualTo(error("ERR unknown command 'FOO', with args beginning with: "));
    assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
    assertThat(c.call("EXEC")).isEqualTo(error("ERR EXEC without MULTI"));
  }

  @Test
  void exec_runtimeErrorDoesNotStopTheOthers() {
    c.call("SET", "s", "str");
    c.call("RPUSH", "list", "x");
    c.call("MULTI");
    c.call("INCR", "s");
    c.call("SET", "t", "1");
    c.call("GET", "list");
    c.call("INCR", "t");
    c.call("SET", "a", "1", "EX", "0");
    assertThat(c.call("EXEC")).isEqualTo("*5\r\n" + error("ERR value is not an integer or out of range") + ok()
        + error("WRONGTYPE Operation against a key holding the wrong kind of value") + integer(2)
        + error("ERR invalid expire time in 'set' command"));
  }

  @Test
  void discard_dropsQueue() {
    c.call("MULTI");
    c.call("SET", "x", "1");
    assertThat(c.call("DISCARD")).isEqualTo(ok());
    assertThat(c.call("GET", "x")).isEqualTo(nil());
    assertThat(c.call("EXEC")).isEqualTo(error("ERR EXEC without MULTI"));
  }

  @Test
  void watch_changeByAnotherClientFailsExec() {
    c.call("SET", "s", "v1");
    assertThat(c.call("WATCH", "s")).isEqualTo(ok());
    other.call("SET", "s", "v2");
    c.call("MULTI");
    c.call("GET", "s");
    assertThat(c.call("EXEC")).isEqualTo(NULL_ARRAY);
    c.call("MULTI");
    c.call("GET", "s");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n" + bulk("v2"));
  }

  @Test
  void watch_ownChangeBeforeMultiFailsExec() {
    c.call("WATCH", "s");
    c.call("SET", "s", "v");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo(NULL_ARRAY);
  }

  @Test
  void watch_untouchedKeySucceeds() {
    c.call("WATCH", "s", "t");
    other.call("SET", "unrelated", "1");
    other.call("GET", "s");
    c.call("MULTI");
    c.call("SET", "s", "mine");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n" + ok());
  }

  @Test
  void watch_keyExpiringFailsExec() {
    c.call("SET", "s", "v", "PX", "100");
    c.call("WATCH", "s");
    h.advance(100);
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo(NULL_ARRAY);
  }

  @Test
  void watch_alreadyExpiredKeyIsAMissingKey() {
    c.call("SET", "s", "v", "PX", "100");
    h.advance(200);
    c.call("WATCH", "s");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
  }

  @Test
  void watch_insideMultiIsAnErrorButKeepsTheTransaction() {
    c.call("MULTI");
    assertThat(c.call("WATCH", "a")).isEqualTo(error("ERR WATCH inside MULTI is not allowed"));
    assertThat(c.call("EXEC")).isEqualTo("*0\r\n");
    assertThat(c.call("WATCH")).isEqualTo(error("ERR wrong number of arguments for 'watch' command"));
  }

  @Test
  void unwatch_forgetsWatchedKeys() {
    c.call("WATCH", "s");
    assertThat(c.call("UNWATCH")).isEqualTo(ok());
    other.call("SET", "s", "v");
    c.call("MULTI");
    c.call("GET", "s");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n" + bulk("v"));
  }

  @Test
  void unwatch_clearsAnAlreadyFailedWatch() {
    c.call("WATCH", "s");
    other.call("SET", "s", "v");
    c.call("UNWATCH");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
  }

  @Test
  void exec_unwatchesAfterwards() {
    c.call("WATCH", "s");
    c.call("MULTI");
    c.call("PING");
    c.call("EXEC");
    other.call("SET", "s", "v");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
  }

  @Test
  void discard_unwatches() {
    c.call("WATCH", "s");
    c.call("MULTI");
    c.call("DISCARD");
    other.call("SET", "s", "v");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
  }

  @Test
  void flushall_failsWatchersOfExistingKeysOnly() {
    c.call("SET", "s", "v");
    c.call("WATCH", "s", "nokey");
    other.call("FLUSHALL");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo(NULL_ARRAY);
    c.call("WATCH", "nokey");
    other.call("FLUSHDB");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
  }

  @Test
  void execabort_winsOverFailedWatch() {
    c.call("WATCH", "s");
    other.call("SET", "s", "v");
    c.call("MULTI");
    c.call("GET");
    assertThat(c.call("EXEC")).isEqualTo(EXECABORT);
  }

  @Test
  void clientList_showsDirtyWatch() {
    c.call("WATCH", "s");
    other.call("SET", "s", "v");
    assertThat(c.call("CLIENT", "INFO")).contains(" flags=d ");
  }

  @Test
  void resp3_failedExecIsNull() {
    c.call("HELLO", "3");
    c.call("WATCH", "s");
    other.call("SET", "s", "v");
    c.call("MULTI");
    c.call("GET", "s");
    assertThat(c.call("EXEC")).isEqualTo("_\r\n");
  }
}
