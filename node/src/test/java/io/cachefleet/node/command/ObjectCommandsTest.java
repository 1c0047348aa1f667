package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.NULL3;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OBJECT ENCODING and OBJECT REFCOUNT against replies recorded from Redis 7.0.15 with its default
 * settings ({@code hash-max-listpack-entries 512}, {@code zset-max-listpack-entries 128},
 * {@code set-max-intset-entries 512}, {@code *-max-listpack-value 64}).
 */
class ObjectCommandsTest {

  private static final String SHARED = integer(Integer.MAX_VALUE);

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  private String encoding(String key) {
    return c.call("OBJECT", "ENCODING", key);
  }

  private String refcount(String key) {
    return c.call("OBJECT", "REFCOUNT", key);
  }

  private String encodingOf(String value) {
    c.call("SET", "k", value);
    return encoding("k");
  }

  @Test
  void encoding_stringBySetIsIntEmbstrOrRaw() {
    assertThat(encodingOf("abc")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("123")).isEqualTo(bulk("int"));
    assertThat(encodingOf("-5")).isEqualTo(bulk("int"));
    assertThat(encodingOf("1234567890123456789")).isEqualTo(bulk("int"));
    assertThat(encodingOf("-9223372036854775808")).isEqualTo(bulk("int"));
    assertThat(encodingOf("9223372036854775807")).isEqualTo(bulk("int"));
    assertThat(encodingOf("9223372036854775808")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("12345678901234567890")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("0123")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("+12")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf(" 12")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("-0")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("1e3")).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("a".repeat(44))).isEqualTo(bulk("embstr"));
    assertThat(encodingOf("a".repeat(45))).isEqualTo(bulk("raw"));
  }

  @Test
  void encoding_stringByOtherCommands() {
    c.call("INCR", "i");
    assertThat(encoding("i")).isEqualTo(bulk("int"));
    c.call("SET", "g", "abc");
    c.call("GETSET", "g", "123");
    assertThat(encoding("g")).isEqualTo(bulk("int"));
    c.call("APPEND", "a", "12");
    assertThat(encoding("a")).isEqualTo(bulk("int"));
    c.call("APPEND", "b", "abc");
    assertThat(encoding("b")).isEqualTo(bulk("embstr"));
    c.call("INCRBYFLOAT", "f", "1.5");
    assertThat(encoding("f")).isEqualTo(bulk("embstr"));
    c.call("MSET", "m", "12");
    assertThat(encoding("m")).isEqualTo(bulk("int"));
  }

  @Test
  void encoding_listIsAlwaysQuicklist() {
    c.call("RPUSH", "l", "a");
    assertThat(encoding("l")).isEqualTo(bulk("quicklist"));
    for (int i = 0; i < 200; i++) {
      c.call("RPUSH", "l", "x".repeat(70));
    }
    assertThat(encoding("l")).isEqualTo(bulk("quicklist"));
  }

  @Test
  void encoding_setIsIntsetWhileSmallAndIntegralElseHashtable() {
    c.call("SADD", "s", "1", "2", "3");
    assertThat(encoding("s")).isEqualTo(bulk("intset"));
    c.call("SADD", "s", "a");
    assertThat(encoding("s")).isEqualTo(bulk("hashtable"));
    c.call("SREM", "s", "a");
    assertThat(encoding("s")).isEqualTo(bulk("hashtable"));
    c.call("SADD", "words", "a");
    assertThat(encoding("words")).isEqualTo(bulk("hashtable"));
    c.call("SADD", "zero", "-0");
    assertThat(encoding("zero")).isEqualTo(bulk("hashtable"));
    for (int i = 1; i <= 512; i++) {
      c.call("SADD", "big", Integer.toString(i));
    }
    assertThat(encoding("big")).isEqualTo(bulk("intset"));
    c.call("SADD", "big", "513");
    assertThat(encoding("big")).isEqualTo(bulk("hashtable"));
  }

  @Test
  void encoding_hashIsListpackUpTo512FieldsOf64Bytes() {
    for (int i = 1; i <= 512; i++) {
      c.call("HSET", "h", "f" + i, "v");
    }
    assertThat(encoding("h")).isEqualTo(bulk("listpack"));
    c.call("HSET", "h", "f513", "v");
    assertThat(encoding("h")).isEqualTo(bulk("hashtable"));
    c.call("HSET", "v", "f", "x".repeat(64));
    assertThat(encoding("v")).isEqualTo(bulk("listpack"));
    c.call("HSET", "v", "f", "x".repeat(65), "g", "y");
    assertThat(encoding("v")).isEqualTo(bulk("hashtable"));
    c.call("HDEL", "v", "f");
    assertThat(encoding("v")).isEqualTo(bulk("hashtable"));
    c.call("HSET", "long-field", "x".repeat(65), "v");
    assertThat(encoding("long-field")).isEqualTo(bulk("hashtable"));
  }

  @Test
  void encoding_sortedSetIsListpackUpTo128MembersOf64Bytes() {
    for (int i = 1; i <= 128; i++) {
      c.call("ZADD", "z", Integer.toString(i), "m" + i);
    }
    assertThat(encoding("z")).isEqualTo(bulk("listpack"));
    c.call("ZADD", "z", "129", "m129");
    assertThat(encoding("z")).isEqualTo(bulk("skiplist"));
    c.call("ZADD", "short", "1", "x".repeat(64));
    assertThat(encoding("short")).isEqualTo(bulk("listpack"));
    c.call("ZADD", "long", "1", "x".repeat(65));
    assertThat(encoding("long")).isEqualTo(bulk("skiplist"));
  }

  @Test
  void refcount_sharedSmallIntegersAndOneForTheRest() {
    c.call("SET", "n", "100");
    assertThat(refcount("n")).isEqualTo(SHARED);
    c.call("SET", "n", "0");
    assertThat(refcount("n")).isEqualTo(SHARED);
    c.call("SET", "n", "9999");
    assertThat(refcount("n")).isEqualTo(SHARED);
    c.call("SET", "n", "10000");
    assertThat(refcount("n")).isEqualTo(integer(1));
    c.call("SET", "n", "-1");
    assertThat(refcount("n")).isEqualTo(integer(1));
    c.call("SET", "n", "0123");
    assertThat(refcount("n")).isEqualTo(integer(1));
    c.call("SET", "s", "abc");
    assertThat(refcount("s")).isEqualTo(integer(1));
    c.call("INCR", "i");
    assertThat(refcount("i")).isEqualTo(SHARED);
    c.call("RPUSH", "l", "1");
    assertThat(refcount("l")).isEqualTo(integer(1));
    c.call("HSET", "h", "f", "1");
    assertThat(refcount("h")).isEqualTo(integer(1));
  }

  @Test
  void refcount_noSharingUnderMaxmemoryWithLruOrLfu() {
    c.call("SET", "n", "12");
    c.call("CONFIG", "SET", "maxmemory", "100mb", "maxmemory-policy", "allkeys-lru");
    assertThat(refcount("n")).isEqualTo(integer(1));
    c.call("CONFIG", "SET", "maxmemory-policy", "volatile-lfu");
    assertThat(refcount("n")).isEqualTo(integer(1));
    c.call("CONFIG", "SET", "maxmemory-policy", "volatile-ttl");
    assertThat(refcount("n")).isEqualTo(SHARED);
    c.call("CONFIG", "SET", "maxmemory", "0", "maxmemory-policy", "allkeys-lru");
    assertThat(refcount("n")).isEqualTo(SHARED);
  }

  @Test
  void encodingAndRefcount_missingOrExpiredKeyIsNull() {
    assertThat(encoding("nokey")).isEqualTo(nil());
    assertThat(refcount("nokey")).isEqualTo(nil());
    c.call("SET", "k", "v", "PX", "10");
    h.advance(10);
    assertThat(encoding("k")).isEqualTo(nil());
    assertThat(refcount("k")).isEqualTo(nil());
    c.call("HELLO", "3");
    assertThat(encoding("nokey")).isEqualTo(NULL3);
    assertThat(refcount("nokey")).isEqualTo(NULL3);
  }

  @Test
  void encodingAndRefcount_wrongArity() {
    assertThat(c.call("OBJECT", "ENCODING")).isEqualTo(error("ERR wrong number of arguments for 'object|encoding' command"));
    assertThat(c.call("OBJECT", "ENCODING", "a", "b"))
        .isEqualTo(error("ERR wrong number of arguments for 'object|encoding' command"));
    assertThat(c.call("OBJECT", "REFCOUNT", "a", "b"))
        .isEqualTo(error("ERR wrong number of arguments for 'object|refcount' command"));
  }
}
