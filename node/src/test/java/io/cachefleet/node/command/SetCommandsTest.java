package io.cachefleet.node.command;

import static io.cachefleet.node.command.HashCommandsTest.EMPTY_SCAN;
import static io.cachefleet.node.command.HashCommandsTest.bulks;
import static io.cachefleet.node.command.NodeHarness.EMPTY_ARRAY;
import static io.cachefleet.node.command.NodeHarness.NOT_INTEGER;
import static io.cachefleet.node.command.NodeHarness.NOT_POSITIVE;
import static io.cachefleet.node.command.NodeHarness.NULL3;
import static io.cachefleet.node.command.NodeHarness.SYNTAX;
import static io.cachefleet.node.command.NodeHarness.WRONGTYPE;
import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replies checked byte for byte against redis-server 7.0.15. */
class SetCommandsTest {

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  private void resp3() {
    assertThat(c.call("HELLO", "3")).startsWith("%");
  }

  private String sadd(String key, String... members) {
    String[] args = new String[members.length + 2];
    args[0] = "SADD";
    args[1] = key;
    System.arraycopy(members, 0, args, 2, members.length);
    return c.call(args);
  }

  private static String[] range(String prefix, int n) {
    String[] members = new String[n];
    for (int i = 0; i < n; i++) {
      members[i] = prefix + i;
    }
    return members;
  }

  private List<String> members(String key) {
    return bulks(c.call("SMEMBERS", key));
  }

  // ---------------------------------------------------------------- SADD SREM SCARD

  @Test
  void sadd_countsOnlyNewMembers() {
    assertThat(sadd("s", "a", "b", "a")).isEqualTo(integer(2));
    assertThat(sadd("s", "b", "c")).isEqualTo(integer(1));
    assertThat(c.call("SCARD", "s")).isEqualTo(integer(3));
    assertThat(c.call("TYPE", "s")).isEqualTo("+set\r\n");
  }

