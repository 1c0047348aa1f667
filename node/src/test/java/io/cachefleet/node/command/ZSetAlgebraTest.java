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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ZUNION, ZINTER, ZDIFF, ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE and ZINTERCARD over sorted sets and
 * sets; every expected reply was taken from redis-server 7.0.15.
 */
class ZSetAlgebraTest {

  private static final String WEIGHT_ERROR = error("ERR weight value is not a float");

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @BeforeEach
  void data() {
    c.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    c.call("SADD", "s", "a", "d");
    c.call("SET", "str", "x");
  }

  @AfterEach
  void close() {
    c.close();
  }

  @Test
  void numkeys_errors() {
    for (String cmd : new String[] {"zunion", "zinter", "zdiff", "zintercard"}) {
      assertThat(c.call(cmd, "0", "z"))
          .isEqualTo(error("ERR at least 1 input key is needed for '" + cmd + "' command"));
      assertThat(c.call(cmd, "-1", "z"))
          .isEqualTo(error("ERR at least 1 input key is needed for '" + cmd + "' command"));
      assertThat(c.call(cmd, "x", "z")).isEqualTo(NOT_INTEGER);
      assertThat(c.call(cmd, "2", "z")).isEqualTo(SYNTAX);
    }
    assertThat(c.call("ZUNIONSTORE", "d", "0", "z"))
        .isEqualTo(error("ERR at least 1 input key is needed for 'zunionstore' command"));
    assertThat(c.call("ZDIFFSTORE", "d", "0", "z"))
        .isEqualTo(error("ERR at least 1 input key is needed for 'zdiffstore' command"));
  }

