package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** String commands against replies recorded from Redis 7.0.15. */
class StringCommandsTest {

  private static final String SYNTAX = error("ERR syntax error");
  private static final String NOT_INTEGER = error("ERR value is not an integer or out of range");
  private static final String NOT_FLOAT = error("ERR value is not a valid float");
  private static final String WRONGTYPE = error("WRONGTYPE Operation against a key holding the wrong kind of value");

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  private long nowSeconds() {
    return h.clock.get() / 1000;
  }

  // ---------------------------------------------------------------- GET / SET

  @Test
  void set_storesAndGetReads() {
    assertThat(c.call("GET", "k")).isEqualTo(nil());
    assertThat(c.call("SET", "k", "v")).isEqualTo(ok());
    assertThat(c.call("GET", "k")).isEqualTo(bulk("v"));
    assertThat(c.call("SET", "k", "")).isEqualTo(ok());
    assertThat(c.call("GET", "k")).isEqualTo(bulk(""));
  }

  @Test
  void get_wrongArity() {
    assertThat(c.call("GET")).isEqualTo(error("ERR wrong number of arguments for 'get' command"));
    assertThat(c.call("SET", "k")).isEqualTo(error("ERR wrong number of arguments for 'set' command"));
  }

  @Test
  void set_nxOnlyWhenMissing() {
    assertThat(c.call("SET", "k", "v1", "NX")).isEqualTo(ok());
    assertThat(c.call("SET", "k", "v2", "nx")).isEqualTo(nil());
    assertThat(c.call("GET", "k")).isEqualTo(bulk("v1"));
  }

  @Test
  void set_xxOnlyWhenPresent() {
    assertThat(c.call("SET", "k", "v1", "XX")).isEqualTo(nil());
    assertThat(c.call("EXISTS", "k")).isEqualTo(integer(0));
    c.call("SET", "k", "v1");
    assertThat(c.call("SET", "k", "v2", "XX")).isEqualTo(ok());
    assertThat(c.call("GET", "k")).isEqualTo(bulk("v2"));
  }

  @Test
  void set_conflictingOptions_syntaxError() {
    assertThat(c.call("SET", "k", "v", "NX", "XX")).isEqualTo(SYNTAX);
    assertThat(c.call("SET", "k", "v", "XX", "NX")).isEqualTo(SYNTAX);
    assertThat(c.call("SET", "k", "v", "EX", "10", "PX", "100")).isEqualTo(SYNTAX);
    assertThat(c.call("SET", "k", "v", "EXAT", "10", "PXAT", "100")).isEqualTo(SYNTAX);
    assertThat(c.call("SET", "k", "v", "KEEPTTL", "EX", "10")).isEqualTo(SYNTAX);
    assertThat(c.call("SET", "k", "v", "EX", "10", "KEEPTTL")).isEqualTo(SYNTAX);
    assertThat(c.call("SET", "k", "v", "EX")).isEqualTo(SYNTAX);
    assertThat(c.call("SET", "k", "v", "PERSIST")).isEqualTo(SYNTAX);
    assertThat(c.call("SET", "k", "v", "foo")).isEqualTo(SYNTAX);
    assertThat(c.call("EXISTS", "k")).isEqualTo(integer(0));
  }

  @Test
  void set_repeatedOption_lastValueWins() {
    assertThat(c.call("SET", "k", "v", "NX", "NX")).isEqualTo(ok());
    assertThat(c.call("SET", "k", "v", "EX", "10", "EX", "20")).isEqualTo(ok());
    assertThat(c.call("TTL", "k")).isEqualTo(integer(20));
    assertThat(c.call("SET", "k", "v", "KEEPTTL", "KEEPTTL")).isEqualTo(ok());
    assertThat(c.call("SET", "k", "w", "GET", "GET")).isEqualTo(bulk("v"));
  }

  @Test
  void set_invalidExpire_errorsAndStoresNothing() {
    String invalid = error("ERR invalid expire time in 'set' command");
    assertThat(c.call("SET", "k", "v", "EX", "0")).isEqualTo(invalid);
    assertThat(c.call("SET", "k", "v", "EX", "-1")).isEqualTo(invalid);
    assertThat(c.call("SET", "k", "v", "PX", "0")).isEqualTo(invalid);
    assertThat(c.call("SET", "k", "v", "EXAT", "0")).isEqualTo(invalid);
    assertThat(c.call("SET", "k", "v", "EX", "abc")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("SET", "k", "v", "ex", "1.5")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("EXISTS", "k")).isEqualTo(integer(0));
  }

