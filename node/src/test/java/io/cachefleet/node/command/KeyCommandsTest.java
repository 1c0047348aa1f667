package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.EMPTY_ARRAY;
import static io.cachefleet.node.command.NodeHarness.NOT_INTEGER;
import static io.cachefleet.node.command.NodeHarness.SYNTAX;
import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.node.store.EvictionPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Key commands against replies recorded from Redis 7.0.15. */
class KeyCommandsTest {

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  /** The bulk strings of a flat RESP array reply, in reply order. */
  static List<String> bulks(String resp) {
    List<String> out = new ArrayList<>();
    int nl = resp.indexOf("\r\n");
    int n = Integer.parseInt(resp.substring(1, nl));
    int pos = nl + 2;
    for (int i = 0; i < n; i++) {
      int end = resp.indexOf("\r\n", pos);
      int len = Integer.parseInt(resp.substring(pos + 1, end));
      out.add(resp.substring(end + 2, end + 2 + len));
      pos = end + 2 + len + 2;
    }
    assertThat(pos).as("whole reply parsed").isEqualTo(resp.length());
    return out;
  }

  /** A SCAN reply split into its cursor and the RESP of its key array. */
  private static String[] scanReply(String resp) {
    assertThat(resp).startsWith("*2\r\n$");
    int end = resp.indexOf("\r\n", 5);
    int len = Integer.parseInt(resp.substring(5, end));
    return new String[] {resp.substring(end + 2, end + 2 + len), resp.substring(end + 2 + len + 2)};
  }

  // ---------------------------------------------------------------- DEL / UNLINK / EXISTS / TOUCH / TYPE

  @Test
  void del_countsEachKeyOnce() {
    c.call("MSET", "a", "1", "b", "2");
    assertThat(c.call("DEL", "a", "a", "b", "c")).isEqualTo(integer(2));
    assertThat(c.call("EXISTS", "a", "b")).isEqualTo(integer(0));
    c.call("MSET", "a", "1", "b", "2");
    assertThat(c.call("UNLINK", "a", "b", "a")).isEqualTo(integer(2));
    assertThat(c.call("DEL", "nokey")).isEqualTo(integer(0));
  }

  @Test
  void exists_countsRepeats() {
    c.call("MSET", "a", "1", "b", "2");
    assertThat(c.call("EXISTS", "a", "a", "b", "c")).isEqualTo(integer(3));
    assertThat(c.call("TOUCH", "a", "a", "b", "c")).isEqualTo(integer(3));
  }

  @Test
  void exists_expiredKeyIsGone() {
    c.call("SET", "a", "1", "PX", "100");
    h.advance(100);
    assertThat(c.call("EXISTS", "a")).isEqualTo(integer(0));
    assertThat(c.call("DEL", "a")).isEqualTo(integer(0));
  }

  @Test
  void type_namesEveryType() {
    c.call("SET", "s", "v");
    c.call("RPUSH", "l", "a");
    c.call("SADD", "set", "a");
    c.call("ZADD", "z", "1", "a");
    c.call("HSET", "h", "f", "v");
    assertThat(c.call("TYPE", "s")).isEqualTo("+string\r\n");
    assertThat(c.call("TYPE", "l")).isEqualTo("+list\r\n");
    assertThat(c.call("TYPE", "set")).isEqualTo("+set\r\n");
    assertThat(c.call("TYPE", "z")).isEqualTo("+zset\r\n");
    assertThat(c.call("TYPE", "h")).isEqualTo("+hash\r\n");
    assertThat(c.call("TYPE", "nokey")).isEqualTo("+none\r\n");
  }

  // ---------------------------------------------------------------- EXPIRE family

