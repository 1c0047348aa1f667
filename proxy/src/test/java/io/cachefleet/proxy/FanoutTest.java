package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Multi-key and whole-keyspace commands across three backends. */
class FanoutTest extends ThreeNodeProxyTest {

  @Test
  void mset_thenMget_returnsValuesInKeyOrder_acrossBackends() {
    List<String> args = new ArrayList<>(List.of("MSET"));
    for (int i = 0; i < 50; i++) {
      args.add("k" + i);
      args.add("value-" + i);
    }
    try (RespClient c = h.client()) {
      assertThat(c.call(args.toArray(String[]::new))).isEqualTo("+OK\r\n");
      StringBuilder expected = new StringBuilder("*52\r\n");
      List<String> mget = new ArrayList<>(List.of("MGET"));
      for (int i = 49; i >= 0; i--) {
        mget.add("k" + i);
        String v = "value-" + i;
        expected.append('$').append(v.length()).append("\r\n").append(v).append("\r\n");
      }
      mget.add("nokey");
      mget.add("k0");
      expected.append("$-1\r\n$7\r\nvalue-0\r\n");
      assertThat(c.call(mget.toArray(String[]::new))).isEqualTo(expected.toString());
    }
    Set<Integer> owners = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      owners.add(h.owner("k" + i));
    }
    assertThat(owners).hasSize(3);
  }

  @Test
  void mset_withOddArguments_isAnArityError() {
    try (RespClient c = h.client()) {
      assertThat(c.call("MSET", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'mset' command\r\n");
      assertThat(c.call("EXISTS", "a")).isEqualTo(":0\r\n");
    }
  }

  @Test
  void mget_ofWrongTypeKey_isNil_asInRedis() {
    try (RespClient c = h.client()) {
      c.call("LPUSH", "l", "x");
      c.call("SET", "s", "v");
      assertThat(c.call("MGET", "l", "s", "zz")).isEqualTo("*3\r\n$-1\r\n$1\r\nv\r\n$-1\r\n");
    }
  }

  @Test
  void del_exists_touch_unlink_sumTheBackendsCounts() {
    try (RespClient c = h.client()) {
      for (int i = 0; i < 20; i++) {
        c.call("SET", "d" + i, "x");
      }
      String[] keys = new String[21];
      keys[0] = "EXISTS";
      for (int i = 0; i < 20; i++) {
        keys[i + 1] = "d" + i;
      }
      assertThat(c.call(keys)).isEqualTo(":20\r\n");
      assertThat(c.call("EXISTS", "d1", "d1", "d2", "none")).isEqualTo(":3\r\n");
      assertThat(c.call("TOUCH", "d1", "d2", "d3", "none")).isEqualTo(":3\r\n");
      assertThat(c.call("UNLINK", "d1", "d2")).isEqualTo(":2\r\n");
      keys[0] = "DEL";
      assertThat(c.call(keys)).isEqualTo(":18\r\n");
      assertThat(c.call("DBSIZE")).isEqualTo(":0\r\n");
    }
  }

  @Test
  void dbsize_sumsAndKeys_concatenates() {
    try (RespClient c = h.client()) {
      for (int i = 0; i < 30; i++) {
        c.call("SET", "x" + i, "1");
      }
      c.call("SET", "other", "1");
      assertThat(c.call("DBSIZE")).isEqualTo(":31\r\n");
      String keys = c.call("KEYS", "x*");
      assertThat(keys).startsWith("*30\r\n");
      for (int i = 0; i < 30; i++) {
        assertThat(keys).contains("\r\nx" + i + "\r\n");
      }
    }
  }

  @Test
  void infoKeyspace_sumsTheBackendsKeysIntoDatabaseZero() {
    try (RespClient c = h.client()) {
      assertThat(c.call("INFO", "keyspace")).isEqualTo(bulk("# Keyspace\r\n"));
      for (int i = 0; i < 40; i++) {
        c.call("SET", "i" + i, "1");
      }
      for (int i = 0; i < 7; i++) {
        c.call("SET", "t" + i, "1", "EX", "100");
      }
      Set<Integer> owners = new HashSet<>();
      for (int i = 0; i < 40; i++) {
        owners.add(h.owner("i" + i));
      }
      assertThat(owners).hasSize(3);
      assertThat(c.call("INFO", "keyspace")).isEqualTo(bulk("# Keyspace\r\ndb0:keys=47,expires=7,avg_ttl=0\r\n"));
      assertThat(c.call("INFO")).contains("# Pool\r\n").endsWith("\r\n# Keyspace\r\ndb0:keys=47,expires=7,avg_ttl=0\r\n\r\n");
      assertThat(c.call("HELLO", "3")).startsWith("%7");
      assertThat(c.call("INFO", "keyspace")).isEqualTo("=49\r\ntxt:# Keyspace\r\ndb0:keys=47,expires=7,avg_ttl=0\r\n\r\n");
    }
  }

  @Test
  void randomkey_picksFromEveryBackendThatHasKeys_nilWhenNoneHas() {
    try (RespClient c = h.client()) {
      assertThat(c.call("RANDOMKEY")).isEqualTo("$-1\r\n");
      c.call("SET", "only", "1");
      assertThat(c.call("RANDOMKEY")).isEqualTo("$4\r\nonly\r\n");
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        c.call("SET", "r" + i, "1");
        keys.add("r" + i);
      }
      keys.add("only");
      Set<Integer> backends = new HashSet<>();
      for (int i = 0; i < 200 && backends.size() < 3; i++) {
        String key = lines(c.call("RANDOMKEY")).get(1);
        assertThat(keys).contains(key);
        backends.add(h.owner(key));
      }
      assertThat(backends).hasSize(3);
    }
  }

  @Test
  void scan_visitsEveryKeyOnEveryBackend() {
    Set<String> expected = new HashSet<>();
    try (RespClient c = h.client()) {
      for (int i = 0; i < 500; i++) {
        c.call("SET", "s" + i, "1");
        expected.add("s" + i);
      }
      Set<String> seen = new HashSet<>();
      String cursor = "0";
      int calls = 0;
      do {
        List<String> reply = lines(c.call("SCAN", cursor, "COUNT", "100"));
        cursor = reply.get(2);
        for (int i = 5; i < reply.size(); i += 2) {
          seen.add(reply.get(i));
        }
        calls++;
      } while (!cursor.equals("0") && calls < 1000);
      assertThat(seen).isEqualTo(expected);
      assertThat(c.call("SCAN", "abc")).isEqualTo("-ERR invalid cursor\r\n");
      assertThat(c.call("SCAN", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
    }
  }

  @Test
  void flushdb_emptiesEveryBackend() {
    try (RespClient c = h.client()) {
      for (int i = 0; i < 30; i++) {
        c.call("SET", "f" + i, "1");
      }
      assertThat(c.call("FLUSHDB")).isEqualTo("+OK\r\n");
    }
    for (int n = 0; n < 3; n++) {
      try (RespClient d = h.direct(n)) {
        assertThat(d.call("DBSIZE")).isEqualTo(":0\r\n");
      }
    }
  }

  private static String bulk(String text) {
    return "$" + text.length() + "\r\n" + text + "\r\n";
  }

  private static List<String> lines(String reply) {
    return List.of(reply.split("\r\n"));
  }
}
