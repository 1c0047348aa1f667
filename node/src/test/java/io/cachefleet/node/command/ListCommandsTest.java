package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.EMPTY_ARRAY;
import static io.cachefleet.node.command.NodeHarness.NOT_INTEGER;
import static io.cachefleet.node.command.NodeHarness.NOT_POSITIVE;
import static io.cachefleet.node.command.NodeHarness.NULL3;
import static io.cachefleet.node.command.NodeHarness.NULL_ARRAY;
import static io.cachefleet.node.command.NodeHarness.SYNTAX;
import static io.cachefleet.node.command.NodeHarness.WRONGTYPE;
import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The non-blocking list commands; every expected reply was taken from redis-server 7.0.15. */
class ListCommandsTest {

  private final NodeHarness h = new NodeHarness();
  private NodeHarness.Client c;

  @BeforeEach
  void connect() {
    c = h.client();
    c.call("SET", "s", "x");
  }

  @AfterEach
  void close() {
    c.close();
  }

  private void rpush(String key, String... elements) {
    String[] args = new String[elements.length + 2];
    args[0] = "RPUSH";
    args[1] = key;
    System.arraycopy(elements, 0, args, 2, elements.length);
    c.call(args);
  }

  private String range(String key) {
    return c.call("LRANGE", key, "0", "-1");
  }

  private static String ints(long... values) {
    StringBuilder sb = new StringBuilder().append('*').append(values.length).append("\r\n");
    for (long v : values) {
      sb.append(integer(v));
    }
    return sb.toString();
  }

  // ---------------------------------------------------------------- push

  @Test
  void lpush_prependsEachArgumentInTurn() {
    assertThat(c.call("LPUSH", "l", "a", "b", "c")).isEqualTo(integer(3));
    assertThat(c.call("LPUSH", "l", "d")).isEqualTo(integer(4));
    assertThat(range("l")).isEqualTo(array("d", "c", "b", "a"));
    assertThat(c.call("TYPE", "l")).isEqualTo("+list\r\n");
  }

  @Test
  void rpush_appends() {
    assertThat(c.call("RPUSH", "l", "a", "b")).isEqualTo(integer(2));
    assertThat(c.call("RPUSH", "l", "c")).isEqualTo(integer(3));
    assertThat(range("l")).isEqualTo(array("a", "b", "c"));
  }

