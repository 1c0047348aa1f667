package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.EMPTY_ARRAY;
import static io.cachefleet.node.command.NodeHarness.NOT_INTEGER;
import static io.cachefleet.node.command.NodeHarness.NULL3;
import static io.cachefleet.node.command.NodeHarness.NULL_ARRAY;
import static io.cachefleet.node.command.NodeHarness.SYNTAX;
import static io.cachefleet.node.command.NodeHarness.WRONGTYPE;
import static io.cachefleet.node.command.NodeHarness.arr;
import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.dbl;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ZADD, ZINCRBY, ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCOUNT, ZLEXCOUNT, the ZREMRANGEBY
 * commands, ZRANDMEMBER and ZSCAN; every expected reply was taken from redis-server 7.0.15.
 */
class ZSetCommandsTest {

  static final String NOT_A_FLOAT = error("ERR value is not a valid float");

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  // ---------------------------------------------------------------- ZADD

  @Test
  void zadd_addsAndCountsNewMembersOnly() {
    assertThat(c.call("ZADD", "z", "1", "a", "2", "b")).isEqualTo(integer(2));
    assertThat(c.call("ZADD", "z", "5", "a", "3", "c")).isEqualTo(integer(1));
    assertThat(c.call("ZADD", "n", "1", "a", "2", "a", "3", "a")).isEqualTo(integer(1));
    assertThat(c.call("ZRANGE", "n", "0", "-1", "WITHSCORES")).isEqualTo(array("a", "3"));
    assertThat(c.call("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo(array("b", "2", "c", "3", "a", "5"));
    assertThat(c.call("TYPE", "z")).isEqualTo("+zset\r\n");
  }

  @Test
  void zadd_optionErrors() {
    assertThat(c.call("ZADD", "z", "nx", "xx", "1", "a"))
        .isEqualTo(error("ERR XX and NX options at the same time are not compatible"));
    String gtLtNx = error("ERR GT, LT, and/or NX options at the same time are not compatible");
    assertThat(c.call("ZADD", "z", "nx", "gt", "1", "a")).isEqualTo(gtLtNx);
    assertThat(c.call("ZADD", "z", "GT", "LT", "1", "a")).isEqualTo(gtLtNx);
    assertThat(c.call("ZADD", "z", "incr", "1", "a", "2", "b"))
        .isEqualTo(error("ERR INCR option supports a single increment-element pair"));
    assertThat(c.call("ZADD", "z", "xx", "nx")).isEqualTo(SYNTAX);
    assertThat(c.call("ZADD", "z", "1", "a", "2")).isEqualTo(SYNTAX);
    assertThat(c.call("ZADD", "z", "1", "a", "2", "b", "ch")).isEqualTo(SYNTAX);
    assertThat(c.call("ZADD", "z", "1")).isEqualTo(error("ERR wrong number of arguments for 'zadd' command"));
    assertThat(c.call("EXISTS", "z")).isEqualTo(integer(0));
  }

  @Test
  void zadd_scoresParseAsStrtod() {
    assertThat(c.call("ZADD", "z", "abc", "a")).isEqualTo(NOT_A_FLOAT);
    assertThat(c.call("ZADD", "z", "nan", "a")).isEqualTo(NOT_A_FLOAT);
    assertThat(c.call("ZADD", "z", " 1", "a")).isEqualTo(NOT_A_FLOAT);
    assertThat(c.call("ZADD", "z", "1e400", "a")).isEqualTo(NOT_A_FLOAT);
    assertThat(c.call("ZADD", "z", "1e-400", "a")).isEqualTo(NOT_A_FLOAT);
    assertThat(c.call("ZADD", "z", "1e", "a")).isEqualTo(NOT_A_FLOAT);
    assertThat(c.call("ZADD", "z", "1", "a", "x", "b")).isEqualTo(NOT_A_FLOAT);
    assertThat(c.call("EXISTS", "z")).isEqualTo(integer(0));
    assertThat(c.call("ZADD", "z", "0x10", "a", "0x1p-2", "b", "-.5e1", "c", "5.", "d", "+3", "e", "-INF", "f",
        "infinity", "g", "1.1", "h")).isEqualTo(integer(8));
    assertThat(c.call("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo(array("f", "-inf", "c", "-5", "b", "0.25",
        "h", "1.1000000000000001", "e", "3", "d", "5", "a", "16", "g", "inf"));
  }

  @Test
  void zadd_nxXxGtLtCh() {
    c.call("ZADD", "z", "1", "a", "2", "b");
    assertThat(c.call("ZADD", "z", "NX", "5", "a", "6", "c")).isEqualTo(integer(1));
    assertThat(c.call("ZADD", "z", "XX", "7", "d", "8", "b")).isEqualTo(integer(0));
    assertThat(c.call("ZADD", "z", "CH", "XX", "7", "d", "9", "b")).isEqualTo(integer(1));
    assertThat(c.call("ZADD", "z", "GT", "CH", "0", "a", "10", "b", "1", "new")).isEqualTo(integer(2));
    assertThat(c.call("ZADD", "z", "LT", "CH", "0", "a", "20", "b")).isEqualTo(integer(1));
    assertThat(c.call("ZADD", "z", "CH", "0", "a")).isEqualTo(integer(0));
    assertThat(c.call("ZRANGE", "z", "0", "-1", "WITHSCORES"))
        .isEqualTo(array("a", "0", "new", "1", "c", "6", "b", "10"));
  }

  @Test
  void zadd_incrRepliesTheNewScoreOrNil() {
    assertThat(c.call("ZADD", "z", "INCR", "2.5", "a")).isEqualTo(bulk("2.5"));
    assertThat(c.call("ZADD", "z", "incr", "0", "a")).isEqualTo(bulk("2.5"));
    assertThat(c.call("ZADD", "z", "incr", "nx", "1", "a")).isEqualTo(nil());
    assertThat(c.call("ZADD", "z", "incr", "xx", "1", "nope")).isEqualTo(nil());
    assertThat(c.call("ZADD", "z", "gt", "incr", "-5", "a")).isEqualTo(nil());
    assertThat(c.call("ZADD", "z", "xx", "ch", "incr", "1", "a")).isEqualTo(bulk("3.5"));
    assertThat(c.call("ZADD", "z", "inf", "i")).isEqualTo(integer(1));
    assertThat(c.call("ZADD", "z", "incr", "-inf", "i"))
        .isEqualTo(error("ERR resulting score is not a number (NaN)"));
    assertThat(c.call("ZSCORE", "z", "i")).isEqualTo(bulk("inf"));
  }

  @Test
  void zadd_xxOnMissingKeyCreatesNothing() {
    assertThat(c.call("ZADD", "nokey", "XX", "1", "a")).isEqualTo(integer(0));
    assertThat(c.call("ZADD", "nokey", "XX", "INCR", "1", "a")).isEqualTo(nil());
    assertThat(c.call("EXISTS", "nokey")).isEqualTo(integer(0));
  }

  @Test
  void zadd_argumentErrorsBeforeWrongType() {
    c.call("SET", "s", "x");
    assertThat(c.call("ZADD", "s", "1", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZADD", "s", "xx", "nx", "1", "a"))
        .isEqualTo(error("ERR XX and NX options at the same time are not compatible"));
    assertThat(c.call("ZADD", "s", "abc", "a")).isEqualTo(NOT_A_FLOAT);
  }

  @Test
  void zadd_resp3IncrRepliesADouble() {
    c.call("HELLO", "3");
    assertThat(c.call("ZADD", "z", "INCR", "1.5", "a")).isEqualTo(dbl("1.5"));
    assertThat(c.call("ZADD", "z", "INCR", "NX", "1", "a")).isEqualTo(NULL3);
  }

  @Test
  void zincrby_addsToTheScore() {
    assertThat(c.call("ZINCRBY", "z", "1", "a")).isEqualTo(bulk("1"));
    assertThat(c.call("ZINCRBY", "z", "0.1", "a")).isEqualTo(bulk("1.1000000000000001"));
    assertThat(c.call("ZINCRBY", "z", "abc", "a")).isEqualTo(NOT_A_FLOAT);
    assertThat(c.call("ZINCRBY", "z", "nx", "a")).isEqualTo(SYNTAX);
    assertThat(c.call("ZINCRBY", "z", "1e308", "a")).isEqualTo(bulk("1e+308"));
    assertThat(c.call("ZINCRBY", "z", "1e308", "a")).isEqualTo(bulk("inf"));
    assertThat(c.call("ZINCRBY", "z", "-inf", "a")).isEqualTo(error("ERR resulting score is not a number (NaN)"));
    c.call("SET", "s", "x");
    assertThat(c.call("ZINCRBY", "s", "1", "a")).isEqualTo(WRONGTYPE);
  }

  @Test
  void negativeZero_compactSetsStoreItAsZero() {
    assertThat(c.call("ZINCRBY", "z", "-0", "a")).isEqualTo(bulk("-0"));
    assertThat(c.call("ZSCORE", "z", "a")).isEqualTo(bulk("0"));
    String[] args = new String[2 + 2 * 200];
    args[0] = "ZADD";
    args[1] = "big";
    for (int i = 0; i < 200; i++) {
      args[2 + 2 * i] = Integer.toString(i + 1);
      args[3 + 2 * i] = "m" + i;
    }
    c.call(args);
    c.call("ZADD", "big", "-0", "neg");
    assertThat(c.call("ZSCORE", "big", "neg")).isEqualTo(bulk("-0"));
    assertThat(c.call("ZRANGESTORE", "d1", "big", "0", "5")).isEqualTo(integer(6));
    assertThat(c.call("ZSCORE", "d1", "neg")).isEqualTo(bulk("0"));
    assertThat(c.call("ZRANGESTORE", "d2", "big", "0", "130")).isEqualTo(integer(131));
    assertThat(c.call("ZSCORE", "d2", "neg")).isEqualTo(bulk("-0"));
    assertThat(c.call("ZUNIONSTORE", "u", "1", "big")).isEqualTo(integer(201));
    assertThat(c.call("ZSCORE", "u", "neg")).isEqualTo(bulk("-0"));
    assertThat(c.call("ZINTERSTORE", "i", "2", "big", "d1")).isEqualTo(integer(6));
    assertThat(c.call("ZSCORE", "i", "neg")).isEqualTo(bulk("0"));
  }

  // ---------------------------------------------------------------- reads

  @Test
  void zscoreZmscoreZcard() {
    c.call("ZADD", "z", "1.5", "a", "-2", "b");
    assertThat(c.call("ZSCORE", "z", "a")).isEqualTo(bulk("1.5"));
    assertThat(c.call("ZSCORE", "z", "nope")).isEqualTo(nil());
    assertThat(c.call("ZSCORE", "nokey", "a")).isEqualTo(nil());
    assertThat(c.call("ZMSCORE", "z", "b", "nope", "a")).isEqualTo(arr(bulk("-2"), nil(), bulk("1.5")));
    assertThat(c.call("ZMSCORE", "nokey", "a", "b")).isEqualTo(arr(nil(), nil()));
    assertThat(c.call("ZCARD", "z")).isEqualTo(integer(2));
    assertThat(c.call("ZCARD", "nokey")).isEqualTo(integer(0));
    c.call("SET", "s", "x");
    assertThat(c.call("ZSCORE", "s", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZMSCORE", "s", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZCARD", "s")).isEqualTo(WRONGTYPE);
  }

  @Test
  void zscoreZmscore_resp3() {
    c.call("HELLO", "3");
    c.call("ZADD", "z", "3", "c");
    assertThat(c.call("ZSCORE", "z", "c")).isEqualTo(dbl("3"));
    assertThat(c.call("ZSCORE", "z", "x")).isEqualTo(NULL3);
    assertThat(c.call("ZMSCORE", "z", "c", "x")).isEqualTo(arr(dbl("3"), NULL3));
  }

  @Test
  void zrankZrevrank() {
    c.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assertThat(c.call("ZRANK", "z", "a")).isEqualTo(integer(0));
    assertThat(c.call("ZRANK", "z", "c")).isEqualTo(integer(2));
    assertThat(c.call("ZREVRANK", "z", "a")).isEqualTo(integer(2));
    assertThat(c.call("ZRANK", "z", "x")).isEqualTo(nil());
    assertThat(c.call("ZREVRANK", "nokey", "x")).isEqualTo(nil());
    c.call("SET", "s", "x");
    assertThat(c.call("ZRANK", "s", "a")).isEqualTo(WRONGTYPE);
  }

  @Test
  void zcount_scoreRanges() {
    c.call("ZADD", "z", "0", "a", "1", "b", "2", "c", "16", "d");
    assertThat(c.call("ZCOUNT", "z", "-inf", "+inf")).isEqualTo(integer(4));
    assertThat(c.call("ZCOUNT", "z", "(1", "2")).isEqualTo(integer(1));
    assertThat(c.call("ZCOUNT", "z", "(1", "(2")).isEqualTo(integer(0));
    assertThat(c.call("ZCOUNT", "z", "2", "1")).isEqualTo(integer(0));
    assertThat(c.call("ZCOUNT", "z", "", "1")).isEqualTo(integer(2));
    assertThat(c.call("ZCOUNT", "z", "(", "1")).isEqualTo(integer(1));
    assertThat(c.call("ZCOUNT", "z", " 1", "2")).isEqualTo(integer(2));
    assertThat(c.call("ZCOUNT", "z", "(  1", "5")).isEqualTo(integer(1));
    assertThat(c.call("ZCOUNT", "z", "0x10", "100")).isEqualTo(integer(1));
    assertThat(c.call("ZCOUNT", "z", "1e999", "1")).isEqualTo(integer(0));
    assertThat(c.call("ZCOUNT", "z", "infinity", "-INF")).isEqualTo(integer(0));
    assertThat(c.call("ZCOUNT", "z", "1\0junk", "+inf")).isEqualTo(integer(3));
    assertThat(c.call("ZCOUNT", "z", "(1\0", "+inf")).isEqualTo(integer(2));
    assertThat(c.call("ZCOUNT", "nokey", "0", "1")).isEqualTo(integer(0));
  }

  @Test
  void zcount_badBoundsBeforeWrongType() {
    String notAFloat = error("ERR min or max is not a float");
    c.call("ZADD", "z", "1", "a");
    c.call("SET", "s", "x");
    assertThat(c.call("ZCOUNT", "z", "nan", "1")).isEqualTo(notAFloat);
    assertThat(c.call("ZCOUNT", "z", "(nan", "1")).isEqualTo(notAFloat);
    assertThat(c.call("ZCOUNT", "z", "1 ", "2")).isEqualTo(notAFloat);
    assertThat(c.call("ZCOUNT", "z", "  (1", "5")).isEqualTo(notAFloat);
    assertThat(c.call("ZCOUNT", "z", "1", "((2")).isEqualTo(notAFloat);
    assertThat(c.call("ZCOUNT", "nokey", "abc", "1")).isEqualTo(notAFloat);
    assertThat(c.call("ZCOUNT", "s", "a", "1")).isEqualTo(notAFloat);
    assertThat(c.call("ZCOUNT", "s", "0", "1")).isEqualTo(WRONGTYPE);
  }

  @Test
  void zlexcount_lexRanges() {
    c.call("ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d");
    assertThat(c.call("ZLEXCOUNT", "z", "-", "+")).isEqualTo(integer(4));
    assertThat(c.call("ZLEXCOUNT", "z", "+", "-")).isEqualTo(integer(0));
    assertThat(c.call("ZLEXCOUNT", "z", "-", "-")).isEqualTo(integer(0));
    assertThat(c.call("ZLEXCOUNT", "z", "[a", "[a")).isEqualTo(integer(1));
    assertThat(c.call("ZLEXCOUNT", "z", "(a", "[a")).isEqualTo(integer(0));
    assertThat(c.call("ZLEXCOUNT", "z", "[b", "(d")).isEqualTo(integer(2));
    assertThat(c.call("ZLEXCOUNT", "z", "(", "+")).isEqualTo(integer(4));
    String bad = error("ERR min or max not valid string range item");
    assertThat(c.call("ZLEXCOUNT", "z", "a", "+")).isEqualTo(bad);
    assertThat(c.call("ZLEXCOUNT", "z", "", "+")).isEqualTo(bad);
    assertThat(c.call("ZLEXCOUNT", "z", "-x", "+")).isEqualTo(bad);
    assertThat(c.call("ZLEXCOUNT", "nokey", "a", "+")).isEqualTo(bad);
    c.call("SET", "s", "x");
    assertThat(c.call("ZLEXCOUNT", "s", "-", "+")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- removals

  @Test
  void zrem_removesAndDeletesTheEmptyKey() {
    c.call("ZADD", "z", "1", "a", "2", "b");
    assertThat(c.call("ZREM", "z", "a", "x", "a")).isEqualTo(integer(1));
    assertThat(c.call("ZREM", "z", "b")).isEqualTo(integer(1));
    assertThat(c.call("EXISTS", "z")).isEqualTo(integer(0));
    assertThat(c.call("ZREM", "nokey", "a")).isEqualTo(integer(0));
    c.call("SET", "s", "x");
    assertThat(c.call("ZREM", "s", "a")).isEqualTo(WRONGTYPE);
  }

  @Test
  void zremrangebyrank_clampsLikeZrange() {
    c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
    assertThat(c.call("ZREMRANGEBYRANK", "z", "10", "20")).isEqualTo(integer(0));
    assertThat(c.call("ZREMRANGEBYRANK", "z", "3", "2")).isEqualTo(integer(0));
    assertThat(c.call("ZREMRANGEBYRANK", "z", "-100", "0")).isEqualTo(integer(1));
    assertThat(c.call("ZREMRANGEBYRANK", "z", "-1", "-1")).isEqualTo(integer(1));
    assertThat(c.call("ZRANGE", "z", "0", "-1")).isEqualTo(array("b", "c", "d"));
    assertThat(c.call("ZREMRANGEBYRANK", "z", "0", "100")).isEqualTo(integer(3));
    assertThat(c.call("EXISTS", "z")).isEqualTo(integer(0));
    assertThat(c.call("ZREMRANGEBYRANK", "nokey", "x", "1")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("ZREMRANGEBYRANK", "nokey", "0", "1")).isEqualTo(integer(0));
  }

  @Test
  void zremrangebyscoreAndLex() {
    c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
    assertThat(c.call("ZREMRANGEBYSCORE", "z", "(3", "+inf")).isEqualTo(integer(2));
    assertThat(c.call("ZREMRANGEBYSCORE", "z", "a", "1")).isEqualTo(error("ERR min or max is not a float"));
    assertThat(c.call("ZRANGE", "z", "0", "-1")).isEqualTo(array("a", "b", "c"));
    c.call("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e");
    assertThat(c.call("ZREMRANGEBYLEX", "l", "(a", "[c")).isEqualTo(integer(2));
    assertThat(c.call("ZREMRANGEBYLEX", "l", "[e", "+")).isEqualTo(integer(1));
    assertThat(c.call("ZREMRANGEBYLEX", "l", "a", "+")).isEqualTo(error("ERR min or max not valid string range item"));
    assertThat(c.call("ZRANGE", "l", "0", "-1")).isEqualTo(array("a", "d"));
    assertThat(c.call("ZREMRANGEBYLEX", "l", "-", "+")).isEqualTo(integer(2));
    assertThat(c.call("EXISTS", "l")).isEqualTo(integer(0));
    c.call("SET", "s", "x");
    assertThat(c.call("ZREMRANGEBYSCORE", "s", "0", "1")).isEqualTo(WRONGTYPE);
  }

  @Test
  void writes_touchWatchedKeysOnlyWhenSomethingChanged() {
    c.call("ZADD", "z", "1", "a");
    c.call("WATCH", "z");
    c.call("ZADD", "z", "1", "a");
    c.call("ZREM", "z", "nope");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo(arr("+PONG\r\n"));
    c.call("WATCH", "z");
    c.call("ZINCRBY", "z", "1", "a");
    c.call("MULTI");
    c.call("PING");
    assertThat(c.call("EXEC")).isEqualTo(NULL_ARRAY);
  }

  // ---------------------------------------------------------------- ZRANDMEMBER

  @Test
  void zrandmember_missingKeyAndErrors() {
    c.call("SET", "s", "x");
    assertThat(c.call("ZRANDMEMBER", "nokey")).isEqualTo(nil());
    assertThat(c.call("ZRANDMEMBER", "nokey", "5")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANDMEMBER", "nokey", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("ZRANDMEMBER", "nokey", "1", "foo")).isEqualTo(SYNTAX);
    assertThat(c.call("ZRANDMEMBER", "s")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZRANDMEMBER", "s", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZRANDMEMBER", "s", "1", "withscores", "foo")).isEqualTo(SYNTAX);
    assertThat(c.call("ZRANDMEMBER", "s", "-9223372036854775808")).isEqualTo(error(
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
    assertThat(c.call("ZRANDMEMBER", "s", "4611686018427387904", "WITHSCORES"))
        .isEqualTo(error("ERR value is out of range"));
  }

  @Test
  void zrandmember_countCoveringTheSetRepliesItHighestFirst() {
    c.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assertThat(c.call("ZRANDMEMBER", "z", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANDMEMBER", "z", "3")).isEqualTo(array("c", "b", "a"));
    assertThat(c.call("ZRANDMEMBER", "z", "10", "WITHSCORES")).isEqualTo(array("c", "3", "b", "2", "a", "1"));
    c.call("HELLO", "3");
    assertThat(c.call("ZRANDMEMBER", "z", "5", "withscores"))
        .isEqualTo(arr(arr(bulk("c"), dbl("3")), arr(bulk("b"), dbl("2")), arr(bulk("a"), dbl("1"))));
    assertThat(c.call("ZRANDMEMBER", "nokey")).isEqualTo(NULL3);
  }

  @Test
  void zrandmember_samples() {
    c.call("ZADD", "one", "5", "x");
    assertThat(c.call("ZRANDMEMBER", "one")).isEqualTo(bulk("x"));
    assertThat(c.call("ZRANDMEMBER", "one", "-3", "WITHSCORES")).isEqualTo(array("x", "5", "x", "5", "x", "5"));
    for (int i = 0; i < 100; i++) {
      c.call("ZADD", "z", Integer.toString(i), "m" + i);
    }
    for (String count : new String[] {"10", "50", "99"}) {
      List<String> members = members(c.call("ZRANDMEMBER", "z", count));
      assertThat(members).hasSize(Integer.parseInt(count)).doesNotHaveDuplicates().allMatch(m -> m.startsWith("m"));
    }
    assertThat(members(c.call("ZRANDMEMBER", "z", "-300"))).hasSize(300);
  }

  /** The bulk strings of a flat array reply. */
  static List<String> members(String reply) {
    List<String> out = new ArrayList<>();
    String[] lines = reply.split("\r\n");
    for (int i = 1; i < lines.length; i += 2) {
      out.add(lines[i + 1]);
    }
    return out;
  }

  // ---------------------------------------------------------------- ZSCAN

  @Test
  void zscan_compactSetWholeAndInOrder() {
    c.call("ZADD", "z", "1.1", "a", "2", "b", "-0", "c");
    String all = "*2\r\n" + bulk("0") + array("c", "0", "a", "1.1000000000000001", "b", "2");
    assertThat(c.call("ZSCAN", "z", "0")).isEqualTo(all);
    assertThat(c.call("ZSCAN", "z", "0", "COUNT", "1")).isEqualTo(all);
    assertThat(c.call("ZSCAN", "z", "-1")).isEqualTo(all);
    assertThat(c.call("ZSCAN", "z", "0", "MATCH", "[ab]")).isEqualTo("*2\r\n" + bulk("0")
        + array("a", "1.1000000000000001", "b", "2"));
    c.call("HELLO", "3");
    assertThat(c.call("ZSCAN", "z", "0")).isEqualTo(all);
  }

  @Test
  void zscan_errors() {
    c.call("ZADD", "z", "1", "a");
    c.call("SET", "s", "x");
    assertThat(c.call("ZSCAN", "z", "abc")).isEqualTo(error("ERR invalid cursor"));
    assertThat(c.call("ZSCAN", "z", "18446744073709551616")).isEqualTo(error("ERR invalid cursor"));
    assertThat(c.call("ZSCAN", "z", "0", "TYPE", "zset")).isEqualTo(SYNTAX);
    assertThat(c.call("ZSCAN", "z", "0", "COUNT", "0")).isEqualTo(SYNTAX);
    assertThat(c.call("ZSCAN", "z", "0", "COUNT", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("ZSCAN", "z", "0", "MATCH")).isEqualTo(SYNTAX);
    assertThat(c.call("ZSCAN", "nokey", "0", "foo")).isEqualTo("*2\r\n" + bulk("0") + "*0\r\n");
    assertThat(c.call("ZSCAN", "s", "0")).isEqualTo(WRONGTYPE);
  }

  @Test
  void zscan_largeSetVisitsEveryMemberOnce() {
    for (int i = 0; i < 300; i++) {
      c.call("ZADD", "z", Integer.toString(i), "m" + i);
    }
    List<String> seen = new ArrayList<>();
    String cursor = "0";
    do {
      String reply = c.call("ZSCAN", "z", cursor, "COUNT", "20");
      String[] lines = reply.split("\r\n");
      cursor = lines[2];
      for (int i = 5; i < lines.length; i += 4) {
        seen.add(lines[i] + "=" + lines[i + 2]);
      }
    } while (!cursor.equals("0"));
    assertThat(seen).hasSize(300).doesNotHaveDuplicates().contains("m7=7", "m299=299");
  }
}
