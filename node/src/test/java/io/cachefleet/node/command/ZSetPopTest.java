package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.EMPTY_ARRAY;
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
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ZPOPMIN, ZPOPMAX, ZMPOP and the blocking BZPOPMIN, BZPOPMAX and BZMPOP, with several clients
 * on one node; every expected reply was taken from redis-server 7.0.15.
 */
class ZSetPopTest {

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client a = h.client();
  private final NodeHarness.Client b = h.client();

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  /** ZMPOP's reply: the key, then [member, score] pairs. */
  private static String keyed(String key, String... pairs) {
    String[] items = new String[pairs.length / 2];
    for (int i = 0; i < items.length; i++) {
      items[i] = array(pairs[2 * i], pairs[2 * i + 1]);
    }
    return arr(bulk(key), arr(items));
  }

  // ---------------------------------------------------------------- ZPOPMIN, ZPOPMAX

  @Test
  void zpop_popsFromEitherEnd() {
    a.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assertThat(a.call("ZPOPMIN", "z")).isEqualTo(array("a", "1"));
    assertThat(a.call("ZPOPMAX", "z", "5")).isEqualTo(array("c", "3", "b", "2"));
    assertThat(a.call("EXISTS", "z")).isEqualTo(integer(0));
    assertThat(a.call("ZPOPMIN", "z")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void zpop_countErrorsAndEdges() {
    a.call("ZADD", "z", "1", "a");
    a.call("SET", "s", "x");
    String notPositive = error("ERR value is out of range, must be positive");
    assertThat(a.call("ZPOPMIN", "z", "-1")).isEqualTo(notPositive);
    assertThat(a.call("ZPOPMAX", "z", "x")).isEqualTo(notPositive);
    assertThat(a.call("ZPOPMIN", "nokey", "-1")).isEqualTo(notPositive);
    assertThat(a.call("ZPOPMIN", "z", "1", "2")).isEqualTo(SYNTAX);
    assertThat(a.call("ZPOPMIN", "z", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(a.call("ZPOPMIN", "nokey", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(a.call("ZPOPMIN", "s")).isEqualTo(WRONGTYPE);
    assertThat(a.call("ZPOPMIN", "s", "0")).isEqualTo(WRONGTYPE);
  }

  @Test
  void zpop_resp3NestsOnlyWithACount() {
    a.call("HELLO", "3");
    a.call("ZADD", "z", "1", "a", "2", "b");
    assertThat(a.call("ZPOPMIN", "z")).isEqualTo(arr(bulk("a"), dbl("1")));
    assertThat(a.call("ZPOPMIN", "z", "1")).isEqualTo(arr(arr(bulk("b"), dbl("2"))));
    assertThat(a.call("ZPOPMIN", "nokey")).isEqualTo(EMPTY_ARRAY);
  }

  // ---------------------------------------------------------------- ZMPOP

  @Test
  void zmpop_popsFromTheFirstExistingKey() {
    a.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    a.call("SET", "s", "x");
    assertThat(a.call("ZMPOP", "1", "z", "MAX", "COUNT", "2")).isEqualTo(keyed("z", "c", "3", "b", "2"));
    assertThat(a.call("ZMPOP", "2", "z", "s", "min")).isEqualTo(keyed("z", "a", "1"));
    assertThat(a.call("ZMPOP", "1", "z", "min")).isEqualTo(NULL_ARRAY);
    assertThat(a.call("ZMPOP", "2", "nokey", "s", "MIN")).isEqualTo(WRONGTYPE);
    a.call("ZADD", "z", "1", "a", "2", "b");
    assertThat(a.call("ZMPOP", "3", "nokey", "z", "s", "MAX", "COUNT", "100")).isEqualTo(keyed("z", "b", "2", "a", "1"));
    assertThat(a.call("EXISTS", "z")).isEqualTo(integer(0));
  }

  @Test
  void zmpop_errors() {
    String numkeys = error("ERR numkeys should be greater than 0");
    String count = error("ERR count should be greater than 0");
    assertThat(a.call("ZMPOP", "0", "z", "MIN")).isEqualTo(numkeys);
    assertThat(a.call("ZMPOP", "x", "z", "MIN")).isEqualTo(numkeys);
    assertThat(a.call("ZMPOP", "2", "z", "MIN")).isEqualTo(SYNTAX);
    assertThat(a.call("ZMPOP", "9223372036854775807", "z", "MIN")).isEqualTo(SYNTAX);
    assertThat(a.call("ZMPOP", "1", "z", "FOO")).isEqualTo(SYNTAX);
    assertThat(a.call("ZMPOP", "1", "z", "MIN", "COUNT", "0")).isEqualTo(count);
    assertThat(a.call("ZMPOP", "1", "z", "MIN", "COUNT", "x")).isEqualTo(count);
    assertThat(a.call("ZMPOP", "1", "z", "MIN", "COUNT", "1", "COUNT", "1")).isEqualTo(SYNTAX);
    assertThat(a.call("ZMPOP", "1", "z", "MIN", "COUNT")).isEqualTo(SYNTAX);
    assertThat(a.call("ZMPOP", "1", "z")).isEqualTo(error("ERR wrong number of arguments for 'zmpop' command"));
  }

  @Test
  void zmpop_resp3() {
    a.call("HELLO", "3");
    a.call("ZADD", "z", "1", "a");
    assertThat(a.call("ZMPOP", "1", "z", "MIN")).isEqualTo(arr(bulk("z"), arr(arr(bulk("a"), dbl("1")))));
    assertThat(a.call("ZMPOP", "1", "z", "MIN")).isEqualTo(NULL3);
  }

  // ---------------------------------------------------------------- blocking, served at once

  @Test
  void bzpop_existingSetAnswersAtOnce() {
    a.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
    a.call("SET", "s", "x");
    assertThat(a.call("BZPOPMIN", "z", "s", "0")).isEqualTo(array("z", "a", "1"));
    assertThat(a.call("BZPOPMAX", "nokey", "z", "0")).isEqualTo(array("z", "c", "3"));
    assertThat(a.call("BZMPOP", "0", "1", "z", "MAX", "COUNT", "5")).isEqualTo(keyed("z", "b", "2"));
    assertThat(a.call("BZPOPMIN", "s", "0")).isEqualTo(WRONGTYPE);
    assertThat(a.call("BZPOPMIN", "nokey", "s", "0")).isEqualTo(WRONGTYPE);
  }

  @Test
  void bzpop_argumentErrors() {
    String invalid = error("ERR timeout is not a float or out of range");
    String negative = error("ERR timeout is negative");
    assertThat(a.call("BZPOPMIN", "z", "x")).isEqualTo(invalid);
    assertThat(a.call("BZPOPMIN", "z", "-1")).isEqualTo(negative);
    assertThat(a.call("BZMPOP", "x", "1", "z", "MIN")).isEqualTo(invalid);
    assertThat(a.call("BZMPOP", "-1", "1", "z", "MIN")).isEqualTo(negative);
    assertThat(a.call("BZMPOP", "0", "0", "z", "MIN")).isEqualTo(error("ERR numkeys should be greater than 0"));
    assertThat(a.call("BZMPOP", "0", "1", "z", "MIN", "COUNT", "0"))
        .isEqualTo(error("ERR count should be greater than 0"));
    assertThat(a.call("BZMPOP", "abc", "1", "z", "FOO")).isEqualTo(SYNTAX);
    assertThat(a.call("BZMPOP", "0", "2", "z", "MIN")).isEqualTo(SYNTAX);
  }

  @Test
  void bzpop_insideMultiAnswersNullAtOnce() {
    a.call("ZADD", "z", "1", "a");
    a.call("MULTI");
    a.call("BZPOPMIN", "nokey", "0");
    a.call("BZMPOP", "0", "1", "nokey", "MIN");
    a.call("BZPOPMIN", "z", "0");
    assertThat(a.call("EXEC")).isEqualTo(arr(NULL_ARRAY, NULL_ARRAY, array("z", "a", "1")));
  }

  // ---------------------------------------------------------------- blocked, then served

  @Test
  void bzpopmin_servedWhenASetAppears() {
    assertThat(a.call("BZPOPMIN", "k1", "k2", "0")).isEmpty();
    assertThat(b.call("ZADD", "k2", "1", "x", "2", "y")).isEqualTo(integer(2));
    assertThat(a.read()).isEqualTo(array("k2", "x", "1"));
    assertThat(b.call("ZRANGE", "k2", "0", "-1")).isEqualTo(array("y"));
  }

  @Test
  void bzmpop_servedWithItsCount() {
    assertThat(a.call("BZMPOP", "0", "2", "k1", "k2", "MAX", "COUNT", "5")).isEmpty();
    b.call("ZADD", "k1", "3", "p", "4", "q");
    assertThat(a.read()).isEqualTo(keyed("k1", "q", "4", "p", "3"));
    assertThat(b.call("EXISTS", "k1")).isEqualTo(integer(0));
  }

  @Test
  void bzpop_resp3Shapes() {
    a.call("HELLO", "3");
    a.call("BZPOPMAX", "k", "0");
    b.call("ZADD", "k", "1", "x");
    assertThat(a.read()).isEqualTo(arr(bulk("k"), bulk("x"), dbl("1")));
    a.call("BZMPOP", "0", "1", "k", "MIN");
    b.call("ZADD", "k", "2", "y");
    assertThat(a.read()).isEqualTo(arr(bulk("k"), arr(arr(bulk("y"), dbl("2")))));
  }

  @Test
  void bzpop_clientsServedInTheOrderTheyBlocked() {
    try (NodeHarness.Client c = h.client()) {
      a.call("BZPOPMIN", "f", "0");
      c.call("BZPOPMIN", "f", "0");
      b.call("ZADD", "f", "1", "a");
      assertThat(a.read()).isEqualTo(array("f", "a", "1"));
      assertThat(c.read()).isEmpty();
      b.call("ZADD", "f", "2", "b", "3", "c");
      assertThat(c.read()).isEqualTo(array("f", "b", "2"));
      assertThat(b.call("ZRANGE", "f", "0", "-1")).isEqualTo(array("c"));
    }
  }

  @Test
  void bzpop_keyOfAnotherTypeKeepsTheClientBlocked() {
    a.call("BZPOPMAX", "lk", "zk", "0");
    b.call("LPUSH", "lk", "v");
    assertThat(a.read()).isEmpty();
    b.call("ZADD", "zk", "1", "q");
    assertThat(a.read()).isEqualTo(array("zk", "q", "1"));
  }

  @Test
  void bzpop_servedByStoreCommands() {
    b.call("ZADD", "src", "1", "m", "2", "n");
    a.call("BZPOPMAX", "dst", "0");
    assertThat(b.call("ZUNIONSTORE", "dst", "1", "src")).isEqualTo(integer(2));
    assertThat(a.read()).isEqualTo(array("dst", "n", "2"));
    a.call("BZMPOP", "0", "1", "dst2", "MIN");
    assertThat(b.call("ZRANGESTORE", "dst2", "src", "0", "-1")).isEqualTo(integer(2));
    assertThat(a.read()).isEqualTo(keyed("dst2", "m", "1"));
  }

  @Test
  void bzpop_setCreatedAndDeletedInOneTransactionServesNobody() {
    a.call("BZPOPMIN", "mk", "0");
    b.call("MULTI");
    b.call("ZADD", "mk", "1", "a");
    b.call("DEL", "mk");
    assertThat(b.call("EXEC")).isEqualTo(arr(integer(1), integer(1)));
    assertThat(a.read()).isEmpty();
    b.call("ZADD", "mk", "5", "z");
    assertThat(a.read()).isEqualTo(array("mk", "z", "5"));
  }

  @Test
  void bzpop_timesOutWithANullArray() {
    a.call("BZPOPMIN", "none", "0.5");
    h.advance(400);
    assertThat(a.advanceLoop(400)).isEmpty();
    h.advance(200);
    assertThat(a.advanceLoop(200)).isEqualTo(NULL_ARRAY);
    a.call("HELLO", "3");
    a.call("BZMPOP", "1", "1", "none", "MIN");
    h.advance(1000);
    assertThat(a.advanceLoop(1000)).isEqualTo(NULL3);
  }
}