  @Test
  void push_wrongTypeAndArity() {
    assertThat(c.call("LPUSH", "s", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("RPUSH", "s", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("LPUSH", "l")).isEqualTo(error("ERR wrong number of arguments for 'lpush' command"));
  }

  @Test
  void pushx_onlyWhenTheListExists() {
    assertThat(c.call("LPUSHX", "l", "a")).isEqualTo(integer(0));
    assertThat(c.call("RPUSHX", "l", "a")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "l")).isEqualTo(integer(0));
    rpush("l", "m");
    assertThat(c.call("LPUSHX", "l", "a", "b")).isEqualTo(integer(3));
    assertThat(c.call("RPUSHX", "l", "z")).isEqualTo(integer(4));
    assertThat(range("l")).isEqualTo(array("b", "a", "m", "z"));
    assertThat(c.call("LPUSHX", "s", "a")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- pop

  @Test
  void pop_withoutCount_returnsElementAndDeletesEmptyList() {
    rpush("l", "a", "b");
    assertThat(c.call("LPOP", "l")).isEqualTo(bulk("a"));
    assertThat(c.call("RPOP", "l")).isEqualTo(bulk("b"));
    assertThat(c.call("EXISTS", "l")).isEqualTo(integer(0));
    assertThat(c.call("LPOP", "l")).isEqualTo(nil());
    assertThat(c.call("RPOP", "l")).isEqualTo(nil());
  }

  @Test
  void pop_withCount_repliesArrayUpToTheLength() {
    rpush("l", "a", "b", "c");
    assertThat(c.call("LPOP", "l", "1")).isEqualTo(array("a"));
    assertThat(c.call("RPOP", "l", "5")).isEqualTo(array("c", "b"));
    assertThat(c.call("EXISTS", "l")).isEqualTo(integer(0));
  }

  @Test
  void pop_countZero_emptyArrayForListNullArrayForMissingKey() {
    rpush("l", "a");
    assertThat(c.call("LPOP", "l", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("LLEN", "l")).isEqualTo(integer(1));
    assertThat(c.call("LPOP", "nokey", "0")).isEqualTo(NULL_ARRAY);
    assertThat(c.call("LPOP", "nokey", "1")).isEqualTo(NULL_ARRAY);
  }

  @Test
  void pop_errors() {
    assertThat(c.call("LPOP", "nokey", "abc")).isEqualTo(NOT_POSITIVE);
    assertThat(c.call("LPOP", "nokey", "-1")).isEqualTo(NOT_POSITIVE);
    assertThat(c.call("LPOP", "s", "abc")).isEqualTo(NOT_POSITIVE);
    assertThat(c.call("LPOP", "s")).isEqualTo(WRONGTYPE);
    assertThat(c.call("RPOP", "s", "0")).isEqualTo(WRONGTYPE);
    assertThat(c.call("LPOP", "nokey", "1", "2")).isEqualTo(error("ERR wrong number of arguments for 'lpop' command"));
    assertThat(c.call("RPOP", "nokey", "1", "2")).isEqualTo(error("ERR wrong number of arguments for 'rpop' command"));
  }

  @Test
  void pop_resp3NullShapes() {
    c.call("HELLO", "3");
    assertThat(c.call("LPOP", "nokey")).isEqualTo(NULL3);
    assertThat(c.call("LPOP", "nokey", "2")).isEqualTo(NULL3);
  }

  // ---------------------------------------------------------------- index access

  @Test
  void llen_countsElements() {
    rpush("l", "a", "b");
    assertThat(c.call("LLEN", "l")).isEqualTo(integer(2));
    assertThat(c.call("LLEN", "nokey")).isEqualTo(integer(0));
    assertThat(c.call("LLEN", "s")).isEqualTo(WRONGTYPE);
  }

  @Test
  void lindex_positiveAndNegativeIndexes() {
    rpush("l", "a", "b", "c");
    assertThat(c.call("LINDEX", "l", "0")).isEqualTo(bulk("a"));
    assertThat(c.call("LINDEX", "l", "-1")).isEqualTo(bulk("c"));
    assertThat(c.call("LINDEX", "l", "3")).isEqualTo(nil());
    assertThat(c.call("LINDEX", "l", "-4")).isEqualTo(nil());
    assertThat(c.call("LINDEX", "l", "abc")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LINDEX", "nokey", "abc")).isEqualTo(nil());
    assertThat(c.call("LINDEX", "s", "abc")).isEqualTo(WRONGTYPE);
  }

  @Test
  void lset_replacesOrReportsErrors() {
    rpush("l", "a", "b", "c");
    assertThat(c.call("LSET", "l", "-3", "z")).isEqualTo(ok());
    assertThat(c.call("LSET", "l", "1", "y")).isEqualTo(ok());
    assertThat(range("l")).isEqualTo(array("z", "y", "c"));
    assertThat(c.call("LSET", "l", "3", "x")).isEqualTo(error("ERR index out of range"));
    assertThat(c.call("LSET", "l", "-4", "x")).isEqualTo(error("ERR index out of range"));
    assertThat(c.call("LSET", "l", "abc", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LSET", "nokey", "abc", "x")).isEqualTo(error("ERR no such key"));
    assertThat(c.call("LSET", "s", "abc", "x")).isEqualTo(WRONGTYPE);
  }

  @Test
  void lrange_clampsTheRange() {
    rpush("l", "a", "b", "c");
    assertThat(c.call("LRANGE", "l", "0", "-1")).isEqualTo(array("a", "b", "c"));
    assertThat(c.call("LRANGE", "l", "-100", "100")).isEqualTo(array("a", "b", "c"));
    assertThat(c.call("LRANGE", "l", "1", "1")).isEqualTo(array("b"));
    assertThat(c.call("LRANGE", "l", "-2", "-1")).isEqualTo(array("b", "c"));
    assertThat(c.call("LRANGE", "l", "5", "10")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("LRANGE", "l", "2", "1")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("LRANGE", "nokey", "0", "-1")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void lrange_errorsParseBeforeTheKeyIsRead() {
    assertThat(c.call("LRANGE", "nokey", "abc", "0")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LRANGE", "s", "abc", "0")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LRANGE", "s", "0", "1")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- ltrim, lrem, linsert

  @Test
  void ltrim_keepsTheRange() {
    rpush("l", "a", "b", "c", "d", "e");
    assertThat(c.call("LTRIM", "l", "1", "-2")).isEqualTo(ok());
    assertThat(range("l")).isEqualTo(array("b", "c", "d"));
    assertThat(c.call("LTRIM", "l", "-100", "100")).isEqualTo(ok());
    assertThat(range("l")).isEqualTo(array("b", "c", "d"));
    assertThat(c.call("LTRIM", "l", "1", "0")).isEqualTo(ok());
    assertThat(c.call("EXISTS", "l")).isEqualTo(integer(0));
  }

  @Test
  void ltrim_missingKeyAndErrors() {
    assertThat(c.call("LTRIM", "nokey", "0", "1")).isEqualTo(ok());
    assertThat(c.call("LTRIM", "nokey", "a", "1")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LTRIM", "s", "x", "1")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LTRIM", "s", "0", "1")).isEqualTo(WRONGTYPE);
  }

  @Test
  void lrem_byCountSign() {
    rpush("l", "x", "a", "x", "b", "x", "c", "x");
    assertThat(c.call("LREM", "l", "2", "x")).isEqualTo(integer(2));
    assertThat(range("l")).isEqualTo(array("a", "b", "x", "c", "x"));
    assertThat(c.call("LREM", "l", "-1", "x")).isEqualTo(integer(1));
    assertThat(range("l")).isEqualTo(array("a", "b", "x", "c"));
    assertThat(c.call("LREM", "l", "0", "x")).isEqualTo(integer(1));
    assertThat(c.call("LREM", "l", "0", "zz")).isEqualTo(integer(0));
    assertThat(c.call("LREM", "l", "0", "a")).isEqualTo(integer(1));
    assertThat(c.call("LREM", "l", "0", "b")).isEqualTo(integer(1));
    assertThat(c.call("LREM", "l", "0", "c")).isEqualTo(integer(1));
    assertThat(c.call("EXISTS", "l")).isEqualTo(integer(0));
  }

  @Test
  void lrem_missingKeyAndErrors() {
    assertThat(c.call("LREM", "nokey", "0", "a")).isEqualTo(integer(0));
    assertThat(c.call("LREM", "nokey", "x", "a")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LREM", "s", "x", "a")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LREM", "s", "0", "a")).isEqualTo(WRONGTYPE);
  }

  @Test
  void linsert_beforeAndAfterThePivot() {
    rpush("l", "a", "c");
    assertThat(c.call("LINSERT", "l", "BEFORE", "c", "b")).isEqualTo(integer(3));
    assertThat(c.call("LINSERT", "l", "after", "c", "d")).isEqualTo(integer(4));
    assertThat(c.call("LINSERT", "l", "before", "a", "0")).isEqualTo(integer(5));
    assertThat(range("l")).isEqualTo(array("0", "a", "b", "c", "d"));
    assertThat(c.call("LINSERT", "l", "before", "zz", "x")).isEqualTo(integer(-1));
  }

  @Test
  void linsert_missingKeyAndErrors() {
    assertThat(c.call("LINSERT", "nokey", "BEFORE", "a", "b")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "nokey")).isEqualTo(integer(0));
    assertThat(c.call("LINSERT", "nokey", "MIDDLE", "a", "b")).isEqualTo(SYNTAX);
    assertThat(c.call("LINSERT", "s", "MIDDLE", "a", "b")).isEqualTo(SYNTAX);
    assertThat(c.call("LINSERT", "s", "before", "a", "b")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- lpos

  @Test
  void lpos_rankScansFromEitherEnd() {
    rpush("l", "a", "b", "c", "a", "b", "c", "a");
    assertThat(c.call("LPOS", "l", "a")).isEqualTo(integer(0));
    assertThat(c.call("LPOS", "l", "a", "RANK", "2")).isEqualTo(integer(3));
    assertThat(c.call("LPOS", "l", "a", "RANK", "-1")).isEqualTo(integer(6));
    assertThat(c.call("LPOS", "l", "a", "RANK", "-2")).isEqualTo(integer(3));
    assertThat(c.call("LPOS", "l", "a", "RANK", "10")).isEqualTo(nil());
    assertThat(c.call("LPOS", "l", "a", "RANK", "1", "RANK", "2")).isEqualTo(integer(3));
    assertThat(c.call("LPOS", "l", "zz")).isEqualTo(nil());
  }

  @Test
  void lpos_countAndMaxlen() {
    rpush("l", "a", "b", "c", "a", "b", "c", "a");
    assertThat(c.call("LPOS", "l", "a", "COUNT", "0")).isEqualTo(ints(0, 3, 6));
    assertThat(c.call("LPOS", "l", "a", "COUNT", "2")).isEqualTo(ints(0, 3));
    assertThat(c.call("LPOS", "l", "a", "COUNT", "2", "RANK", "-1")).isEqualTo(ints(6, 3));
    assertThat(c.call("LPOS", "l", "a", "RANK", "2", "COUNT", "0", "MAXLEN", "4")).isEqualTo(ints(3));
    assertThat(c.call("LPOS", "l", "a", "MAXLEN", "3", "COUNT", "0")).isEqualTo(ints(0));
    assertThat(c.call("LPOS", "l", "a", "MAXLEN", "3", "RANK", "-1", "COUNT", "0")).isEqualTo(ints(6));
    assertThat(c.call("LPOS", "l", "zz", "COUNT", "1")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("LPOS", "l", "a", "COUNT", "1", "RANK", "5")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("LPOS", "l", "a", "RANK", "-9223372036854775808")).isEqualTo(integer(6));
  }

  @Test
  void lpos_missingKey() {
    assertThat(c.call("LPOS", "nokey", "a")).isEqualTo(nil());
    assertThat(c.call("LPOS", "nokey", "a", "COUNT", "0")).isEqualTo(EMPTY_ARRAY);
    c.call("HELLO", "3");
    assertThat(c.call("LPOS", "nokey", "a")).isEqualTo(NULL3);
  }

  @Test
  void lpos_errorsComeBeforeTheKey() {
    rpush("l", "a");
    String rankZero = error("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second "
        + "... or use negative to start from the end of the list");
    assertThat(c.call("LPOS", "l", "a", "RANK", "0")).isEqualTo(rankZero);
    assertThat(c.call("LPOS", "s", "a", "RANK", "0")).isEqualTo(rankZero);
    assertThat(c.call("LPOS", "nokey", "a", "RANK", "0")).isEqualTo(rankZero);
    assertThat(c.call("LPOS", "l", "a", "RANK", "abc")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("LPOS", "l", "a", "COUNT", "-1")).isEqualTo(error("ERR COUNT can't be negative"));
    assertThat(c.call("LPOS", "l", "a", "COUNT", "abc")).isEqualTo(error("ERR COUNT can't be negative"));
    assertThat(c.call("LPOS", "l", "a", "MAXLEN", "-1")).isEqualTo(error("ERR MAXLEN can't be negative"));
    assertThat(c.call("LPOS", "l", "a", "MAXLEN", "abc")).isEqualTo(error("ERR MAXLEN can't be negative"));
    assertThat(c.call("LPOS", "l", "a", "FOO")).isEqualTo(SYNTAX);
    assertThat(c.call("LPOS", "l", "a", "RANK")).isEqualTo(SYNTAX);
    assertThat(c.call("LPOS", "s", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("LPOS", "s", "a", "COUNT", "3")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- lmove, rpoplpush

  @Test
  void lmove_movesBetweenEnds() {
    rpush("l", "a", "b", "c");
    assertThat(c.call("LMOVE", "l", "d", "left", "right")).isEqualTo(bulk("a"));
    assertThat(c.call("LMOVE", "l", "d", "RIGHT", "LEFT")).isEqualTo(bulk("c"));
    assertThat(range("d")).isEqualTo(array("c", "a"));
    assertThat(c.call("LMOVE", "l", "d", "LEFT", "LEFT")).isEqualTo(bulk("b"));
    assertThat(c.call("EXISTS", "l")).isEqualTo(integer(0));
    assertThat(range("d")).isEqualTo(array("b", "c", "a"));
  }

  @Test
  void lmove_sameKeyRotates() {
    rpush("l", "a", "b", "c");
    assertThat(c.call("LMOVE", "l", "l", "RIGHT", "LEFT")).isEqualTo(bulk("c"));
    assertThat(range("l")).isEqualTo(array("c", "a", "b"));
    rpush("one", "x");
    assertThat(c.call("LMOVE", "one", "one", "LEFT", "RIGHT")).isEqualTo(bulk("x"));
    assertThat(range("one")).isEqualTo(array("x"));
  }

  @Test
  void lmove_missingSourceAndErrors() {
    rpush("l", "a");
    assertThat(c.call("LMOVE", "nokey", "d", "LEFT", "LEFT")).isEqualTo(nil());
    assertThat(c.call("LMOVE", "nokey", "s", "LEFT", "LEFT")).isEqualTo(nil());
    assertThat(c.call("LMOVE", "l", "d", "LEFT", "MIDDLE")).isEqualTo(SYNTAX);
    assertThat(c.call("LMOVE", "nokey", "d", "UP", "LEFT")).isEqualTo(SYNTAX);
    assertThat(c.call("LMOVE", "l", "s", "LEFT", "LEFT")).isEqualTo(WRONGTYPE);
    assertThat(c.call("LMOVE", "s", "l", "LEFT", "LEFT")).isEqualTo(WRONGTYPE);
    assertThat(range("l")).isEqualTo(array("a"));
  }

  @Test
  void rpoplpush_movesTailToHead() {
    rpush("l", "a", "b");
    assertThat(c.call("RPOPLPUSH", "l", "d")).isEqualTo(bulk("b"));
    assertThat(c.call("RPOPLPUSH", "l", "d")).isEqualTo(bulk("a"));
    assertThat(range("d")).isEqualTo(array("a", "b"));
    assertThat(c.call("RPOPLPUSH", "nokey", "d")).isEqualTo(nil());
    assertThat(c.call("RPOPLPUSH", "d", "s")).isEqualTo(WRONGTYPE);
    assertThat(c.call("RPOPLPUSH", "d", "d")).isEqualTo(bulk("b"));
    assertThat(range("d")).isEqualTo(array("b", "a"));
  }

  // ---------------------------------------------------------------- lmpop

  @Test
  void lmpop_popsFromTheFirstNonEmptyKey() {
    rpush("d", "a", "b", "c");
    assertThat(c.call("LMPOP", "2", "nokey", "d", "LEFT"))
        .isEqualTo("*2\r\n" + bulk("d") + array("a"));
    assertThat(c.call("LMPOP", "2", "nokey", "d", "right", "COUNT", "10"))
        .isEqualTo("*2\r\n" + bulk("d") + array("c", "b"));
    assertThat(c.call("EXISTS", "d")).isEqualTo(integer(0));
    assertThat(c.call("LMPOP", "1", "nokey", "LEFT")).isEqualTo(NULL_ARRAY);
  }

  @Test
  void lmpop_wrongTypeOnlyBeforeAListIsFound() {
    rpush("d", "1", "2", "3");
    assertThat(c.call("LMPOP", "2", "nokey", "s", "LEFT")).isEqualTo(WRONGTYPE);
    assertThat(c.call("LMPOP", "2", "d", "s", "RIGHT", "COUNT", "2"))
        .isEqualTo("*2\r\n" + bulk("d") + array("3", "2"));
  }

  @Test
  void lmpop_argumentErrors() {
    String numkeys = error("ERR numkeys should be greater than 0");
    String count = error("ERR count should be greater than 0");
    assertThat(c.call("LMPOP", "0", "l", "LEFT")).isEqualTo(numkeys);
    assertThat(c.call("LMPOP", "-1", "l", "LEFT")).isEqualTo(numkeys);
    assertThat(c.call("LMPOP", "abc", "l", "LEFT")).isEqualTo(numkeys);
    assertThat(c.call("LMPOP", "2", "l", "LEFT")).isEqualTo(SYNTAX);
    assertThat(c.call("LMPOP", "9223372036854775807", "l", "LEFT")).isEqualTo(SYNTAX);
    assertThat(c.call("LMPOP", "1", "l", "MIDDLE")).isEqualTo(SYNTAX);
    assertThat(c.call("LMPOP", "1", "l", "LEFT", "COUNT", "0")).isEqualTo(count);
    assertThat(c.call("LMPOP", "1", "l", "LEFT", "COUNT", "abc")).isEqualTo(count);
    assertThat(c.call("LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "2")).isEqualTo(SYNTAX);
    assertThat(c.call("LMPOP", "1", "l", "LEFT", "FOO")).isEqualTo(SYNTAX);
    assertThat(c.call("LMPOP", "1", "l", "LEFT", "COUNT")).isEqualTo(SYNTAX);
  }

  @Test
  void lmpop_resp3KeepsArraysAndNull() {
    rpush("d", "a", "b");
    c.call("HELLO", "3");
    assertThat(c.call("LMPOP", "1", "d", "LEFT", "COUNT", "5"))
        .isEqualTo("*2\r\n" + bulk("d") + array("a", "b"));
    assertThat(c.call("LMPOP", "1", "d", "LEFT")).isEqualTo(NULL3);
  }

  // ---------------------------------------------------------------- keyspace integration

  @Test
  void write_touchesWatchedKey() {
    rpush("l", "a", "b");
    try (NodeHarness.Client other = h.client()) {
      c.call("WATCH", "l");
      other.call("LSET", "l", "0", "z");
      c.call("MULTI");
      c.call("LLEN", "l");
      assertThat(c.call("EXEC")).isEqualTo(NULL_ARRAY);
    }
  }

  @Test
  void noOpCommands_leaveWatchedKeyClean() {
    rpush("l", "a");
    c.call("WATCH", "l");
    c.call("LINSERT", "l", "BEFORE", "nope", "x");
    c.call("LREM", "l", "0", "nope");
    c.call("LPOP", "l", "0");
    c.call("MULTI");
    c.call("LLEN", "l");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n" + integer(1));
  }

  @Test
  void ltrim_touchesWatchedKeyEvenWithoutRemoving() {
    rpush("l", "a");
    c.call("WATCH", "l");
    c.call("LTRIM", "l", "0", "-1");
    c.call("MULTI");
    c.call("LLEN", "l");
    assertThat(c.call("EXEC")).isEqualTo(NULL_ARRAY);
  }

  @Test
  void copy_makesAnIndependentList() {
    rpush("l", "a", "b");
    assertThat(c.call("COPY", "l", "l2")).isEqualTo(integer(1));
    c.call("LSET", "l", "0", "z");
    c.call("RPUSH", "l2", "c");
    assertThat(range("l")).isEqualTo(array("z", "b"));
    assertThat(range("l2")).isEqualTo(array("a", "b", "c"));
  }

  @Test
  void emptiedList_releasesItsMemory() {
    String before = c.call("DBSIZE");
    rpush("l", "a", "b", "c");
    c.call("LTRIM", "l", "5", "10");
    assertThat(c.call("DBSIZE")).isEqualTo(before);
    assertThat(h.engine.node().keyspace.usedMemory()).isEqualTo(usedMemoryWithoutList());
  }

  private long usedMemoryWithoutList() {
    NodeHarness fresh = new NodeHarness();
    try (NodeHarness.Client other = fresh.client()) {
      other.call("SET", "s", "x");
    }
    return fresh.engine.node().keyspace.usedMemory();
  }
}