  @Test
  void expire_optionConflicts() {
    c.call("SET", "a", "1");
    String nx = error("ERR NX and XX, GT or LT options at the same time are not compatible");
    assertThat(c.call("EXPIRE", "a", "100", "NX", "XX")).isEqualTo(nx);
    assertThat(c.call("EXPIRE", "a", "100", "NX", "GT")).isEqualTo(nx);
    assertThat(c.call("EXPIRE", "a", "100", "LT", "NX")).isEqualTo(nx);
    assertThat(c.call("EXPIRE", "a", "100", "GT", "LT"))
        .isEqualTo(error("ERR GT and LT options at the same time are not compatible"));
    assertThat(c.call("EXPIRE", "a", "100", "FOO")).isEqualTo(error("ERR Unsupported option FOO"));
    assertThat(c.call("EXPIRE", "a", "abc", "FOO")).isEqualTo(error("ERR Unsupported option FOO"));
    assertThat(c.call("EXPIRE", "a", "abc")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("TTL", "a")).isEqualTo(integer(-1));
  }

  @Test
  void expire_nxXxGtLt() {
    c.call("SET", "a", "1");
    assertThat(c.call("EXPIRE", "a", "100", "XX")).isEqualTo(integer(0));
    assertThat(c.call("EXPIRE", "a", "100", "GT")).isEqualTo(integer(0));
    assertThat(c.call("EXPIRE", "a", "100", "NX")).isEqualTo(integer(1));
    assertThat(c.call("EXPIRE", "a", "50", "nx")).isEqualTo(integer(0));
    assertThat(c.call("EXPIRE", "a", "200", "GT")).isEqualTo(integer(1));
    assertThat(c.call("TTL", "a")).isEqualTo(integer(200));
    assertThat(c.call("EXPIRE", "a", "100", "GT")).isEqualTo(integer(0));
    assertThat(c.call("EXPIRE", "a", "100", "LT")).isEqualTo(integer(1));
    assertThat(c.call("EXPIRE", "a", "150", "LT")).isEqualTo(integer(0));
    assertThat(c.call("EXPIRE", "a", "150", "XX", "XX")).isEqualTo(integer(1));
    assertThat(c.call("TTL", "a")).isEqualTo(integer(150));
    assertThat(c.call("PERSIST", "a")).isEqualTo(integer(1));
    assertThat(c.call("EXPIRE", "a", "100", "LT")).isEqualTo(integer(1));
    assertThat(c.call("EXPIRE", "nokey", "100")).isEqualTo(integer(0));
  }

  @Test
  void expire_nonPositiveTime_deletesKey() {
    c.call("SET", "a", "1");
    assertThat(c.call("EXPIRE", "a", "0")).isEqualTo(integer(1));
    assertThat(c.call("EXISTS", "a")).isEqualTo(integer(0));
    c.call("SET", "a", "1");
    assertThat(c.call("PEXPIRE", "a", "-1")).isEqualTo(integer(1));
    assertThat(c.call("EXISTS", "a")).isEqualTo(integer(0));
    c.call("SET", "a", "1");
    assertThat(c.call("PEXPIREAT", "a", "-9223372036854775808")).isEqualTo(integer(1));
    assertThat(c.call("EXISTS", "a")).isEqualTo(integer(0));
  }

  @Test
  void expire_overflow_invalid() {
    c.call("SET", "a", "1");
    assertThat(c.call("EXPIRE", "a", "9223372036854775807")).isEqualTo(error("ERR invalid expire time in 'expire' command"));
    assertThat(c.call("EXPIRE", "a", "9223372036854775")).isEqualTo(error("ERR invalid expire time in 'expire' command"));
    assertThat(c.call("EXPIRE", "a", "-9223372036854776")).isEqualTo(error("ERR invalid expire time in 'expire' command"));
    assertThat(c.call("PEXPIRE", "a", "9223372036854775807")).isEqualTo(error("ERR invalid expire time in 'pexpire' command"));
    assertThat(c.call("EXPIREAT", "a", "9223372036854775807")).isEqualTo(error("ERR invalid expire time in 'expireat' command"));
    assertThat(c.call("PEXPIREAT", "a", "9223372036854775807")).isEqualTo(integer(1));
    assertThat(c.call("PEXPIRETIME", "a")).isEqualTo(integer(Long.MAX_VALUE));
  }