  @Test
  void sadd_wrongTypeAndArity() {
    c.call("SET", "str", "v");
    assertThat(sadd("str", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SADD", "s")).isEqualTo(error("ERR wrong number of arguments for 'sadd' command"));
  }

  @Test
  void sadd_ofPresentMembersLeavesWatchersAlone() {
    sadd("s", "a");
    c.call("WATCH", "s");
    try (NodeHarness.Client other = h.client()) {
      assertThat(other.call("SADD", "s", "a")).isEqualTo(integer(0));
    }
    c.call("MULTI");
    c.call("SCARD", "s");
    assertThat(c.call("EXEC")).isEqualTo("*1\r\n" + integer(1));
  }

  @Test
  void srem_countsRemovedAndDeletesEmptiedKey() {
    sadd("s", "a", "b", "c");
    assertThat(c.call("SREM", "s", "a", "zz", "a")).isEqualTo(integer(1));
    assertThat(c.call("SREM", "s", "b", "c")).isEqualTo(integer(2));
    assertThat(c.call("EXISTS", "s")).isEqualTo(integer(0));
    assertThat(c.call("SREM", "nokey", "a")).isEqualTo(integer(0));
    c.call("SET", "str", "v");
    assertThat(c.call("SREM", "str", "a")).isEqualTo(WRONGTYPE);
  }

  @Test
  void scard_missingKeyAndWrongType() {
    assertThat(c.call("SCARD", "nokey")).isEqualTo(integer(0));
    c.call("SET", "str", "v");
    assertThat(c.call("SCARD", "str")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- SMEMBERS SISMEMBER SMISMEMBER

  @Test
  void smembers_listsAllAsResp3Set() {
    sadd("s", "a", "b", "c");
    assertThat(c.call("SMEMBERS", "s")).startsWith("*3\r\n");
    assertThat(members("s")).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(c.call("SMEMBERS", "nokey")).isEqualTo(EMPTY_ARRAY);
    c.call("SET", "str", "v");
    assertThat(c.call("SMEMBERS", "str")).isEqualTo(WRONGTYPE);
    resp3();
    assertThat(c.call("SMEMBERS", "s")).startsWith("~3\r\n");
    assertThat(c.call("SMEMBERS", "nokey")).isEqualTo("~0\r\n");
  }

  @Test
  void sismemberSmismember_answerIntegersInBothProtocols() {
    sadd("s", "a");
    assertThat(c.call("SISMEMBER", "s", "a")).isEqualTo(integer(1));
    assertThat(c.call("SISMEMBER", "s", "b")).isEqualTo(integer(0));
    assertThat(c.call("SISMEMBER", "nokey", "a")).isEqualTo(integer(0));
    assertThat(c.call("SMISMEMBER", "s", "a", "b")).isEqualTo("*2\r\n:1\r\n:0\r\n");
    assertThat(c.call("SMISMEMBER", "nokey", "a", "b")).isEqualTo("*2\r\n:0\r\n:0\r\n");
    c.call("SET", "str", "v");
    assertThat(c.call("SISMEMBER", "str", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SMISMEMBER", "str", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SMISMEMBER", "s")).isEqualTo(error("ERR wrong number of arguments for 'smismember' command"));
    resp3();
    assertThat(c.call("SISMEMBER", "s", "a")).isEqualTo(integer(1));
    assertThat(c.call("SMISMEMBER", "s", "a", "b")).isEqualTo("*2\r\n:1\r\n:0\r\n");
  }

  // ---------------------------------------------------------------- SPOP

  @Test
  void spop_withoutCountPopsOneAndDeletesEmptiedKey() {
    sadd("s", "a", "b");
    String first = bulks(c.call("SPOP", "s")).get(0);
    String second = bulks(c.call("SPOP", "s")).get(0);
    assertThat(List.of(first, second)).containsExactlyInAnyOrder("a", "b");
    assertThat(c.call("EXISTS", "s")).isEqualTo(integer(0));
    assertThat(c.call("SPOP", "s")).isEqualTo(nil());
    c.call("SET", "str", "v");
    assertThat(c.call("SPOP", "str")).isEqualTo(WRONGTYPE);
  }

  @Test
  void spop_withCountPopsDistinctMembers() {
    sadd("s", range("m", 100));
    Set<String> popped = new HashSet<>();
    for (int count : new int[] {1, 5, 40, 20}) {
      String reply = c.call("SPOP", "s", String.valueOf(count));
      assertThat(reply).startsWith("*" + count + "\r\n");
      List<String> batch = bulks(reply);
      assertThat(batch).doesNotHaveDuplicates();
      assertThat(popped).doesNotContainAnyElementsOf(batch);
      popped.addAll(batch);
    }
    assertThat(c.call("SCARD", "s")).isEqualTo(integer(34));
    List<String> rest = bulks(c.call("SPOP", "s", "1000"));
    assertThat(rest).hasSize(34).doesNotContainAnyElementsOf(popped);
    assertThat(c.call("EXISTS", "s")).isEqualTo(integer(0));
  }

  @Test
  void spop_withCountRepliesResp3Set() {
    sadd("s", "a", "b");
    resp3();
    assertThat(c.call("SPOP", "s", "0")).isEqualTo("~0\r\n");
    assertThat(c.call("SPOP", "nokey", "2")).isEqualTo("~0\r\n");
    assertThat(c.call("SPOP", "s", "1")).startsWith("~1\r\n");
    assertThat(c.call("SPOP", "nokey")).isEqualTo(NULL3);
  }

  @Test
  void spop_countErrors() {
    sadd("s", "a");
    c.call("SET", "str", "v");
    assertThat(c.call("SPOP", "s", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("SPOP", "nokey", "2")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("SPOP", "s", "-1")).isEqualTo(NOT_POSITIVE);
    assertThat(c.call("SPOP", "nokey", "x")).isEqualTo(NOT_POSITIVE);
    assertThat(c.call("SPOP", "str", "x")).isEqualTo(NOT_POSITIVE);
    assertThat(c.call("SPOP", "str", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SPOP", "str", "0")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SPOP", "nokey", "1", "2")).isEqualTo(SYNTAX);
    assertThat(c.call("SCARD", "s")).isEqualTo(integer(1));
  }

  // ---------------------------------------------------------------- SRANDMEMBER

  @Test
  void srandmember_withoutCount() {
    sadd("s", "a", "b");
    assertThat(bulks(c.call("SRANDMEMBER", "s"))).singleElement().isIn("a", "b");
    assertThat(c.call("SCARD", "s")).isEqualTo(integer(2));
    assertThat(c.call("SRANDMEMBER", "nokey")).isEqualTo(nil());
    c.call("SET", "str", "v");
    assertThat(c.call("SRANDMEMBER", "str")).isEqualTo(WRONGTYPE);
  }

  @Test
  void srandmember_positiveCountGivesDistinctMembers() {
    sadd("s", range("m", 60));
    for (int count : new int[] {1, 2, 10, 30, 59}) {
      String reply = c.call("SRANDMEMBER", "s", String.valueOf(count));
      assertThat(reply).startsWith("*" + count + "\r\n");
      assertThat(bulks(reply)).doesNotHaveDuplicates();
    }
    assertThat(bulks(c.call("SRANDMEMBER", "s", "60"))).hasSize(60).doesNotHaveDuplicates();
    assertThat(bulks(c.call("SRANDMEMBER", "s", "9223372036854775807"))).hasSize(60).doesNotHaveDuplicates();
    assertThat(c.call("SCARD", "s")).isEqualTo(integer(60));
  }

  @Test
  void srandmember_negativeCountRepeatsAndIsAnArrayInResp3() {
    sadd("s", "a", "b");
    assertThat(bulks(c.call("SRANDMEMBER", "s", "-50"))).hasSize(50).containsOnly("a", "b");
    resp3();
    assertThat(c.call("SRANDMEMBER", "s", "-3")).startsWith("*3\r\n");
    assertThat(c.call("SRANDMEMBER", "s", "5")).startsWith("*2\r\n");
    assertThat(c.call("SRANDMEMBER", "nokey", "5")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("SRANDMEMBER", "nokey")).isEqualTo(NULL3);
  }

  @Test
  void srandmember_countErrors() {
    sadd("s", "a");
    c.call("SET", "str", "v");
    assertThat(c.call("SRANDMEMBER", "s", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("SRANDMEMBER", "nokey", "-2")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("SRANDMEMBER", "nokey", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("SRANDMEMBER", "nokey", "1", "2")).isEqualTo(SYNTAX);
    assertThat(c.call("SRANDMEMBER", "str", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SRANDMEMBER", "nokey", "-9223372036854775808")).isEqualTo(
        error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
    assertThat(c.call("SRANDMEMBER", "s", "-9223372036854775807")).startsWith("-ERR value is out of range");
  }

  // ---------------------------------------------------------------- SMOVE

  @Test
  void smove_movesAndCreatesOrDeletesKeys() {
    sadd("src", "a", "b");
    assertThat(c.call("SMOVE", "src", "dst", "a")).isEqualTo(integer(1));
    assertThat(members("dst")).containsExactly("a");
    assertThat(c.call("SMOVE", "src", "dst", "zz")).isEqualTo(integer(0));
    sadd("dst", "b");
    assertThat(c.call("SMOVE", "src", "dst", "b")).isEqualTo(integer(1));
    assertThat(c.call("EXISTS", "src")).isEqualTo(integer(0));
    assertThat(members("dst")).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void smove_sameKeyAndMissingSource() {
    sadd("s", "a");
    assertThat(c.call("SMOVE", "s", "s", "a")).isEqualTo(integer(1));
    assertThat(c.call("SMOVE", "s", "s", "b")).isEqualTo(integer(0));
    assertThat(members("s")).containsExactly("a");
    c.call("SET", "str", "v");
    assertThat(c.call("SMOVE", "nokey", "str", "a")).isEqualTo(integer(0));
  }

  @Test
  void smove_wrongTypeOnEitherSideChangesNothing() {
    sadd("s", "a");
    c.call("SET", "str", "v");
    assertThat(c.call("SMOVE", "str", "s", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SMOVE", "s", "str", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SMOVE", "s", "str", "zz")).isEqualTo(WRONGTYPE);
    assertThat(members("s")).containsExactly("a");
  }

  // ---------------------------------------------------------------- SINTER SUNION SDIFF

  @Test
  void sinterSunionSdiff_compute() {
    sadd("x", "a", "b", "c", "d");
    sadd("y", "b", "c", "e");
    sadd("z", "c", "d", "f");
    assertThat(bulks(c.call("SINTER", "x", "y"))).containsExactlyInAnyOrder("b", "c");
    assertThat(bulks(c.call("SINTER", "x", "y", "z"))).containsExactly("c");
    assertThat(bulks(c.call("SINTER", "x", "x"))).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(bulks(c.call("SUNION", "x", "y", "z"))).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f");
    assertThat(bulks(c.call("SDIFF", "x", "y"))).containsExactlyInAnyOrder("a", "d");
    assertThat(bulks(c.call("SDIFF", "x", "y", "z"))).containsExactly("a");
    assertThat(c.call("SDIFF", "x", "x")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void sinterSunionSdiff_missingKeysAreEmptySets() {
    sadd("x", "a", "b");
    assertThat(c.call("SINTER", "x", "nokey")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("SINTER", "nokey")).isEqualTo(EMPTY_ARRAY);
    assertThat(bulks(c.call("SUNION", "nokey", "x"))).containsExactlyInAnyOrder("a", "b");
    assertThat(bulks(c.call("SDIFF", "x", "nokey"))).containsExactlyInAnyOrder("a", "b");
    assertThat(c.call("SDIFF", "nokey", "x")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void sinterSunionSdiff_wrongTypeAnywhereFails() {
    sadd("x", "a");
    c.call("SET", "str", "v");
    for (String cmd : new String[] {"SINTER", "SUNION", "SDIFF"}) {
      assertThat(c.call(cmd, "x", "str")).isEqualTo(WRONGTYPE);
      assertThat(c.call(cmd, "nokey", "str")).isEqualTo(WRONGTYPE);
      assertThat(c.call(cmd, "str", "nokey")).isEqualTo(WRONGTYPE);
    }
  }

  @Test
  void sinterSunionSdiff_areResp3Sets() {
    sadd("x", "a", "b");
    resp3();
    assertThat(c.call("SINTER", "x", "x")).startsWith("~2\r\n");
    assertThat(c.call("SINTER", "x", "nokey")).isEqualTo("~0\r\n");
    assertThat(c.call("SUNION", "x", "nokey")).startsWith("~2\r\n");
    assertThat(c.call("SDIFF", "nokey", "x")).isEqualTo("~0\r\n");
  }

  @Test
  void stores_replaceDestinationOfAnyTypeAndDropItsTtl() {
    sadd("x", "a", "b", "c");
    sadd("y", "b", "c", "d");
    c.call("SET", "dst", "v");
    c.call("EXPIRE", "dst", "100");
    assertThat(c.call("SINTERSTORE", "dst", "x", "y")).isEqualTo(integer(2));
    assertThat(c.call("TYPE", "dst")).isEqualTo("+set\r\n");
    assertThat(c.call("TTL", "dst")).isEqualTo(integer(-1));
    assertThat(members("dst")).containsExactlyInAnyOrder("b", "c");
    assertThat(c.call("SUNIONSTORE", "dst", "x", "y")).isEqualTo(integer(4));
    assertThat(members("dst")).containsExactlyInAnyOrder("a", "b", "c", "d");
    assertThat(c.call("SDIFFSTORE", "dst", "x", "y")).isEqualTo(integer(1));
    assertThat(members("dst")).containsExactly("a");
  }

  @Test
  void stores_mayNameTheirDestinationAsSource() {
    sadd("x", "a", "b");
    sadd("y", "b", "c");
    assertThat(c.call("SUNIONSTORE", "x", "x", "y")).isEqualTo(integer(3));
    assertThat(c.call("SDIFFSTORE", "x", "x", "y")).isEqualTo(integer(1));
    assertThat(members("x")).containsExactly("a");
    assertThat(members("y")).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void stores_emptyResultDeletesDestination() {
    sadd("x", "a");
    sadd("dst", "z");
    assertThat(c.call("SINTERSTORE", "dst", "x", "nokey")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "dst")).isEqualTo(integer(0));
    c.call("SET", "dst", "v");
    assertThat(c.call("SDIFFSTORE", "dst", "x", "x")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "dst")).isEqualTo(integer(0));
    sadd("dst", "z");
    assertThat(c.call("SUNIONSTORE", "dst", "nokey")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "dst")).isEqualTo(integer(0));
    assertThat(c.call("SINTERSTORE", "dst", "nokey")).isEqualTo(integer(0));
  }

  @Test
  void stores_wrongTypeSourceKeepsDestination() {
    sadd("x", "a");
    sadd("dst", "z");
    c.call("SET", "str", "v");
    assertThat(c.call("SINTERSTORE", "dst", "x", "str")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SUNIONSTORE", "dst", "str")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SDIFFSTORE", "dst", "nokey", "str")).isEqualTo(WRONGTYPE);
    assertThat(members("dst")).containsExactly("z");
    assertThat(c.call("SINTERSTORE", "dst")).isEqualTo(error("ERR wrong number of arguments for 'sinterstore' command"));
  }

  @Test
  void stores_resultIsIndependentOfSources() {
    sadd("x", "a", "b");
    c.call("SUNIONSTORE", "u", "x");
    c.call("SREM", "x", "a");
    sadd("u", "c");
    assertThat(members("x")).containsExactly("b");
    assertThat(members("u")).containsExactlyInAnyOrder("a", "b", "c");
  }

  // ---------------------------------------------------------------- SINTERCARD

  @Test
  void sintercard_countsWithOptionalLimit() {
    sadd("x", "a", "b", "c", "d");
    sadd("y", "b", "c", "d", "e");
    assertThat(c.call("SINTERCARD", "2", "x", "y")).isEqualTo(integer(3));
    assertThat(c.call("SINTERCARD", "2", "x", "y", "LIMIT", "2")).isEqualTo(integer(2));
    assertThat(c.call("SINTERCARD", "2", "x", "y", "limit", "0")).isEqualTo(integer(3));
    assertThat(c.call("SINTERCARD", "1", "x", "LIMIT", "1", "LIMIT", "10")).isEqualTo(integer(4));
    assertThat(c.call("SINTERCARD", "2", "x", "nokey")).isEqualTo(integer(0));
  }

  @Test
  void sintercard_errors() {
    sadd("x", "a");
    c.call("SET", "str", "v");
    assertThat(c.call("SINTERCARD", "0", "x")).isEqualTo(error("ERR numkeys should be greater than 0"));
    assertThat(c.call("SINTERCARD", "-1", "x")).isEqualTo(error("ERR numkeys should be greater than 0"));
    assertThat(c.call("SINTERCARD", "x", "x")).isEqualTo(error("ERR numkeys should be greater than 0"));
    assertThat(c.call("SINTERCARD", "2", "x")).isEqualTo(error("ERR Number of keys can't be greater than number of args"));
    assertThat(c.call("SINTERCARD", "1", "x", "LIMIT", "-1")).isEqualTo(error("ERR LIMIT can't be negative"));
    assertThat(c.call("SINTERCARD", "1", "str", "LIMIT", "x")).isEqualTo(error("ERR LIMIT can't be negative"));
    assertThat(c.call("SINTERCARD", "1", "x", "LIMIT")).isEqualTo(SYNTAX);
    assertThat(c.call("SINTERCARD", "1", "x", "FOO", "2")).isEqualTo(SYNTAX);
    assertThat(c.call("SINTERCARD", "2", "nokey", "str")).isEqualTo(WRONGTYPE);
    assertThat(c.call("SINTERCARD", "1")).isEqualTo(error("ERR wrong number of arguments for 'sintercard' command"));
  }

  // ---------------------------------------------------------------- SSCAN

  @Test
  void sscan_missingKeyWrongTypeAndOptionErrors() {
    assertThat(c.call("SSCAN", "nokey", "0")).isEqualTo(EMPTY_SCAN);
    assertThat(c.call("SSCAN", "nokey", "0", "TYPE", "set")).isEqualTo(EMPTY_SCAN);
    assertThat(c.call("SSCAN", "nokey", "zz")).isEqualTo(error("ERR invalid cursor"));
    c.call("SET", "str", "v");
    assertThat(c.call("SSCAN", "str", "0", "COUNT", "0")).isEqualTo(WRONGTYPE);
    sadd("s", "a");
    assertThat(c.call("SSCAN", "s", "0", "TYPE", "set")).isEqualTo(SYNTAX);
    assertThat(c.call("SSCAN", "s", "0", "COUNT", "0")).isEqualTo(SYNTAX);
    assertThat(c.call("SSCAN", "s", "0", "COUNT", "-5")).isEqualTo(SYNTAX);
    assertThat(c.call("SSCAN", "s", "0", "COUNT")).isEqualTo(SYNTAX);
  }

  @Test
  void sscan_smallIntegerSetComesWhole() {
    sadd("s", range("", 20));
    String reply = c.call("SSCAN", "s", "0", "COUNT", "2");
    assertThat(reply).startsWith("*2\r\n$1\r\n0\r\n*20\r\n");
    assertThat(bulks(reply).subList(1, 21)).containsExactlyInAnyOrder(range("", 20));
  }

  @Test
  void sscan_stringSetIteratesInStepsAndMatches() {
    sadd("s", range("m", 20));
    sadd("s", range("x", 200));
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    int steps = 0;
    do {
      List<String> reply = bulks(c.call("SSCAN", "s", cursor, "MATCH", "m*", "COUNT", "10"));
      cursor = reply.get(0);
      seen.addAll(reply.subList(1, reply.size()));
      steps++;
    } while (!cursor.equals("0"));
    assertThat(steps).isGreaterThan(5);
    assertThat(seen).containsExactlyInAnyOrder(range("m", 20));
  }

  @Test
  void sscan_completesWhileTheSetGrowsAndShrinks() {
    sadd("s", range("m", 100));
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    int step = 0;
    do {
      List<String> reply = bulks(c.call("SSCAN", "s", cursor));
      cursor = reply.get(0);
      seen.addAll(reply.subList(1, reply.size()));
      if (step++ == 2) {
        sadd("s", range("n", 500));
      } else if (step == 6) {
        c.call("SPOP", "s", "550");
      }
    } while (!cursor.equals("0"));
    List<String> survivors = new ArrayList<>(bulks(c.call("SMEMBERS", "s")));
    survivors.removeIf(m -> m.startsWith("n"));
    assertThat(seen).containsAll(survivors);
  }

  @Test
  void sadd_manyMembersThenRemoveAll() {
    sadd("s", range("m", 1000));
    assertThat(c.call("SCARD", "s")).isEqualTo(integer(1000));
    String[] args = new String[1002];
    args[0] = "SREM";
    args[1] = "s";
    System.arraycopy(range("m", 1000), 0, args, 2, 1000);
    assertThat(c.call(args)).isEqualTo(integer(1000));
    assertThat(c.call("EXISTS", "s")).isEqualTo(integer(0));
    assertThat(c.call("SET", "s", "v")).isEqualTo(ok());
    assertThat(c.call("GET", "s")).isEqualTo(bulk("v"));
    assertThat(c.call("SMEMBERS", "nokey")).isEqualTo(array());
  }
}