  @Test
  void set_expireOverflow_invalid() {
    String invalid = error("ERR invalid expire time in 'set' command");
    assertThat(c.call("SET", "k", "v", "EX", "9223372036854776")).isEqualTo(invalid);
    assertThat(c.call("SET", "k", "v", "EX", "9223372036854775")).isEqualTo(invalid);
    assertThat(c.call("SET", "k", "v", "PX", "9223372036854775807")).isEqualTo(invalid);
    assertThat(c.call("SET", "k", "v", "EXAT", "9223372036854775")).isEqualTo(ok());
  }

  @Test
  void set_exAndPx_expireOnTime() {
    assertThat(c.call("SET", "k", "v", "EX", "10")).isEqualTo(ok());
    assertThat(c.call("TTL", "k")).isEqualTo(integer(10));
    assertThat(c.call("SET", "p", "v", "PX", "1500")).isEqualTo(ok());
    assertThat(c.call("PTTL", "p")).isEqualTo(integer(1500));
    h.advance(1499);
    assertThat(c.call("GET", "p")).isEqualTo(bulk("v"));
    h.advance(1);
    assertThat(c.call("GET", "p")).isEqualTo(nil());
    h.advance(8500);
    assertThat(c.call("GET", "k")).isEqualTo(nil());
  }

  @Test
  void set_exatAndPxat_absoluteTimes() {
    long at = nowSeconds() + 100;
    assertThat(c.call("SET", "k", "v", "EXAT", Long.toString(at))).isEqualTo(ok());
    assertThat(c.call("TTL", "k")).isEqualTo(integer(100));
    assertThat(c.call("SET", "p", "v", "PXAT", Long.toString(h.clock.get() + 2500))).isEqualTo(ok());
    assertThat(c.call("PTTL", "p")).isEqualTo(integer(2500));
  }

  @Test
  void set_pxatInThePast_keyIsGoneAtOnce() {
    assertThat(c.call("SET", "k", "v", "PXAT", "1")).isEqualTo(ok());
    assertThat(c.call("GET", "k")).isEqualTo(nil());
    assertThat(c.call("EXISTS", "k")).isEqualTo(integer(0));
  }

  @Test
  void set_keepTtl_keepsOnlyWhenAsked() {
    c.call("SET", "k", "v", "EX", "100");
    assertThat(c.call("SET", "k", "v2", "KEEPTTL")).isEqualTo(ok());
    assertThat(c.call("TTL", "k")).isEqualTo(integer(100));
    assertThat(c.call("SET", "k", "v3")).isEqualTo(ok());
    assertThat(c.call("TTL", "k")).isEqualTo(integer(-1));
  }

  @Test
  void set_get_returnsOldValue() {
    assertThat(c.call("SET", "k", "v1", "GET")).isEqualTo(nil());
    assertThat(c.call("SET", "k", "v2", "GET")).isEqualTo(bulk("v1"));
    assertThat(c.call("GET", "k")).isEqualTo(bulk("v2"));
  }

  @Test
  void set_sameLength_changesOnlyThatKey() {
    c.call("SET", "a", "one");
    c.call("COPY", "a", "b");
    assertThat(c.call("SET", "a", "two")).isEqualTo(ok());
    assertThat(c.call("GETSET", "a", "six")).isEqualTo(bulk("two"));
    assertThat(c.call("MSET", "a", "ten", "a", "end")).isEqualTo(ok());
    assertThat(c.call("SETEX", "a", "100", "new")).isEqualTo(ok());
    assertThat(c.call("MGET", "a", "b")).isEqualTo(array("new", "one"));
    assertThat(c.call("TTL", "a")).isEqualTo(integer(100));
    assertThat(c.call("SET", "a", "old", "GET")).isEqualTo(bulk("new"));
    assertThat(c.call("TTL", "a")).isEqualTo(integer(-1));
  }