  @Test
  void expire_keyExpiresOnTime() {
    c.call("SET", "a", "1");
    assertThat(c.call("PEXPIRE", "a", "1500")).isEqualTo(integer(1));
    h.advance(1499);
    assertThat(c.call("GET", "a")).isEqualTo(bulk("1"));
    h.advance(1);
    assertThat(c.call("GET", "a")).isEqualTo(nil());
    c.call("SET", "b", "1");
    assertThat(c.call("EXPIREAT", "b", Long.toString(h.clock.get() / 1000 + 10))).isEqualTo(integer(1));
    assertThat(c.call("TTL", "b")).isEqualTo(integer(10));
  }

  @Test
  void ttl_roundsToNearestSecond() {
    c.call("SET", "a", "1", "PX", "1499");
    assertThat(c.call("TTL", "a")).isEqualTo(integer(1));
    c.call("SET", "a", "1", "PX", "1500");
    assertThat(c.call("TTL", "a")).isEqualTo(integer(2));
    c.call("SET", "a", "1", "PX", "499");
    assertThat(c.call("TTL", "a")).isEqualTo(integer(0));
    assertThat(c.call("PTTL", "a")).isEqualTo(integer(499));
    c.call("SET", "p", "1");
    assertThat(c.call("TTL", "p")).isEqualTo(integer(-1));
    assertThat(c.call("PTTL", "p")).isEqualTo(integer(-1));
    assertThat(c.call("TTL", "nokey")).isEqualTo(integer(-2));
    assertThat(c.call("PTTL", "nokey")).isEqualTo(integer(-2));
  }

  @Test
  void expiretime_absoluteAndRounded() {
    c.call("SET", "a", "1");
    c.call("PEXPIREAT", "a", "4000000000600");
    assertThat(c.call("EXPIRETIME", "a")).isEqualTo(integer(4000000001L));
    assertThat(c.call("PEXPIRETIME", "a")).isEqualTo(integer(4000000000600L));
    c.call("PEXPIREAT", "a", "4000000000499");
    assertThat(c.call("EXPIRETIME", "a")).isEqualTo(integer(4000000000L));
    c.call("SET", "p", "1");
    assertThat(c.call("EXPIRETIME", "p")).isEqualTo(integer(-1));
    assertThat(c.call("PEXPIRETIME", "p")).isEqualTo(integer(-1));
    assertThat(c.call("EXPIRETIME", "nokey")).isEqualTo(integer(-2));
  }

  @Test
  void persist_removesTtl() {
    c.call("SET", "a", "1", "EX", "100");
    assertThat(c.call("PERSIST", "a")).isEqualTo(integer(1));
    assertThat(c.call("PERSIST", "a")).isEqualTo(integer(0));
    assertThat(c.call("PERSIST", "nokey")).isEqualTo(integer(0));
    assertThat(c.call("TTL", "a")).isEqualTo(integer(-1));
  }

  // ---------------------------------------------------------------- RENAME / RENAMENX / COPY

  @Test
  void rename_movesValueAndTtl() {
    c.call("SET", "a", "1");
    c.call("PEXPIREAT", "a", "4000000000499");
    assertThat(c.call("RENAME", "a", "b")).isEqualTo(ok());
    assertThat(c.call("EXISTS", "a")).isEqualTo(integer(0));
    assertThat(c.call("GET", "b")).isEqualTo(bulk("1"));
    assertThat(c.call("PEXPIRETIME", "b")).isEqualTo(integer(4000000000499L));
  }

  @Test
  void rename_overwritesAnyTypeAndItsTtl() {
    c.call("SET", "a", "1");
    c.call("RPUSH", "b", "x");
    c.call("EXPIRE", "b", "100");
    assertThat(c.call("RENAME", "a", "b")).isEqualTo(ok());
    assertThat(c.call("GET", "b")).isEqualTo(bulk("1"));
    assertThat(c.call("TTL", "b")).isEqualTo(integer(-1));
  }