  @Test
  void wrongTypeBeforeOptions() {
    assertThat(c.call("ZUNION", "2", "str", "z", "foo")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZUNION", "2", "nokey", "str")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZINTERCARD", "2", "z", "str", "LIMIT", "-1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("ZUNION", "2", "z", "s", "foo")).isEqualTo(SYNTAX);
  }

  @Test
  void zunion_setsScoreOne() {
    assertThat(c.call("ZUNION", "2", "z", "s")).isEqualTo(array("d", "a", "b", "c"));
    assertThat(c.call("ZUNION", "2", "z", "s", "WITHSCORES")).isEqualTo(array("d", "1", "a", "2", "b", "2", "c", "3"));
    assertThat(c.call("ZUNION", "2", "z", "s", "weights", "2", "3", "withscores"))
        .isEqualTo(array("d", "3", "b", "4", "a", "5", "c", "6"));
    assertThat(c.call("ZUNION", "2", "z", "s", "WEIGHTS", "0x2", "1e1", "WITHSCORES"))
        .isEqualTo(array("b", "4", "c", "6", "d", "10", "a", "12"));
    assertThat(c.call("ZUNION", "2", "z", "s", "AGGREGATE", "MAX", "WITHSCORES"))
        .isEqualTo(array("a", "1", "d", "1", "b", "2", "c", "3"));
    assertThat(c.call("ZUNION", "2", "z", "s", "WEIGHTS", "1", "2", "WEIGHTS", "3", "4", "WITHSCORES"))
        .isEqualTo(array("d", "4", "b", "6", "a", "7", "c", "9"));
  }

  @Test
  void zunion_optionErrors() {
    assertThat(c.call("ZUNION", "2", "z", "s", "WEIGHTS", "2", "WITHSCORES")).isEqualTo(WEIGHT_ERROR);
    assertThat(c.call("ZUNION", "2", "z", "s", "WEIGHTS", "2", "x")).isEqualTo(WEIGHT_ERROR);
    assertThat(c.call("ZUNION", "2", "z", "s", "WEIGHTS", " 2", "1")).isEqualTo(WEIGHT_ERROR);
    assertThat(c.call("ZUNION", "1", "z", "WEIGHTS", "nan")).isEqualTo(WEIGHT_ERROR);
    assertThat(c.call("ZUNION", "2", "z", "s", "AGGREGATE", "foo")).isEqualTo(SYNTAX);
    assertThat(c.call("ZUNION", "2", "z", "s", "AGGREGATE")).isEqualTo(SYNTAX);
    assertThat(c.call("ZUNIONSTORE", "d", "2", "z", "s", "WITHSCORES")).isEqualTo(SYNTAX);
  }

  @Test
  void zunion_infinitiesAndNaN() {
    assertThat(c.call("ZUNION", "1", "z", "WEIGHTS", "inf", "WITHSCORES"))
        .isEqualTo(array("a", "inf", "b", "inf", "c", "inf"));
    assertThat(c.call("ZUNION", "2", "z", "z", "WEIGHTS", "inf", "-inf", "WITHSCORES"))
        .isEqualTo(array("a", "0", "b", "0", "c", "0"));
    assertThat(c.call("ZUNION", "2", "z", "z", "WEIGHTS", "0", "inf", "WITHSCORES"))
        .isEqualTo(array("a", "inf", "b", "inf", "c", "inf"));
    assertThat(c.call("ZINTER", "2", "z", "z", "WEIGHTS", "0", "inf", "AGGREGATE", "MIN", "WITHSCORES"))
        .isEqualTo(array("a", "0", "b", "0", "c", "0"));
  }

  @Test
  void zinter() {
    assertThat(c.call("ZINTER", "2", "z", "s", "WITHSCORES")).isEqualTo(array("a", "2"));
    assertThat(c.call("ZINTER", "2", "z", "s")).isEqualTo(array("a"));
    assertThat(c.call("ZINTER", "2", "z", "s", "AGGREGATE", "MIN", "WEIGHTS", "5", "1", "WITHSCORES"))
        .isEqualTo(array("a", "1"));
    assertThat(c.call("ZINTER", "3", "z", "z", "z", "AGGREGATE", "MAX", "WEIGHTS", "1", "-1", "3", "WITHSCORES"))
        .isEqualTo(array("a", "3", "b", "6", "c", "9"));
    assertThat(c.call("ZINTER", "2", "z", "nokey", "WITHSCORES")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZINTER", "2", "s", "s", "WITHSCORES")).isEqualTo(array("a", "2", "d", "2"));
  }

  @Test
  void zdiff() {
    assertThat(c.call("ZDIFF", "2", "z", "s", "WITHSCORES")).isEqualTo(array("b", "2", "c", "3"));
    assertThat(c.call("ZDIFF", "2", "s", "z", "WITHSCORES")).isEqualTo(array("d", "1"));
    assertThat(c.call("ZDIFF", "2", "z", "z")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZDIFF", "2", "nokey", "z")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("ZDIFF", "2", "z", "nokey")).isEqualTo(array("a", "b", "c"));
    assertThat(c.call("ZDIFF", "2", "z", "s", "WEIGHTS", "1", "2")).isEqualTo(SYNTAX);
    assertThat(c.call("ZDIFF", "2", "z", "s", "AGGREGATE", "SUM")).isEqualTo(SYNTAX);
  }

  @Test
  void zintercard() {
    assertThat(c.call("ZINTERCARD", "2", "z", "s")).isEqualTo(integer(1));
    assertThat(c.call("ZINTERCARD", "1", "z", "LIMIT", "2")).isEqualTo(integer(2));
    assertThat(c.call("ZINTERCARD", "1", "z", "LIMIT", "0")).isEqualTo(integer(3));
    assertThat(c.call("ZINTERCARD", "1", "z", "LIMIT", "2", "LIMIT", "1")).isEqualTo(integer(1));
    assertThat(c.call("ZINTERCARD", "2", "z", "nokey")).isEqualTo(integer(0));
    assertThat(c.call("ZINTERCARD", "2", "z", "z")).isEqualTo(integer(3));
    assertThat(c.call("ZINTERCARD", "2", "z", "s", "LIMIT", "-1")).isEqualTo(error("ERR LIMIT can't be negative"));
    assertThat(c.call("ZINTERCARD", "2", "z", "s", "LIMIT", "x")).isEqualTo(error("ERR LIMIT can't be negative"));
    assertThat(c.call("ZINTERCARD", "2", "z", "s", "WITHSCORES")).isEqualTo(SYNTAX);
    assertThat(c.call("ZINTERCARD", "1", "z", "LIMIT")).isEqualTo(SYNTAX);
    assertThat(c.call("ZINTERCARD", "2", "z", "s", "AGGREGATE", "SUM")).isEqualTo(SYNTAX);
  }

  @Test
  void store_replacesTheDestination() {
    assertThat(c.call("ZUNIONSTORE", "d", "2", "z", "s")).isEqualTo(integer(4));
    assertThat(c.call("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(array("d", "1", "a", "2", "b", "2", "c", "3"));
    assertThat(c.call("ZINTERSTORE", "d", "2", "z", "s", "WEIGHTS", "3", "4")).isEqualTo(integer(1));
    assertThat(c.call("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(array("a", "7"));
    assertThat(c.call("ZDIFFSTORE", "d", "2", "z", "s")).isEqualTo(integer(2));
    assertThat(c.call("ZRANGE", "d", "0", "-1", "WITHSCORES")).isEqualTo(array("b", "2", "c", "3"));
    assertThat(c.call("ZUNIONSTORE", "str", "1", "z")).isEqualTo(integer(3));
    assertThat(c.call("TYPE", "str")).isEqualTo("+zset\r\n");
    assertThat(c.call("ZUNIONSTORE", "z", "2", "z", "s")).isEqualTo(integer(4));
    assertThat(c.call("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo(array("d", "1", "a", "2", "b", "2", "c", "3"));
  }

  @Test
  void store_emptyResultDeletesTheDestination() {
    c.call("ZADD", "d", "1", "x");
    assertThat(c.call("ZINTERSTORE", "d", "1", "nokey")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "d")).isEqualTo(integer(0));
  }

  @Test
  void sums_visitSourcesSmallestFirst() {
    c.call("ZADD", "w", "0.1", "a", "0.2", "b");
    c.call("ZADD", "w2", "0.2", "a", "1e16", "b");
    c.call("ZADD", "w3", "1", "a", "1", "b", "1", "c", "1", "d");
    String expected = array("c", "1", "d", "1", "a", "1.3", "b", "10000000000000000");
    assertThat(c.call("ZUNION", "3", "w3", "w", "w2", "WITHSCORES")).isEqualTo(expected);
    assertThat(c.call("ZUNION", "3", "w", "w2", "w3", "WITHSCORES")).isEqualTo(expected);
    assertThat(c.call("ZINTER", "3", "w3", "w", "w2", "WITHSCORES")).isEqualTo(array("a", "1.3", "b", "10000000000000000"));
  }

  @Test
  void resp3_nestsScorePairs() {
    c.call("HELLO", "3");
    assertThat(c.call("ZINTER", "2", "z", "s", "WITHSCORES")).isEqualTo(arr(arr(bulk("a"), dbl("2"))));
    assertThat(c.call("ZDIFF", "1", "z", "WITHSCORES"))
        .isEqualTo(arr(arr(bulk("a"), dbl("1")), arr(bulk("b"), dbl("2")), arr(bulk("c"), dbl("3"))));
    assertThat(c.call("ZUNION", "1", "s")).isEqualTo(array("a", "d"));
  }
}
