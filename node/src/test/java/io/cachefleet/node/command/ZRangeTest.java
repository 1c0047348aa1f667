package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.EMPTY_ARRAY;
import static io.cachefleet.node.command.NodeHarness.NOT_INTEGER;
import static io.cachefleet.node.command.NodeHarness.SYNTAX;
import static io.cachefleet.node.command.NodeHarness.WRONGTYPE;
import static io.cachefleet.node.command.NodeHarness.arr;
import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.dbl;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ZRANGE, ZRANGESTORE, ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX and
 * ZREVRANGEBYLEX; every expected reply was taken from redis-server 7.0.15.
 */
class ZRangeTest {

  private static final String LIMIT_ERROR =
      error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
  private static final String WITHSCORES_ERROR =
      error("ERR syntax error, WITHSCORES not supported in combination with BYLEX");

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  private void six() {
    c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f");
  }

  private void lex() {
    c.call("ZADD", "l", "0", "a", "0", "b", "0", "c", "0", "d");
  }

  @Test
  void zrange_byRank() {
    six();
    assertThat(c.call("ZRANGE", "z", "0", "-1")).isEqualTo(array("a", "b", "c", "d", "e", "f"));
    assertThat(c.call("ZRANGE", "z", "-2", "-1", "WITHSCORES")).isEqualTo(array("e", "5", "f", "6"));
    assertThat(c.call("ZRANGE", "z", "-100", "1")).isEqualTo(array("a", "b"));
    assertThat(c.call("ZRANGE", "z", "4", "100")).isEqualTo(array("e", "f"));
    assertThat(c.call("ZRANGE", "z", "3", "2")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANGE", "z", "6", "10")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANGE", "z", "-1", "-2")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANGE", "z", "1", "3", "REV")).isEqualTo(array("e", "d", "c"));
    assertThat(c.call("ZRANGE", "z", "0", "9223372036854775807")).isEqualTo(array("a", "b", "c", "d", "e", "f"));
    assertThat(c.call("ZREVRANGE", "z", "1", "2", "WITHSCORES")).isEqualTo(array("e", "5", "d", "4"));
    assertThat(c.call("ZRANGE", "nokey", "0", "-1")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void zrange_byScore() {
    six();
    assertThat(c.call("ZRANGE", "z", "2", "4", "BYSCORE")).isEqualTo(array("b", "c", "d"));
    assertThat(c.call("ZRANGE", "z", "4", "2", "BYSCORE", "REV")).isEqualTo(array("d", "c", "b"));
    assertThat(c.call("ZRANGE", "z", "(2", "(5", "BYSCORE", "WITHSCORES")).isEqualTo(array("c", "3", "d", "4"));
    assertThat(c.call("ZRANGEBYSCORE", "z", "(4", "+inf")).isEqualTo(array("e", "f"));
    assertThat(c.call("ZRANGEBYSCORE", "z", "7", "+inf")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANGEBYSCORE", "z", "-inf", "(1")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZREVRANGEBYSCORE", "z", "4", "2")).isEqualTo(array("d", "c", "b"));
    assertThat(c.call("ZREVRANGEBYSCORE", "z", "2", "4")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void zrange_limit() {
    six();
    assertThat(c.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "2")).isEqualTo(array("b", "c"));
    assertThat(c.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "-5"))
        .isEqualTo(array("b", "c", "d", "e", "f"));
    assertThat(c.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "5")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "5", "5")).isEqualTo(array("f"));
    assertThat(c.call("ZRANGE", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "6", "5")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANGE", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "1", "2", "WITHSCORES"))
        .isEqualTo(array("e", "5", "d", "4"));
    assertThat(c.call("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES", "LIMIT", "2", "3"))
        .isEqualTo(array("d", "4", "c", "3", "b", "2"));
    assertThat(c.call("ZRANGEBYSCORE", "z", "2", "4", "WITHSCORES", "LIMIT", "1", "1")).isEqualTo(array("c", "3"));
  }

  @Test
  void zrange_byLex() {
    lex();
    assertThat(c.call("ZRANGE", "l", "-", "+", "BYLEX")).isEqualTo(array("a", "b", "c", "d"));
    assertThat(c.call("ZRANGE", "l", "+", "-", "BYLEX", "REV")).isEqualTo(array("d", "c", "b", "a"));
    assertThat(c.call("ZRANGE", "l", "+", "-", "BYLEX", "REV", "LIMIT", "1", "1")).isEqualTo(array("c"));
    assertThat(c.call("ZRANGEBYLEX", "l", "[b", "+")).isEqualTo(array("b", "c", "d"));
    assertThat(c.call("ZRANGEBYLEX", "l", "-", "(c")).isEqualTo(array("a", "b"));
    assertThat(c.call("ZRANGEBYLEX", "l", "-", "+", "LIMIT", "1", "2")).isEqualTo(array("b", "c"));
    assertThat(c.call("ZRANGEBYLEX", "l", "-", "+", "LIMIT", "1", "-1")).isEqualTo(array("b", "c", "d"));
    assertThat(c.call("ZRANGEBYLEX", "l", "-", "+", "LIMIT", "-1", "2")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANGEBYLEX", "l", "-", "+", "LIMIT", "0", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZREVRANGEBYLEX", "l", "+", "-", "LIMIT", "1", "2")).isEqualTo(array("c", "b"));
    assertThat(c.call("ZREVRANGEBYLEX", "l", "(d", "[b")).isEqualTo(array("c", "b"));
    assertThat(c.call("ZREVRANGEBYLEX", "l", "-", "+")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZRANGEBYLEX", "l", "a", "+")).isEqualTo(error("ERR min or max not valid string range item"));
  }

  @Test
  void zrange_optionErrors() {
    lex();
    assertThat(c.call("ZRANGE", "l", "0", "-1", "LIMIT", "0", "1")).isEqualTo(LIMIT_ERROR);
    assertThat(c.call("ZRANGE", "l", "0", "-1", "LIMIT", "0", "1", "WITHSCORES")).isEqualTo(LIMIT_ERROR);
    assertThat(c.call("ZREVRANGE", "l", "0", "-1", "LIMIT", "0", "1")).isEqualTo(LIMIT_ERROR);
    assertThat(c.call("ZRANGE", "l", "-", "+", "BYLEX", "WITHSCORES")).isEqualTo(WITHSCORES_ERROR);
    assertThat(c.call("ZRANGE", "l", "0", "-1", "LIMIT", "0", "1", "WITHSCORES", "BYLEX")).isEqualTo(WITHSCORES_ERROR);
    assertThat(c.call("ZRANGEBYLEX", "l", "-", "+", "WITHSCORES")).isEqualTo(WITHSCORES_ERROR);
    assertThat(c.call("ZRANGE", "l", "0", "-1", "BYLEX", "BYSCORE")).isEqualTo(SYNTAX);
    assertThat(c.call("ZRANGE", "l", "0", "-1", "REV", "REV")).isEqualTo(SYNTAX);
    assertThat(c.call("ZREVRANGE", "l", "0", "-1", "REV")).isEqualTo(SYNTAX);
    assertThat(c.call("ZREVRANGE", "l", "0", "-1", "BYSCORE")).isEqualTo(SYNTAX);
    assertThat(c.call("ZRANGEBYLEX", "l", "-", "+", "BYSCORE")).isEqualTo(SYNTAX);
    assertThat(c.call("ZRANGEBYSCORE", "l", "0", "1", "WITHSCORES", "LIMIT", "0")).isEqualTo(SYNTAX);
    assertThat(c.call("ZRANGE", "l", "0", "-1", "LIMIT", "a", "b")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("ZRANGE", "l", "a", "b")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("ZRANGE", "l", "a", "b", "BYSCORE")).isEqualTo(error("ERR min or max is not a float"));
    assertThat(c.call("ZRANGE", "l", "0", "-1", "WITHSCORES", "WITHSCORES"))
        .isEqualTo(array("a", "0", "b", "0", "c", "0", "d", "0"));
    assertThat(c.call("ZRANGE", "l", "0", "-1", "LIMIT", "0", "-1")).isEqualTo(array("a", "b", "c", "d"));
  }

  @Test
  void zrange_argumentErrorsBeforeWrongType() {
    c.call("SET", "s", "x");
    assertThat(c.call("ZRANGE", "s", "0", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZRANGEBYSCORE", "s", "a", "b")).isEqualTo(error("ERR min or max is not a float"));
    assertThat(c.call("ZRANGEBYSCORE", "s", "0", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZRANGE", "nokey", "a", "b")).isEqualTo(NOT_INTEGER);
  }

  @Test
  void zrange_resp3NestsScorePairs() {
    six();
    c.call("HELLO", "3");
    assertThat(c.call("ZRANGE", "z", "0", "1", "WITHSCORES"))
        .isEqualTo(arr(arr(bulk("a"), dbl("1")), arr(bulk("b"), dbl("2"))));
    assertThat(c.call("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES", "LIMIT", "0", "1"))
        .isEqualTo(arr(arr(bulk("f"), dbl("6"))));
    assertThat(c.call("ZRANGE", "z", "0", "1")).isEqualTo(array("a", "b"));
  }

  @Test
  void zrange_largeSetRanksAndScores() {
    for (int i = 0; i < 1000; i++) {
      c.call("ZADD", "big", Integer.toString(i % 100), String.format("m%04d", i));
    }
    assertThat(c.call("ZRANGE", "big", "500", "502", "WITHSCORES"))
        .isEqualTo(array("m0050", "50", "m0150", "50", "m0250", "50"));
    assertThat(c.call("ZCOUNT", "big", "(10", "20")).isEqualTo(integer(100));
    assertThat(c.call("ZRANGEBYSCORE", "big", "99", "+inf", "LIMIT", "8", "5")).isEqualTo(array("m0899", "m0999"));
    assertThat(c.call("ZRANK", "big", "m0999")).isEqualTo(integer(999));
    assertThat(c.call("ZREVRANK", "big", "m0000")).isEqualTo(integer(999));
  }

  // ---------------------------------------------------------------- ZRANGESTORE

  @Test
  void zrangestore_storesTheRangeAndRepliesItsSize() {
    six();
    assertThat(c.call("ZRANGESTORE", "dst", "z", "(1", "+inf", "BYSCORE", "LIMIT", "0", "2")).isEqualTo(integer(2));
    assertThat(c.call("ZRANGE", "dst", "0", "-1", "WITHSCORES")).isEqualTo(array("b", "2", "c", "3"));
    assertThat(c.call("ZRANGESTORE", "dst", "z", "0", "1", "REV")).isEqualTo(integer(2));
    assertThat(c.call("ZRANGE", "dst", "0", "-1", "WITHSCORES")).isEqualTo(array("e", "5", "f", "6"));
    lex();
    assertThat(c.call("ZRANGESTORE", "dst", "l", "[b", "[c", "BYLEX")).isEqualTo(integer(2));
    assertThat(c.call("ZRANGE", "dst", "0", "-1", "WITHSCORES")).isEqualTo(array("b", "0", "c", "0"));
  }

  @Test
  void zrangestore_emptyResultDeletesTheDestination() {
    six();
    c.call("SET", "dst", "x");
    c.call("EXPIRE", "dst", "100");
    assertThat(c.call("ZRANGESTORE", "dst", "z", "10", "20")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "dst")).isEqualTo(integer(0));
    c.call("SET", "dst", "x");
    assertThat(c.call("ZRANGESTORE", "dst", "nokey", "0", "-1")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "dst")).isEqualTo(integer(0));
  }

  @Test
  void zrangestore_replacesAnyValueAndItsExpiry() {
    six();
    c.call("SET", "dst", "x", "EX", "100");
    assertThat(c.call("ZRANGESTORE", "dst", "z", "0", "0")).isEqualTo(integer(1));
    assertThat(c.call("TYPE", "dst")).isEqualTo("+zset\r\n");
    assertThat(c.call("TTL", "dst")).isEqualTo(integer(-1));
  }

  @Test
  void zrangestore_errors() {
    six();
    c.call("SET", "s", "x");
    c.call("SADD", "set", "a");
    assertThat(c.call("ZRANGESTORE", "dst", "z", "0", "-1", "WITHSCORES")).isEqualTo(SYNTAX);
    assertThat(c.call("ZRANGESTORE", "dst", "z", "0", "-1", "LIMIT", "0", "1")).isEqualTo(LIMIT_ERROR);
    assertThat(c.call("ZRANGESTORE", "dst", "z", "a", "b")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("ZRANGESTORE", "dst", "s", "0", "-1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZRANGESTORE", "dst", "set", "0", "-1")).isEqualTo(WRONGTYPE);
  }
}