  @Test
  void rename_sameKeyAndMissingKey() {
    c.call("SET", "a", "1");
    assertThat(c.call("RENAME", "a", "a")).isEqualTo(ok());
    assertThat(c.call("RENAMENX", "a", "a")).isEqualTo(integer(0));
    assertThat(c.call("GET", "a")).isEqualTo(bulk("1"));
    assertThat(c.call("RENAME", "nokey", "x")).isEqualTo(error("ERR no such key"));
    assertThat(c.call("RENAMENX", "nokey", "x")).isEqualTo(error("ERR no such key"));
    assertThat(c.call("RENAME", "nokey", "nokey")).isEqualTo(error("ERR no such key"));
  }

  @Test
  void renamenx_onlyToMissingKey() {
    c.call("MSET", "a", "1", "p", "2");
    assertThat(c.call("RENAMENX", "a", "p")).isEqualTo(integer(0));
    assertThat(c.call("RENAMENX", "a", "b")).isEqualTo(integer(1));
    assertThat(c.call("MGET", "a", "b", "p")).isEqualTo(array(null, "1", "2"));
  }

  @Test
  void copy_copiesValueAndTtl() {
    c.call("SET", "p", "1");
    c.call("PEXPIREAT", "p", "4000000000499");
    assertThat(c.call("COPY", "nokey", "q")).isEqualTo(integer(0));
    assertThat(c.call("COPY", "p", "q")).isEqualTo(integer(1));
    assertThat(c.call("GET", "q")).isEqualTo(bulk("1"));
    assertThat(c.call("PEXPIRETIME", "q")).isEqualTo(integer(4000000000499L));
    assertThat(c.call("COPY", "p", "q")).isEqualTo(integer(0));
    c.call("SET", "p", "2");
    assertThat(c.call("COPY", "p", "q", "REPLACE")).isEqualTo(integer(1));
    assertThat(c.call("GET", "q")).isEqualTo(bulk("2"));
    assertThat(c.call("TTL", "q")).isEqualTo(integer(-1));
    assertThat(c.call("COPY", "p", "q", "DB", "0", "replace")).isEqualTo(integer(1));
  }

  @Test
  void copy_collectionIsDeep() {
    c.call("RPUSH", "src", "a");
    assertThat(c.call("COPY", "src", "dst")).isEqualTo(integer(1));
    c.call("RPUSH", "dst", "b");
    assertThat(c.call("LRANGE", "src", "0", "-1")).isEqualTo(array("a"));
    assertThat(c.call("LRANGE", "dst", "0", "-1")).isEqualTo(array("a", "b"));
  }

