package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.EMPTY_ARRAY;
import static io.cachefleet.node.command.NodeHarness.NOT_INTEGER;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Replies checked byte for byte against redis-server 7.0.15. */
class HashCommandsTest {

  static final String EMPTY_SCAN = "*2\r\n$1\r\n0\r\n*0\r\n";

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  /** The bulk strings of a reply in order, through nested aggregates; a null bulk is null. */
  static List<String> bulks(String reply) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < reply.length()) {
      int eol = reply.indexOf("\r\n", i);
      if (reply.charAt(i) == '$') {
        int len = Integer.parseInt(reply.substring(i + 1, eol));
        out.add(len < 0 ? null : reply.substring(eol + 2, eol + 2 + len));
        i = len < 0 ? eol + 2 : eol + 4 + len;
      } else {
        i = eol + 2;
      }
    }
    return out;
  }

  private void resp3() {
    assertThat(c.call("HELLO", "3")).startsWith("%");
  }

  private void fill(String key, int fields) {
    for (int i = 0; i < fields; i++) {
      c.call("HSET", key, "f" + i, "v" + i);
    }
  }

  // ---------------------------------------------------------------- HSET HMSET HSETNX

  @Test
  void hset_countsOnlyNewFields() {
    assertThat(c.call("HSET", "h", "a", "1", "b", "2")).isEqualTo(integer(2));
    assertThat(c.call("HSET", "h", "a", "3", "c", "4", "c", "5")).isEqualTo(integer(1));
    assertThat(c.call("HMGET", "h", "a", "b", "c")).isEqualTo(array("3", "2", "5"));
  }

  @Test
  void hset_oddPairs_isArityErrorAndCreatesNothing() {
    assertThat(c.call("HSET", "h", "a", "1", "b")).isEqualTo(error("ERR wrong number of arguments for 'hset' command"));
    assertThat(c.call("HMSET", "h", "a", "1", "b")).isEqualTo(error("ERR wrong number of arguments for 'hmset' command"));
    assertThat(c.call("HSET", "h", "a")).isEqualTo(error("ERR wrong number of arguments for 'hset' command"));
    assertThat(c.call("EXISTS", "h")).isEqualTo(integer(0));
  }

  @Test
  void hset_wrongType() {
    c.call("SET", "s", "v");
    assertThat(c.call("HSET", "s", "a", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HMSET", "s", "a", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("GET", "s")).isEqualTo(bulk("v"));
  }

  @Test
  void hset_keepsTtlAndTouchesWatchers() {
    c.call("HSET", "h", "a", "1");
    c.call("EXPIRE", "h", "100");
    assertThat(c.call("WATCH", "h")).isEqualTo(ok());
    try (NodeHarness.Client other = h.client()) {
      assertThat(other.call("HSET", "h", "a", "1")).isEqualTo(integer(0));
    }
    c.call("MULTI");
    c.call("HGET", "h", "a");
    assertThat(c.call("EXEC")).isEqualTo(NULL_ARRAY);
    assertThat(c.call("TTL", "h")).isEqualTo(integer(100));
  }

  @Test
  void hmset_repliesOk() {
    assertThat(c.call("HMSET", "h", "a", "1", "b", "2")).isEqualTo(ok());
    assertThat(c.call("HLEN", "h")).isEqualTo(integer(2));
  }

  @Test
  void hsetnx_setsOnlyAbsentFields() {
    assertThat(c.call("HSETNX", "h", "a", "1")).isEqualTo(integer(1));
    assertThat(c.call("HSETNX", "h", "a", "2")).isEqualTo(integer(0));
    assertThat(c.call("HSETNX", "h", "b", "3")).isEqualTo(integer(1));
    assertThat(c.call("HMGET", "h", "a", "b")).isEqualTo(array("1", "3"));
    c.call("SET", "s", "v");
    assertThat(c.call("HSETNX", "s", "a", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HSETNX", "h", "a")).isEqualTo(error("ERR wrong number of arguments for 'hsetnx' command"));
  }

  // ---------------------------------------------------------------- reads

  @Test
  void hget_fieldMissingFieldMissingKeyAndWrongType() {
    c.call("HSET", "h", "a", "1");
    c.call("SET", "s", "v");
    assertThat(c.call("HGET", "h", "a")).isEqualTo(bulk("1"));
    assertThat(c.call("HGET", "h", "zz")).isEqualTo(nil());
    assertThat(c.call("HGET", "nokey", "a")).isEqualTo(nil());
    assertThat(c.call("HGET", "s", "a")).isEqualTo(WRONGTYPE);
    resp3();
    assertThat(c.call("HGET", "h", "zz")).isEqualTo(NULL3);
  }

  @Test
  void hmget_nullsForMissingFieldsAndKeys() {
    c.call("HSET", "h", "a", "1");
    assertThat(c.call("HMGET", "h", "a", "zz")).isEqualTo(array("1", null));
    assertThat(c.call("HMGET", "nokey", "a", "b")).isEqualTo(array(null, null));
    c.call("SET", "s", "v");
    assertThat(c.call("HMGET", "s", "a")).isEqualTo(WRONGTYPE);
    resp3();
    assertThat(c.call("HMGET", "h", "a", "zz")).isEqualTo("*2\r\n$1\r\n1\r\n_\r\n");
  }

  @Test
  void hdel_countsRemovedAndDeletesEmptiedKey() {
    c.call("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertThat(c.call("HDEL", "h", "a", "zz", "a")).isEqualTo(integer(1));
    assertThat(c.call("HLEN", "h")).isEqualTo(integer(2));
    assertThat(c.call("HDEL", "h", "b", "c")).isEqualTo(integer(2));
    assertThat(c.call("EXISTS", "h")).isEqualTo(integer(0));
    assertThat(c.call("HDEL", "nokey", "a")).isEqualTo(integer(0));
    c.call("SET", "s", "v");
    assertThat(c.call("HDEL", "s", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HDEL", "h")).isEqualTo(error("ERR wrong number of arguments for 'hdel' command"));
  }

  @Test
  void hlenHstrlenHexists_hitMissAndWrongType() {
    c.call("HSET", "h", "a", "hello", "b", "");
    c.call("SET", "s", "v");
    assertThat(c.call("HLEN", "h")).isEqualTo(integer(2));
    assertThat(c.call("HLEN", "nokey")).isEqualTo(integer(0));
    assertThat(c.call("HLEN", "s")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HSTRLEN", "h", "a")).isEqualTo(integer(5));
    assertThat(c.call("HSTRLEN", "h", "b")).isEqualTo(integer(0));
    assertThat(c.call("HSTRLEN", "h", "zz")).isEqualTo(integer(0));
    assertThat(c.call("HSTRLEN", "nokey", "a")).isEqualTo(integer(0));
    assertThat(c.call("HSTRLEN", "s", "a")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HEXISTS", "h", "b")).isEqualTo(integer(1));
    assertThat(c.call("HEXISTS", "h", "zz")).isEqualTo(integer(0));
    assertThat(c.call("HEXISTS", "nokey", "a")).isEqualTo(integer(0));
    assertThat(c.call("HEXISTS", "s", "a")).isEqualTo(WRONGTYPE);
    resp3();
    assertThat(c.call("HEXISTS", "h", "b")).isEqualTo(integer(1));
  }

  @Test
  void hkeysHvalsHgetall_listEverything() {
    c.call("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertThat(c.call("HKEYS", "h")).startsWith("*3\r\n");
    assertThat(bulks(c.call("HKEYS", "h"))).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(bulks(c.call("HVALS", "h"))).containsExactlyInAnyOrder("1", "2", "3");
    String all = c.call("HGETALL", "h");
    assertThat(all).startsWith("*6\r\n");
    assertThat(pairs(bulks(all))).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2", "c", "3"));
  }

  @Test
  void hkeysHvalsHgetall_missingKeyAndWrongType() {
    assertThat(c.call("HKEYS", "nokey")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("HVALS", "nokey")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("HGETALL", "nokey")).isEqualTo(EMPTY_ARRAY);
    c.call("SET", "s", "v");
    assertThat(c.call("HKEYS", "s")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HVALS", "s")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HGETALL", "s")).isEqualTo(WRONGTYPE);
  }

  @Test
  void hgetall_isMapInResp3() {
    c.call("HSET", "h", "a", "1");
    resp3();
    assertThat(c.call("HGETALL", "h")).isEqualTo("%1\r\n$1\r\na\r\n$1\r\n1\r\n");
    assertThat(c.call("HGETALL", "nokey")).isEqualTo("%0\r\n");
    assertThat(c.call("HKEYS", "h")).isEqualTo(array("a"));
    assertThat(c.call("HVALS", "nokey")).isEqualTo(EMPTY_ARRAY);
  }

  private static Map<String, String> pairs(List<String> flat) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      map.put(flat.get(i), flat.get(i + 1));
    }
    return map;
  }

  // ---------------------------------------------------------------- HINCRBY

  @Test
  void hincrby_createsAndIncrements() {
    assertThat(c.call("HINCRBY", "h", "n", "5")).isEqualTo(integer(5));
    assertThat(c.call("HINCRBY", "h", "n", "-7")).isEqualTo(integer(-2));
    assertThat(c.call("HGET", "h", "n")).isEqualTo(bulk("-2"));
    assertThat(c.call("HINCRBY", "h", "m", "-9223372036854775808")).isEqualTo(integer(Long.MIN_VALUE));
  }

  @Test
  void hincrby_errors() {
    c.call("HSET", "h", "text", "abc", "padded", "007", "big", "9223372036854775807", "small", "-9223372036854775808");
    assertThat(c.call("HINCRBY", "h", "text", "1")).isEqualTo(error("ERR hash value is not an integer"));
    assertThat(c.call("HINCRBY", "h", "padded", "1")).isEqualTo(error("ERR hash value is not an integer"));
    assertThat(c.call("HINCRBY", "h", "big", "1")).isEqualTo(error("ERR increment or decrement would overflow"));
    assertThat(c.call("HINCRBY", "h", "small", "-1")).isEqualTo(error("ERR increment or decrement would overflow"));
    assertThat(c.call("HINCRBY", "h", "new", "1.5")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("HINCRBY", "h", "new", "9223372036854775808")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("HEXISTS", "h", "new")).isEqualTo(integer(0));
    c.call("SET", "s", "v");
    assertThat(c.call("HINCRBY", "s", "f", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HINCRBY", "s", "f", "x")).isEqualTo(NOT_INTEGER);
  }

  // ---------------------------------------------------------------- HINCRBYFLOAT

  @Test
  void hincrbyfloat_printsLongDoubleDigitsAsRedis() {
    assertThat(c.call("HINCRBYFLOAT", "h", "a", "10.5")).isEqualTo(bulk("10.5"));
    assertThat(c.call("HINCRBYFLOAT", "h", "a", "0.1")).isEqualTo(bulk("10.6"));
    assertThat(c.call("HINCRBYFLOAT", "h", "b", "1000000")).isEqualTo(bulk("1000000"));
    assertThat(c.call("HINCRBYFLOAT", "h", "b", "0.1")).isEqualTo(bulk("1000000.10000000000002274"));
    assertThat(c.call("HINCRBYFLOAT", "h", "c", "123456789.123456789123")).isEqualTo(bulk("123456789.12345678912242875"));
    assertThat(c.call("HINCRBYFLOAT", "h", "d", "1.23456789012345678901")).isEqualTo(bulk("1.23456789012345679"));
    assertThat(c.call("HINCRBYFLOAT", "h", "e", "5.0e3")).isEqualTo(bulk("5000"));
    assertThat(c.call("HINCRBYFLOAT", "h", "e", "1e20")).isEqualTo(bulk("100000000000000005000"));
    assertThat(c.call("HINCRBYFLOAT", "h", "f", "0.000000000000000005")).isEqualTo(bulk("0"));
    assertThat(c.call("HINCRBYFLOAT", "h", "g", "0.000000000000000015")).isEqualTo(bulk("0.00000000000000002"));
    assertThat(c.call("HINCRBYFLOAT", "h", "i", "-0.0000000000000000001")).isEqualTo(bulk("0"));
    assertThat(c.call("HINCRBYFLOAT", "h", "j", "0.1")).isEqualTo(bulk("0.1"));
    assertThat(c.call("HINCRBYFLOAT", "h", "j", "0.2")).isEqualTo(bulk("0.3"));
    assertThat(c.call("HINCRBYFLOAT", "h", "k", "1000.001")).isEqualTo(bulk("1000.001"));
    assertThat(c.call("HINCRBYFLOAT", "h", "k", "1000.001")).isEqualTo(bulk("2000.002"));
    assertThat(c.call("HGET", "h", "b")).isEqualTo(bulk("1000000.10000000000002274"));
  }

  @Test
  void hincrbyfloat_readsStoredNumeralsAsStrtold() {
    c.call("HSET", "h", "exp", "1.5e1", "lead", ".5", "trail", "5.", "plus", "+3", "int", "7", "tiny", "1e-400");
    assertThat(c.call("HINCRBYFLOAT", "h", "exp", "1")).isEqualTo(bulk("16"));
    assertThat(c.call("HINCRBYFLOAT", "h", "lead", "1")).isEqualTo(bulk("1.5"));
    assertThat(c.call("HINCRBYFLOAT", "h", "trail", "1")).isEqualTo(bulk("6"));
    assertThat(c.call("HINCRBYFLOAT", "h", "plus", "1")).isEqualTo(bulk("4"));
    assertThat(c.call("HINCRBYFLOAT", "h", "int", "-0.5")).isEqualTo(bulk("6.5"));
    assertThat(c.call("HINCRBYFLOAT", "h", "tiny", "1")).isEqualTo(bulk("1"));
  }

  @Test
  void hincrbyfloat_readsHexadecimalAsStrtold() {
    assertThat(c.call("HINCRBYFLOAT", "h", "f", "0x10")).isEqualTo(bulk("16"));
    assertThat(c.call("HINCRBYFLOAT", "h", "f", "0x1p-2")).isEqualTo(bulk("16.25"));
    c.call("HSET", "h", "g", "0x10");
    assertThat(c.call("HINCRBYFLOAT", "h", "g", "1")).isEqualTo(bulk("17"));
    assertThat(c.call("HINCRBYFLOAT", "h", "f", "0x")).isEqualTo(error("ERR value is not a valid float"));
  }

  @Test
  void hincrbyfloat_beyondDoubleRange() {
    String max = "1.7976931348623157e308";
    assertThat(c.call("HINCRBYFLOAT", "h", "u", max)).isEqualTo(bulk("179769313486231569995921046774104434048386446944"
        + "329178485314420765176628523124396354701868608387085564428793419425520689308708363451136055357897278026477617073"
        + "498977686288394835618163294045594434929537447290627480669417384648879122776218333598953852832103282504751611691"
        + "208117720159985926376802466863339536384"));
    assertThat(c.call("HINCRBYFLOAT", "h", "u", max)).isEqualTo(bulk("359538626972463139991842093548208868096772893888"
        + "658356970628841530353257046248792709403737216774171128857586838851041378617416726902272110715794556052955234146"
        + "997955372576789671236326588091188869859074894581254961338834769297758245552436667197907705664206565009503223382"
        + "416235440319971852753604933726679072768"));
  }

  @Test
  void hincrbyfloat_errors() {
    c.call("HSET", "h", "text", "abc", "blank", " 1", "inf", "inf", "huge", "1e4932", "a", "1");
    assertThat(c.call("HINCRBYFLOAT", "h", "text", "1")).isEqualTo(error("ERR hash value is not a float"));
    assertThat(c.call("HINCRBYFLOAT", "h", "blank", "1")).isEqualTo(error("ERR hash value is not a float"));
    assertThat(c.call("HINCRBYFLOAT", "h", "inf", "1")).isEqualTo(error("ERR increment would produce NaN or Infinity"));
    assertThat(c.call("HINCRBYFLOAT", "h", "huge", "1e4932")).isEqualTo(error("ERR increment would produce NaN or Infinity"));
    assertThat(c.call("HINCRBYFLOAT", "h", "a", "inf")).isEqualTo(error("ERR value is NaN or Infinity"));
    assertThat(c.call("HINCRBYFLOAT", "h", "a", "-Infinity")).isEqualTo(error("ERR value is NaN or Infinity"));
    assertThat(c.call("HINCRBYFLOAT", "h", "a", "nan")).isEqualTo(error("ERR value is not a valid float"));
    assertThat(c.call("HINCRBYFLOAT", "h", "a", "1e5000")).isEqualTo(error("ERR value is not a valid float"));
    assertThat(c.call("HINCRBYFLOAT", "h", "a", "1e-5000")).isEqualTo(error("ERR value is not a valid float"));
    assertThat(c.call("HINCRBYFLOAT", "h", "a", " 1")).isEqualTo(error("ERR value is not a valid float"));
    assertThat(c.call("HINCRBYFLOAT", "h", "a", "")).isEqualTo(error("ERR value is not a valid float"));
    assertThat(c.call("HGET", "h", "a")).isEqualTo(bulk("1"));
    c.call("HSET", "h", "nan", "nan");
    assertThat(c.call("HINCRBYFLOAT", "h", "nan", "1")).isEqualTo(error("ERR hash value is not a float"));
    c.call("SET", "s", "v");
    assertThat(c.call("HINCRBYFLOAT", "s", "f", "1")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HINCRBYFLOAT", "s", "f", "x")).isEqualTo(error("ERR value is not a valid float"));
  }

  // ---------------------------------------------------------------- HRANDFIELD

  @Test
  void hrandfield_withoutCount() {
    c.call("HSET", "h", "a", "1", "b", "2");
    assertThat(bulks(c.call("HRANDFIELD", "h"))).singleElement().isIn("a", "b");
    assertThat(c.call("HRANDFIELD", "nokey")).isEqualTo(nil());
    c.call("SET", "s", "v");
    assertThat(c.call("HRANDFIELD", "s")).isEqualTo(WRONGTYPE);
    resp3();
    assertThat(c.call("HRANDFIELD", "nokey")).isEqualTo(NULL3);
  }

  @Test
  void hrandfield_positiveCountGivesDistinctFields() {
    fill("h", 50);
    for (int count : new int[] {1, 2, 10, 20, 49}) {
      String reply = c.call("HRANDFIELD", "h", String.valueOf(count));
      assertThat(reply).startsWith("*" + count + "\r\n");
      assertThat(bulks(reply)).doesNotHaveDuplicates().allMatch(f -> f.matches("f\\d+"));
    }
    assertThat(bulks(c.call("HRANDFIELD", "h", "50"))).hasSize(50).doesNotHaveDuplicates();
    assertThat(bulks(c.call("HRANDFIELD", "h", "1000"))).hasSize(50).doesNotHaveDuplicates();
  }

  @Test
  void hrandfield_negativeCountRepeats() {
    c.call("HSET", "h", "a", "1", "b", "2");
    String reply = c.call("HRANDFIELD", "h", "-5");
    assertThat(reply).startsWith("*5\r\n");
    assertThat(bulks(reply)).hasSize(5).allMatch(f -> f.equals("a") || f.equals("b"));
    assertThat(bulks(c.call("HRANDFIELD", "h", "-100"))).hasSize(100).containsOnly("a", "b");
  }

  @Test
  void hrandfield_withValuesFlatInResp2() {
    c.call("HSET", "h", "a", "1", "b", "2", "c", "3");
    for (String count : new String[] {"-7", "1", "2", "3", "9"}) {
      String reply = c.call("HRANDFIELD", "h", count, "WITHVALUES");
      int n = Math.min(Math.abs(Integer.parseInt(count)), count.startsWith("-") ? 7 : 3);
      assertThat(reply).startsWith("*" + 2 * n + "\r\n");
      List<String> flat = bulks(reply);
      for (int i = 0; i < flat.size(); i += 2) {
        assertThat(flat.get(i + 1)).isEqualTo(String.valueOf((char) ('1' + flat.get(i).charAt(0) - 'a')));
      }
    }
  }

  @Test
  void hrandfield_withValuesNestedPairsInResp3() {
    c.call("HSET", "h", "a", "1");
    resp3();
    assertThat(c.call("HRANDFIELD", "h", "-2", "withvalues"))
        .isEqualTo("*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n");
    assertThat(c.call("HRANDFIELD", "h", "5", "WITHVALUES")).isEqualTo("*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n");
    assertThat(c.call("HRANDFIELD", "h", "2")).isEqualTo(array("a"));
    assertThat(c.call("HRANDFIELD", "nokey", "2", "WITHVALUES")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void hrandfield_zeroCountAndMissingKey() {
    c.call("HSET", "h", "a", "1");
    assertThat(c.call("HRANDFIELD", "h", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("HRANDFIELD", "nokey", "2")).isEqualTo(EMPTY_ARRAY);
    assertThat(c.call("HRANDFIELD", "nokey", "-2", "WITHVALUES")).isEqualTo(EMPTY_ARRAY);
    c.call("SET", "s", "v");
    assertThat(c.call("HRANDFIELD", "s", "2")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HRANDFIELD", "s", "0")).isEqualTo(WRONGTYPE);
  }

  @Test
  void hrandfield_argumentErrors() {
    c.call("HSET", "h", "a", "1");
    c.call("SET", "s", "v");
    assertThat(c.call("HRANDFIELD", "h", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("HRANDFIELD", "s", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("HRANDFIELD", "h", "2", "WITHVALUE")).isEqualTo(SYNTAX);
    assertThat(c.call("HRANDFIELD", "nokey", "2", "WITHVALUES", "x")).isEqualTo(SYNTAX);
    assertThat(c.call("HRANDFIELD", "h", "-9223372036854775808")).isEqualTo(
        error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
    assertThat(c.call("HRANDFIELD", "h", "-9223372036854775807", "WITHVALUES")).isEqualTo(error("ERR value is out of range"));
    assertThat(c.call("HRANDFIELD", "h", "4611686018427387904", "WITHVALUES")).isEqualTo(error("ERR value is out of range"));
  }

  @Test
  void hrandfield_refusesHugeRepeatedSamples() {
    c.call("HSET", "h", "a", "1");
    assertThat(c.call("HRANDFIELD", "h", "-9223372036854775807")).startsWith("-ERR value is out of range");
    assertThat(c.call("HRANDFIELD", "h", String.valueOf(-SetCommands.Sampling.MAX_REPEATS - 1))).startsWith("-ERR");
    assertThat(c.call("HRANDFIELD", "h", "9223372036854775807")).isEqualTo(array("a"));
  }

  // ---------------------------------------------------------------- HSCAN

  @Test
  void hscan_missingKeyAndCursorErrors() {
    assertThat(c.call("HSCAN", "nokey", "0")).isEqualTo(EMPTY_SCAN);
    assertThat(c.call("HSCAN", "nokey", "0", "COUNT", "0")).isEqualTo(EMPTY_SCAN);
    assertThat(c.call("HSCAN", "nokey", "x")).isEqualTo(error("ERR invalid cursor"));
    assertThat(c.call("HSCAN", "nokey", " 0")).isEqualTo(error("ERR invalid cursor"));
    assertThat(c.call("HSCAN", "nokey", "18446744073709551616")).isEqualTo(error("ERR invalid cursor"));
    c.call("SET", "s", "v");
    assertThat(c.call("HSCAN", "s", "0", "COUNT", "0")).isEqualTo(WRONGTYPE);
    assertThat(c.call("HSCAN", "s", "x")).isEqualTo(error("ERR invalid cursor"));
  }

  @Test
  void hscan_optionErrors() {
    c.call("HSET", "h", "a", "1");
    assertThat(c.call("HSCAN", "h", "0", "COUNT", "0")).isEqualTo(SYNTAX);
    assertThat(c.call("HSCAN", "h", "0", "COUNT", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("HSCAN", "h", "0", "MATCH")).isEqualTo(SYNTAX);
    assertThat(c.call("HSCAN", "h", "0", "TYPE", "string")).isEqualTo(SYNTAX);
    assertThat(c.call("HSCAN", "h", "0", "FOO", "bar")).isEqualTo(SYNTAX);
  }

  @Test
  void hscan_smallHashComesWholeWhateverTheCursor() {
    c.call("HSET", "h", "a", "1", "b", "2", "c", "3", "d", "4");
    for (String cursor : new String[] {"0", "", "+0", "007", "-1", "18446744073709551615"}) {
      String reply = c.call("HSCAN", "h", cursor, "COUNT", "1");
      assertThat(reply).startsWith("*2\r\n$1\r\n0\r\n*8\r\n");
      assertThat(pairs(bulks(reply).subList(1, 9))).containsExactlyInAnyOrderEntriesOf(
          Map.of("a", "1", "b", "2", "c", "3", "d", "4"));
    }
  }

  @Test
  void hscan_match() {
    c.call("HSET", "h", "apple", "1", "avocado", "2", "banana", "3");
    String reply = c.call("HSCAN", "h", "0", "MATCH", "a*", "COUNT", "5");
    assertThat(pairs(bulks(reply).subList(1, 5))).containsExactlyInAnyOrderEntriesOf(Map.of("apple", "1", "avocado", "2"));
    assertThat(c.call("HSCAN", "h", "0", "match", "z*")).isEqualTo(EMPTY_SCAN);
  }

  @Test
  void hscan_largeHashIteratesEveryFieldWithItsValue() {
    fill("h", 600);
    Map<String, String> seen = new HashMap<>();
    String cursor = "0";
    int steps = 0;
    do {
      List<String> reply = bulks(c.call("HSCAN", "h", cursor, "COUNT", "20"));
      cursor = reply.get(0);
      seen.putAll(pairs(reply.subList(1, reply.size())));
      steps++;
    } while (!cursor.equals("0"));
    assertThat(steps).isGreaterThan(5);
    assertThat(seen).hasSize(600);
    seen.forEach((f, v) -> assertThat(v).isEqualTo("v" + f.substring(1)));
  }

  @Test
  void hscan_listpackSizedHashAnswersWholeAtOnce() {
    fill("h", 512);
    List<String> reply = bulks(c.call("HSCAN", "h", "0", "COUNT", "20"));
    assertThat(reply.get(0)).isEqualTo("0");
    assertThat(reply).hasSize(1 + 2 * 512);
  }

  @Test
  void hscan_hashWithALongValueIsScannedInSteps() {
    c.call("HSET", "h", "long", "x".repeat(65));
    fill("h", 40);
    List<String> first = bulks(c.call("HSCAN", "h", "0", "COUNT", "2"));
    assertThat(first.get(0)).isNotEqualTo("0");
    assertThat(first.size() - 1).isLessThan(2 * 41);
  }
}