  @Test
  void set_getWithNx_allowedIn70() {
    assertThat(c.call("SET", "k", "v1", "NX", "GET")).isEqualTo(nil());
    assertThat(c.call("SET", "k", "v2", "NX", "GET")).isEqualTo(bulk("v1"));
    assertThat(c.call("GET", "k")).isEqualTo(bulk("v1"));
    assertThat(c.call("SET", "k", "v3", "XX", "GET")).isEqualTo(bulk("v1"));
    assertThat(c.call("SET", "other", "v", "XX", "GET")).isEqualTo(nil());
    assertThat(c.call("EXISTS", "other")).isEqualTo(integer(0));
  }

  @Test
  void set_getOnWrongType_errorsAndKeepsValue() {
    c.call("RPUSH", "list", "a");
    assertThat(c.call("SET", "list", "v", "GET")).isEqualTo(WRONGTYPE);
    assertThat(c.call("TYPE", "list")).isEqualTo("+list\r\n");
    assertThat(c.call("SET", "list", "v")).isEqualTo(ok());
    assertThat(c.call("GET", "list")).isEqualTo(bulk("v"));
  }

  @Test
  void get_wrongType() {
    c.call("RPUSH", "list", "a");
    assertThat(c.call("GET", "list")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- SETNX / SETEX / PSETEX / GETSET / GETDEL

  @Test
  void setnx_setsOnlyMissing() {
    assertThat(c.call("SETNX", "k", "v")).isEqualTo(integer(1));
    assertThat(c.call("SETNX", "k", "w")).isEqualTo(integer(0));
    assertThat(c.call("GET", "k")).isEqualTo(bulk("v"));
  }

  @Test
  void setex_setsWithTtl() {
    assertThat(c.call("SETEX", "k", "10", "v")).isEqualTo(ok());
    assertThat(c.call("TTL", "k")).isEqualTo(integer(10));
    assertThat(c.call("PSETEX", "p", "1500", "v")).isEqualTo(ok());
    assertThat(c.call("PTTL", "p")).isEqualTo(integer(1500));
    h.advance(1500);
    assertThat(c.call("GET", "p")).isEqualTo(nil());
  }

  @Test
  void setex_invalidTimes() {
    assertThat(c.call("SETEX", "k", "0", "v")).isEqualTo(error("ERR invalid expire time in 'setex' command"));
    assertThat(c.call("SETEX", "k", "-5", "v")).isEqualTo(error("ERR invalid expire time in 'setex' command"));
    assertThat(c.call("SETEX", "k", "x", "v")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("PSETEX", "k", "0", "v")).isEqualTo(error("ERR invalid expire time in 'psetex' command"));
    assertThat(c.call("EXISTS", "k")).isEqualTo(integer(0));
  }

  @Test
  void getset_returnsOldAndClearsTtl() {
    assertThat(c.call("GETSET", "k", "1")).isEqualTo(nil());
    c.call("SET", "k", "1", "EX", "100");
    assertThat(c.call("GETSET", "k", "2")).isEqualTo(bulk("1"));
    assertThat(c.call("TTL", "k")).isEqualTo(integer(-1));
    assertThat(c.call("GET", "k")).isEqualTo(bulk("2"));
    c.call("RPUSH", "list", "a");
    assertThat(c.call("GETSET", "list", "x")).isEqualTo(WRONGTYPE);
  }

  @Test
  void getdel_returnsAndDeletes() {
    c.call("SET", "k", "v");
    assertThat(c.call("GETDEL", "k")).isEqualTo(bulk("v"));
    assertThat(c.call("GETDEL", "k")).isEqualTo(nil());
    c.call("RPUSH", "list", "a");
    assertThat(c.call("GETDEL", "list")).isEqualTo(WRONGTYPE);
    assertThat(c.call("EXISTS", "list")).isEqualTo(integer(1));
  }

  // ---------------------------------------------------------------- GETEX

  @Test
  void getex_missingKey_nullWhateverTheExpire() {
    assertThat(c.call("GETEX", "nokey", "EX", "0")).isEqualTo(nil());
    assertThat(c.call("GETEX", "nokey", "EX", "abc")).isEqualTo(nil());
    assertThat(c.call("GETEX", "nokey", "FOO")).isEqualTo(SYNTAX);
  }

  @Test
  void getex_optionErrors() {
    c.call("SET", "k", "v");
    assertThat(c.call("GETEX", "k", "EX", "0")).isEqualTo(error("ERR invalid expire time in 'getex' command"));
    assertThat(c.call("GETEX", "k", "EX", "abc")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("GETEX", "k", "NX")).isEqualTo(SYNTAX);
    assertThat(c.call("GETEX", "k", "KEEPTTL")).isEqualTo(SYNTAX);
    assertThat(c.call("GETEX", "k", "GET")).isEqualTo(SYNTAX);
    assertThat(c.call("GETEX", "k", "EX", "10", "PERSIST")).isEqualTo(SYNTAX);
    assertThat(c.call("GETEX", "k", "PERSIST", "EX", "10")).isEqualTo(SYNTAX);
    assertThat(c.call("GETEX", "k", "EX", "10", "PX", "10")).isEqualTo(SYNTAX);
    assertThat(c.call("TTL", "k")).isEqualTo(integer(-1));
  }

  @Test
  void getex_setsAndRemovesTtl() {
    c.call("SET", "k", "v");
    assertThat(c.call("GETEX", "k")).isEqualTo(bulk("v"));
    assertThat(c.call("GETEX", "k", "EX", "10", "EX", "20")).isEqualTo(bulk("v"));
    assertThat(c.call("TTL", "k")).isEqualTo(integer(20));
    assertThat(c.call("GETEX", "k", "PX", "1500")).isEqualTo(bulk("v"));
    assertThat(c.call("PTTL", "k")).isEqualTo(integer(1500));
    assertThat(c.call("GETEX", "k", "PERSIST", "PERSIST")).isEqualTo(bulk("v"));
    assertThat(c.call("TTL", "k")).isEqualTo(integer(-1));
    assertThat(c.call("GETEX", "k", "EXAT", Long.toString(nowSeconds() + 50))).isEqualTo(bulk("v"));
    assertThat(c.call("TTL", "k")).isEqualTo(integer(50));
  }

  @Test
  void getex_pastAbsoluteTime_returnsThenDeletes() {
    c.call("SET", "k", "v");
    assertThat(c.call("GETEX", "k", "EXAT", "1")).isEqualTo(bulk("v"));
    assertThat(c.call("EXISTS", "k")).isEqualTo(integer(0));
    assertThat(c.call("GETEX", "k")).isEqualTo(nil());
  }

  @Test
  void getex_wrongType() {
    c.call("RPUSH", "list", "a");
    assertThat(c.call("GETEX", "list", "EX", "0")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- MGET / MSET / MSETNX

  @Test
  void mget_nullForMissingAndOtherTypes() {
    c.call("SET", "a", "1");
    c.call("RPUSH", "list", "x");
    assertThat(c.call("MGET", "a", "nokey", "list")).isEqualTo(array("1", null, null));
  }

  @Test
  void mset_setsAllAndClearsTtl() {
    c.call("SET", "a", "0", "EX", "100");
    assertThat(c.call("MSET", "a", "1", "b", "2")).isEqualTo(ok());
    assertThat(c.call("MGET", "a", "b")).isEqualTo(array("1", "2"));
    assertThat(c.call("TTL", "a")).isEqualTo(integer(-1));
  }

  @Test
  void mset_oddArguments_arityError() {
    assertThat(c.call("MSET", "a")).isEqualTo(error("ERR wrong number of arguments for 'mset' command"));
    assertThat(c.call("MSET", "a", "1", "b")).isEqualTo(error("ERR wrong number of arguments for 'mset' command"));
    assertThat(c.call("MSETNX", "a", "1", "b")).isEqualTo(error("ERR wrong number of arguments for 'msetnx' command"));
    assertThat(c.call("EXISTS", "a")).isEqualTo(integer(0));
  }

  @Test
  void msetnx_allOrNothing() {
    assertThat(c.call("MSETNX", "x", "1", "x", "2")).isEqualTo(integer(1));
    assertThat(c.call("GET", "x")).isEqualTo(bulk("2"));
    assertThat(c.call("MSETNX", "y", "3", "x", "4")).isEqualTo(integer(0));
    assertThat(c.call("MGET", "x", "y")).isEqualTo(array("2", null));
  }

  // ---------------------------------------------------------------- APPEND / STRLEN / GETRANGE / SETRANGE

  @Test
  void append_createsAndExtends() {
    assertThat(c.call("APPEND", "a", "xy")).isEqualTo(integer(2));
    assertThat(c.call("APPEND", "a", "z")).isEqualTo(integer(3));
    assertThat(c.call("APPEND", "a", "")).isEqualTo(integer(3));
    assertThat(c.call("GET", "a")).isEqualTo(bulk("xyz"));
    assertThat(c.call("STRLEN", "a")).isEqualTo(integer(3));
    assertThat(c.call("STRLEN", "none")).isEqualTo(integer(0));
    c.call("RPUSH", "list", "x");
    assertThat(c.call("APPEND", "list", "x")).isEqualTo(WRONGTYPE);
    assertThat(c.call("STRLEN", "list")).isEqualTo(WRONGTYPE);
  }

  @Test
  void append_keepsTtl() {
    c.call("SET", "a", "x", "EX", "100");
    c.call("APPEND", "a", "y");
    assertThat(c.call("TTL", "a")).isEqualTo(integer(100));
  }

  @Test
  void append_pastProtoMaxBulkLen_refused() {
    assertThat(c.call("CONFIG", "SET", "proto-max-bulk-len", "1mb")).isEqualTo(ok());
    c.call("SETRANGE", "a", "1048575", "x");
    assertThat(c.call("APPEND", "a", "y"))
        .isEqualTo(error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
    assertThat(c.call("STRLEN", "a")).isEqualTo(integer(1048576));
  }

  @Test
  void setrange_padsWithZeros() {
    assertThat(c.call("SETRANGE", "n", "3", "ab")).isEqualTo(integer(5));
    assertThat(c.call("GET", "n")).isEqualTo(bulk("\0\0\0ab"));
    assertThat(c.call("SETRANGE", "n", "1", "XY")).isEqualTo(integer(5));
    assertThat(c.call("GET", "n")).isEqualTo(bulk("\0XYab"));
    assertThat(c.call("SETRANGE", "n", "4", "ZZ")).isEqualTo(integer(6));
    assertThat(c.call("GET", "n")).isEqualTo(bulk("\0XYaZZ"));
  }

  @Test
  void setrange_emptyValue_onlyReportsLength() {
    assertThat(c.call("SETRANGE", "m", "5", "")).isEqualTo(integer(0));
    assertThat(c.call("EXISTS", "m")).isEqualTo(integer(0));
    c.call("SET", "n", "abc");
    assertThat(c.call("SETRANGE", "n", "100", "")).isEqualTo(integer(3));
  }

  @Test
  void setrange_offsetErrors() {
    assertThat(c.call("SETRANGE", "k", "-1", "x")).isEqualTo(error("ERR offset is out of range"));
    assertThat(c.call("SETRANGE", "k", "abc", "x")).isEqualTo(NOT_INTEGER);
    String tooLong = error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    assertThat(c.call("SETRANGE", "k", "536870912", "x")).isEqualTo(tooLong);
    assertThat(c.call("SETRANGE", "k", "536870911", "ab")).isEqualTo(tooLong);
    assertThat(c.call("SETRANGE", "k", "9223372036854775807", "x")).isEqualTo(tooLong);
    assertThat(c.call("EXISTS", "k")).isEqualTo(integer(0));
    c.call("RPUSH", "list", "x");
    assertThat(c.call("SETRANGE", "list", "0", "")).isEqualTo(WRONGTYPE);
  }

  @Test
  void getrange_clampsIndexes() {
    c.call("SET", "n", "\0\0\0ab");
    assertThat(c.call("GETRANGE", "n", "0", "-1")).isEqualTo(bulk("\0\0\0ab"));
    assertThat(c.call("GETRANGE", "n", "-100", "-50")).isEqualTo(bulk("\0"));
    assertThat(c.call("GETRANGE", "n", "-2", "-3")).isEqualTo(bulk(""));
    assertThat(c.call("GETRANGE", "n", "2", "1")).isEqualTo(bulk(""));
    assertThat(c.call("GETRANGE", "n", "10", "20")).isEqualTo(bulk(""));
    assertThat(c.call("GETRANGE", "n", "-1", "-1")).isEqualTo(bulk("b"));
    assertThat(c.call("GETRANGE", "n", "0", "-100")).isEqualTo(bulk("\0"));
    assertThat(c.call("GETRANGE", "n", "-9223372036854775808", "9223372036854775807")).isEqualTo(bulk("\0\0\0ab"));
    assertThat(c.call("SUBSTR", "n", "3", "4")).isEqualTo(bulk("ab"));
  }

  @Test
  void getrange_missingEmptyAndErrors() {
    assertThat(c.call("GETRANGE", "missing", "0", "-1")).isEqualTo(bulk(""));
    c.call("SET", "e", "");
    assertThat(c.call("GETRANGE", "e", "0", "-1")).isEqualTo(bulk(""));
    assertThat(c.call("GETRANGE", "missing", "a", "1")).isEqualTo(NOT_INTEGER);
    c.call("RPUSH", "list", "x");
    assertThat(c.call("GETRANGE", "list", "0", "a")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("GETRANGE", "list", "0", "1")).isEqualTo(WRONGTYPE);
  }

  // ---------------------------------------------------------------- INCR family

  @Test
  void incr_countsFromZero() {
    assertThat(c.call("INCR", "n")).isEqualTo(integer(1));
    assertThat(c.call("INCRBY", "n", "10")).isEqualTo(integer(11));
    assertThat(c.call("DECR", "n")).isEqualTo(integer(10));
    assertThat(c.call("DECRBY", "n", "-5")).isEqualTo(integer(15));
    assertThat(c.call("DECRBY", "m", "3")).isEqualTo(integer(-3));
    assertThat(c.call("GET", "n")).isEqualTo(bulk("15"));
  }

  @Test
  void incr_sameLength_changesOnlyThatKey() {
    c.call("SET", "n", "10");
    c.call("COPY", "n", "m");
    assertThat(c.call("INCR", "n")).isEqualTo(integer(11));
    assertThat(c.call("DECRBY", "n", "12")).isEqualTo(integer(-1));
    assertThat(c.call("INCR", "n")).isEqualTo(integer(0));
    assertThat(c.call("MGET", "n", "m")).isEqualTo(array("0", "10"));
    c.call("SET", "n", "-9223372036854775807");
    assertThat(c.call("DECR", "n")).isEqualTo(integer(Long.MIN_VALUE));
    assertThat(c.call("GET", "n")).isEqualTo(bulk("-9223372036854775808"));
    assertThat(c.call("INCRBY", "n", "9223372036854775807")).isEqualTo(integer(-1));
    assertThat(c.call("GET", "n")).isEqualTo(bulk("-1"));
  }

  @Test
  void incr_keepsTtl() {
    c.call("SET", "n", "1", "EX", "100");
    c.call("INCR", "n");
    assertThat(c.call("TTL", "n")).isEqualTo(integer(100));
  }

  @Test
  void incr_notAnInteger() {
    c.call("SET", "s", "abc");
    assertThat(c.call("INCR", "s")).isEqualTo(NOT_INTEGER);
    c.call("SET", "s", " 1");
    assertThat(c.call("INCR", "s")).isEqualTo(NOT_INTEGER);
    c.call("SET", "s", "01");
    assertThat(c.call("INCR", "s")).isEqualTo(NOT_INTEGER);
    c.call("SET", "s", "1.0");
    assertThat(c.call("INCR", "s")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("INCRBY", "n", "x")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("INCRBY", "n", "99999999999999999999")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("DECRBY", "n", "1.5")).isEqualTo(NOT_INTEGER);
    assertThat(c.call("EXISTS", "n")).isEqualTo(integer(0));
  }

  @Test
  void incr_overflowTexts() {
    String overflow = error("ERR increment or decrement would overflow");
    c.call("SET", "n", "9223372036854775807");
    assertThat(c.call("INCR", "n")).isEqualTo(overflow);
    assertThat(c.call("INCRBY", "n", "1")).isEqualTo(overflow);
    c.call("SET", "n", "-9223372036854775808");
    assertThat(c.call("DECR", "n")).isEqualTo(overflow);
    assertThat(c.call("INCRBY", "n", "-1")).isEqualTo(overflow);
    assertThat(c.call("DECRBY", "n", "-9223372036854775808")).isEqualTo(error("ERR decrement would overflow"));
    assertThat(c.call("INCRBY", "n", "9223372036854775807")).isEqualTo(integer(-1));
  }

  @Test
  void incr_wrongTypeBeforeValue() {
    c.call("RPUSH", "list", "x");
    assertThat(c.call("INCR", "list")).isEqualTo(WRONGTYPE);
    assertThat(c.call("INCRBY", "list", "x")).isEqualTo(NOT_INTEGER);
  }

  // ---------------------------------------------------------------- INCRBYFLOAT

  @Test
  void incrbyfloat_printsAsRedis() {
    c.call("SET", "f", "10.5");
    assertThat(c.call("INCRBYFLOAT", "f", "0.1")).isEqualTo(bulk("10.6"));
    assertThat(c.call("INCRBYFLOAT", "g", "5.0e3")).isEqualTo(bulk("5000"));
    assertThat(c.call("INCRBYFLOAT", "g", "0x10")).isEqualTo(bulk("5016"));
    assertThat(c.call("INCRBYFLOAT", "i", "0.1")).isEqualTo(bulk("0.1"));
    assertThat(c.call("INCRBYFLOAT", "i", "0.2")).isEqualTo(bulk("0.3"));
    assertThat(c.call("INCRBYFLOAT", "h", "3.0")).isEqualTo(bulk("3"));
    assertThat(c.call("INCRBYFLOAT", "h", "-3")).isEqualTo(bulk("0"));
    assertThat(c.call("GET", "h")).isEqualTo(bulk("0"));
  }

  @Test
  void incrbyfloat_longDoublePrecision() {
    c.call("SET", "f", "10000000000");
    assertThat(c.call("INCRBYFLOAT", "f", "0.1")).isEqualTo(bulk("10000000000.09999999962747097"));
    assertThat(c.call("GET", "f")).isEqualTo(bulk("10000000000.09999999962747097"));
  }

  @Test
  void incrbyfloat_refusedForms() {
    assertThat(c.call("INCRBYFLOAT", "x", "abc")).isEqualTo(NOT_FLOAT);
    assertThat(c.call("INCRBYFLOAT", "x", "")).isEqualTo(NOT_FLOAT);
    assertThat(c.call("EXISTS", "x")).isEqualTo(integer(0));
    c.call("SET", "s", "abc");
    assertThat(c.call("INCRBYFLOAT", "s", "1")).isEqualTo(NOT_FLOAT);
    c.call("SET", "s", " 1");
    assertThat(c.call("INCRBYFLOAT", "s", "1")).isEqualTo(NOT_FLOAT);
  }

  @Test
  void incrbyfloat_infinity_refused() {
    String nanOrInf = error("ERR increment would produce NaN or Infinity");
    assertThat(c.call("INCRBYFLOAT", "x", "inf")).isEqualTo(nanOrInf);
    assertThat(c.call("INCRBYFLOAT", "x", "-INFINITY")).isEqualTo(nanOrInf);
    c.call("SET", "x", "inf");
    assertThat(c.call("INCRBYFLOAT", "x", "-inf")).isEqualTo(nanOrInf);
    assertThat(c.call("GET", "x")).isEqualTo(bulk("inf"));
  }

  @Test
  void incrbyfloat_wrongTypeFirst() {
    c.call("RPUSH", "list", "x");
    assertThat(c.call("INCRBYFLOAT", "list", "abc")).isEqualTo(WRONGTYPE);
  }

  @Test
  void incrbyfloat_keepsTtl() {
    c.call("SET", "f", "1", "EX", "100");
    c.call("INCRBYFLOAT", "f", "1.5");
    assertThat(c.call("TTL", "f")).isEqualTo(integer(100));
  }

  // ---------------------------------------------------------------- RESP3

  @Test
  void resp3_nullIsUnderscore() {
    c.call("HELLO", "3");
    assertThat(c.call("GET", "k")).isEqualTo("_\r\n");
    assertThat(c.call("SET", "k", "v", "XX")).isEqualTo("_\r\n");
    assertThat(c.call("MGET", "k")).isEqualTo("*1\r\n_\r\n");
  }
}