  @Test
  void copy_errors() {
    c.call("SET", "p", "1");
    assertThat(c.call("COPY", "p", "p")).isEqualTo(error("ERR source and destination objects are the same"));
    assertThat(c.call("COPY", "p", "q", "DB", "1")).isEqualTo(error("ERR DB index is out of range"));
    assertThat(c.call("COPY", "p", "q", "DB", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("COPY", "p", "q", "DB", "99999999999"))
        .isEqualTo(error("ERR value is out of range, value must between -2147483648 and 2147483647"));
    assertThat(c.call("COPY", "p", "q", "DB")).isEqualTo(SYNTAX);
    assertThat(c.call("COPY", "p", "q", "FOO")).isEqualTo(SYNTAX);
    assertThat(c.call("EXISTS", "q")).isEqualTo(integer(0));
  }

  // ---------------------------------------------------------------- KEYS / SCAN / RANDOMKEY

  @Test
  void keys_globs() {
    c.call("MSET", "hello", "1", "hallo", "2", "hxllo", "3", "other", "4");
    assertThat(bulks(c.call("KEYS", "h?llo"))).containsExactlyInAnyOrder("hello", "hallo", "hxllo");
    assertThat(bulks(c.call("KEYS", "h[ae]llo"))).containsExactlyInAnyOrder("hello", "hallo");
    assertThat(bulks(c.call("KEYS", "h[^e]llo"))).containsExactlyInAnyOrder("hallo", "hxllo");
    assertThat(bulks(c.call("KEYS", "*"))).hasSize(4);
    assertThat(c.call("KEYS", "nothing*")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void keys_starMatchesEmptyKeyButDoubleStarDoesNot() {
    c.call("SET", "", "v");
    assertThat(c.call("KEYS", "*")).isEqualTo(array(""));
    assertThat(c.call("KEYS", "**")).isEqualTo(EMPTY_ARRAY);
  }

  @Test
  void keys_skipsExpired() {
    c.call("SET", "a", "1", "PX", "10");
    c.call("SET", "b", "1");
    h.advance(10);
    assertThat(c.call("KEYS", "*")).isEqualTo(array("b"));
  }

  @Test
  void scan_emptyKeyspace() {
    assertThat(c.call("SCAN", "0")).isEqualTo("*2\r\n" + bulk("0") + "*0\r\n");
  }

  @Test
  void scan_fullIteration_everyKeyOnce() {
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      c.call("SET", "key:" + i, "v");
      expected.add("key:" + i);
    }
    List<String> seen = new ArrayList<>();
    String cursor = "0";
    int steps = 0;
    do {
      String[] reply = scanReply(c.call("SCAN", cursor, "COUNT", "10"));
      cursor = reply[0];
      seen.addAll(bulks(reply[1]));
      steps++;
    } while (!cursor.equals("0"));
    assertThat(steps).isGreaterThan(1);
    assertThat(seen).hasSameSizeAs(expected);
    assertThat(new HashSet<>(seen)).isEqualTo(expected);
  }

  @Test
  void scan_largeCount_finishesInOneStep() {
    for (int i = 0; i < 100; i++) {
      c.call("SET", "key:" + i, "v");
    }
    String reply = c.call("SCAN", "0", "COUNT", "1000");
    assertThat(reply).startsWith("*2\r\n" + bulk("0") + "*100\r\n");
  }

  @Test
  void scan_matchTypeAndExpired() {
    c.call("MSET", "a", "1", "b", "2");
    c.call("RPUSH", "list", "x");
    c.call("SET", "gone", "1", "PX", "10");
    h.advance(10);
    String head = "*2\r\n" + bulk("0");
    assertThat(c.call("SCAN", "0", "MATCH", "a", "COUNT", "100", "TYPE", "string")).isEqualTo(head + array("a"));
    assertThat(c.call("SCAN", "0", "TYPE", "LIST")).isEqualTo(head + array("list"));
    assertThat(c.call("SCAN", "0", "TYPE", "foo")).isEqualTo(head + "*0\r\n");
    assertThat(c.call("SCAN", "0", "MATCH", "")).isEqualTo(head + "*0\r\n");
    assertThat(c.call("SCAN", "0", "MATCH", "gone")).isEqualTo(head + "*0\r\n");
    assertThat(bulks(scanReply(c.call("SCAN", "0", "MATCH", "*"))[1])).containsExactlyInAnyOrder("a", "b", "list");
  }

  @Test
  void scan_errors() {
    assertThat(c.call("SCAN", " 0")).isEqualTo(error("ERR invalid cursor"));
    assertThat(c.call("SCAN", "18446744073709551616")).isEqualTo(error("ERR invalid cursor"));
    assertThat(c.call("SCAN", "abc", "COUNT", "x")).isEqualTo(error("ERR invalid cursor"));
    assertThat(c.call("SCAN", "0", "COUNT", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("SCAN", "0", "COUNT", "0")).isEqualTo(SYNTAX);
    assertThat(c.call("SCAN", "0", "COUNT", "-1")).isEqualTo(SYNTAX);
    assertThat(c.call("SCAN", "0", "COUNT")).isEqualTo(SYNTAX);
    assertThat(c.call("SCAN", "0", "MATCH")).isEqualTo(SYNTAX);
    assertThat(c.call("SCAN", "0", "FOO")).isEqualTo(SYNTAX);
  }

  @Test
  void scan_cursorForms() {
    c.call("SET", "a", "1");
    String all = "*2\r\n" + bulk("0") + array("a");
    assertThat(c.call("SCAN", "")).isEqualTo(all);
    assertThat(c.call("SCAN", "+0")).isEqualTo(all);
    assertThat(c.call("SCAN", "0", "count", "9223372036854775807")).isEqualTo(all);
  }

  @Test
  void randomkey_liveKeysOnly() {
    assertThat(c.call("RANDOMKEY")).isEqualTo(nil());
    c.call("SET", "gone", "1", "PX", "10");
    h.advance(10);
    assertThat(c.call("RANDOMKEY")).isEqualTo(nil());
    c.call("SET", "a", "1");
    assertThat(c.call("RANDOMKEY")).isEqualTo(bulk("a"));
  }

  // ---------------------------------------------------------------- OBJECT

  @Test
  void objectIdletime_lruPolicies() {
    c.call("SET", "a", "abc");
    h.advance(5000);
    assertThat(c.call("OBJECT", "IDLETIME", "a")).isEqualTo(integer(5));
    c.call("EXISTS", "a");
    c.call("TYPE", "a");
    c.call("TTL", "a");
    assertThat(c.call("OBJECT", "IDLETIME", "a")).isEqualTo(integer(5));
    c.call("GET", "a");
    assertThat(c.call("OBJECT", "IDLETIME", "a")).isEqualTo(integer(0));
    assertThat(c.call("OBJECT", "IDLETIME", "nokey")).isEqualTo(nil());
    assertThat(c.call("OBJECT", "FREQ", "a")).isEqualTo(error("ERR An LFU maxmemory policy is not selected, access "
        + "frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will "
        + "take some time to adjust."));
  }

  @Test
  void objectFreq_lfuPolicies() {
    NodeHarness lfu = new NodeHarness(0, EvictionPolicy.ALLKEYS_LFU, null);
    try (NodeHarness.Client l = lfu.client()) {
      l.call("SET", "a", "abc");
      assertThat(l.call("OBJECT", "FREQ", "a")).isEqualTo(integer(5));
      l.call("GET", "a");
      assertThat(l.call("OBJECT", "FREQ", "a")).isEqualTo(integer(6));
      l.call("EXISTS", "a");
      l.call("TYPE", "a");
      assertThat(l.call("OBJECT", "FREQ", "a")).isEqualTo(integer(6));
      lfu.advance(120_000);
      assertThat(l.call("OBJECT", "FREQ", "a")).isEqualTo(integer(4));
      assertThat(l.call("OBJECT", "FREQ", "nokey")).isEqualTo(nil());
      assertThat(l.call("OBJECT", "IDLETIME", "a")).isEqualTo(error("ERR An LFU maxmemory policy is selected, idle "
          + "time not tracked. Please note that when switching between policies at runtime LRU and LFU data will "
          + "take some time to adjust."));
    }
  }

  @Test
  void object_policySwitchedAtRuntime() {
    c.call("SET", "a", "abc");
    assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "volatile-lfu")).isEqualTo(ok());
    assertThat(c.call("OBJECT", "IDLETIME", "a")).startsWith("-ERR An LFU maxmemory policy is selected");
    assertThat(c.call("OBJECT", "FREQ", "a")).startsWith(":");
  }

  @Test
  void object_helpAndErrors() {
    assertThat(c.call("OBJECT", "IDLETIME")).isEqualTo(error("ERR wrong number of arguments for 'object|idletime' command"));
    assertThat(c.call("OBJECT", "FOO")).isEqualTo(error("ERR unknown subcommand 'FOO'. Try OBJECT HELP."));
    assertThat(c.call("OBJECT", "HELP")).isEqualTo("*15\r\n"
        + "+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        + "+ENCODING <key>\r\n"
        + "+    Return the kind of internal representation used in order to store the value\r\n"
        + "+    associated with a <key>.\r\n"
        + "+FREQ <key>\r\n"
        + "+    Return the access frequency index of the <key>. The returned integer is\r\n"
        + "+    proportional to the logarithm of the recent access frequency of the key.\r\n"
        + "+IDLETIME <key>\r\n"
        + "+    Return the idle time of the <key>, that is the approximated number of\r\n"
        + "+    seconds elapsed since the last access to the key.\r\n"
        + "+REFCOUNT <key>\r\n"
        + "+    Return the number of references of the value associated with the specified\r\n"
        + "+    <key>.\r\n"
        + "+HELP\r\n"
        + "+    Prints this help.\r\n");
  }
}
