package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LCS in all its forms, against replies recorded from Redis 7.0.15. */
class LcsTest {

  private static final String MATCHES = bulk("matches");
  private static final String LEN = bulk("len");

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @BeforeEach
  void keys() {
    c.call("MSET", "key1", "ohmytext", "key2", "mynewtext");
  }

  @AfterEach
  void close() {
    c.close();
  }

  /** A match as LCS IDX writes it: [[aStart, aEnd], [bStart, bEnd]] and the length if asked. */
  private static String match(int a1, int a2, int b1, int b2, Integer len) {
    return "*" + (len == null ? 2 : 3) + "\r\n*2\r\n" + integer(a1) + integer(a2) + "*2\r\n" + integer(b1)
        + integer(b2) + (len == null ? "" : integer(len));
  }

  @Test
  void lcs_string() {
    assertThat(c.call("LCS", "key1", "key2")).isEqualTo(bulk("mytext"));
    assertThat(c.call("LCS", "key1", "key2", "WITHMATCHLEN")).isEqualTo(bulk("mytext"));
  }

  @Test
  void lcs_len() {
    assertThat(c.call("LCS", "key1", "key2", "LEN")).isEqualTo(integer(6));
    assertThat(c.call("LCS", "key1", "key2", "len", "LEN")).isEqualTo(integer(6));
    assertThat(c.call("LCS", "key1", "key2", "LEN", "WITHMATCHLEN")).isEqualTo(integer(6));
  }

  @Test
  void lcs_idx() {
    assertThat(c.call("LCS", "key1", "key2", "IDX")).isEqualTo("*4\r\n" + MATCHES + "*2\r\n"
        + match(4, 7, 5, 8, null) + match(2, 3, 0, 1, null) + LEN + integer(6));
  }

  @Test
  void lcs_idxWithMatchLen() {
    assertThat(c.call("LCS", "key1", "key2", "IDX", "WITHMATCHLEN")).isEqualTo("*4\r\n" + MATCHES + "*2\r\n"
        + match(4, 7, 5, 8, 4) + match(2, 3, 0, 1, 2) + LEN + integer(6));
  }

  @Test
  void lcs_minMatchLen() {
    assertThat(c.call("LCS", "key1", "key2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN")).isEqualTo("*4\r\n"
        + MATCHES + "*1\r\n" + match(4, 7, 5, 8, 4) + LEN + integer(6));
    assertThat(c.call("LCS", "key1", "key2", "MINMATCHLEN", "-5", "IDX")).isEqualTo("*4\r\n" + MATCHES + "*2\r\n"
        + match(4, 7, 5, 8, null) + match(2, 3, 0, 1, null) + LEN + integer(6));
  }

  @Test
  void lcs_singleCharacterRuns() {
    c.call("MSET", "a", "xaxbx", "b", "aybya");
    assertThat(c.call("LCS", "a", "b", "IDX", "WITHMATCHLEN")).isEqualTo("*4\r\n" + MATCHES + "*2\r\n"
        + match(3, 3, 2, 2, 1) + match(1, 1, 0, 0, 1) + LEN + integer(2));
    c.call("MSET", "a", "abcd", "b", "abcd");
    assertThat(c.call("LCS", "a", "b", "IDX")).isEqualTo("*4\r\n" + MATCHES + "*1\r\n"
        + match(0, 3, 0, 3, null) + LEN + integer(4));
  }

  @Test
  void lcs_missingKeysAreEmpty() {
    assertThat(c.call("LCS", "key1", "nokey")).isEqualTo(bulk(""));
    assertThat(c.call("LCS", "nokey", "nokey2", "IDX")).isEqualTo("*4\r\n" + MATCHES + "*0\r\n" + LEN + integer(0));
  }

  @Test
  void lcs_errors() {
    assertThat(c.call("LCS", "key1", "key2", "LEN", "IDX"))
        .isEqualTo(error("ERR If you want both the length and indexes, please just use IDX."));
    assertThat(c.call("LCS", "key1", "key2", "MINMATCHLEN")).isEqualTo(error("ERR syntax error"));
    assertThat(c.call("LCS", "key1", "key2", "MINMATCHLEN", "x"))
        .isEqualTo(error("ERR value is not an integer or out of range"));
    assertThat(c.call("LCS", "key1", "key2", "FOO")).isEqualTo(error("ERR syntax error"));
  }

  @Test
  void lcs_otherTypeRefusedBeforeOptions() {
    c.call("RPUSH", "list", "x");
    assertThat(c.call("LCS", "key1", "list", "FOO"))
        .isEqualTo(error("ERR The specified keys must contain string values"));
  }

  @Test
  void lcs_tableLargerThanProtoMaxBulkLen_refused() {
    c.call("CONFIG", "SET", "proto-max-bulk-len", "1mb");
    c.call("SETRANGE", "big1", "600", "x");
    c.call("SETRANGE", "big2", "600", "y");
    assertThat(c.call("LCS", "big1", "big2", "LEN"))
        .isEqualTo(error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"));
  }

  @Test
  void lcs_resp3_map() {
    c.call("HELLO", "3");
    assertThat(c.call("LCS", "key1", "key2", "IDX", "WITHMATCHLEN")).isEqualTo("%2\r\n" + MATCHES + "*2\r\n"
        + match(4, 7, 5, 8, 4) + match(2, 3, 0, 1, 2) + LEN + integer(6));
    assertThat(c.call("LCS", "nokey", "nokey2", "IDX")).isEqualTo("%2\r\n" + MATCHES + "*0\r\n" + LEN + integer(0));
  }
}
