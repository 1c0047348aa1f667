package io.cachefleet.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sizes against Redis 7.0.15: each text below was sent as {@code CONFIG SET maxmemory <text>} to
 * a redis-server, then read back with {@code CONFIG GET maxmemory}.
 */
class MemorySizeTest {

  @ParameterizedTest
  @CsvSource({
      "0, 0", "007, 7", "1b, 1", "1B, 1", "1k, 1000", "1K, 1000", "1kb, 1024", "1Kb, 1024", "1m, 1000000",
      "100mb, 104857600", "100MB, 104857600", "1g, 1000000000", "1gb, 1073741824", "1GB, 1073741824",
      "'', 0", "b, 0", "mb, 0", "9223372036854775807, 9223372036854775807"})
  void parse_acceptsWhatMemtoullAccepts(String text, long bytes) {
    assertThat(MemorySize.parse(text)).isEqualTo(bytes);
  }

  /** Redis answers 2^64-1 or a wrapped product for these; a long saturates. */
  @ParameterizedTest
  @CsvSource({"9223372036854775808", "18446744073709551616", "99999999999999999999999", "8589934592gb",
      "17179869184gb"})
  void parse_saturatesBeyondLong(String text) {
    assertThat(MemorySize.parse(text)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void parse_readsAtMost127Digits() {
    assertThat(MemorySize.parse("1".repeat(127) + "mb")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> MemorySize.parse("1".repeat(128) + "mb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("more than 127 digits");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "-1|negative",
      "-|negative",
      "1.5mb|unknown unit '.5mb' after the digits (expected b, k, kb, m, mb, g or gb)",
      "\" 1mb\"|unknown unit ' 1mb' after the digits (expected b, k, kb, m, mb, g or gb)",
      "1 mb|unknown unit ' mb' after the digits (expected b, k, kb, m, mb, g or gb)",
      "1mbb|unknown unit 'mbb' after the digits (expected b, k, kb, m, mb, g or gb)",
      "+1|unknown unit '+1' after the digits (expected b, k, kb, m, mb, g or gb)",
      "0x10|unknown unit 'x10' after the digits (expected b, k, kb, m, mb, g or gb)",
      "1t|unknown unit 't' after the digits (expected b, k, kb, m, mb, g or gb)"})
  void parse_refusesWhatMemtoullRefuses(String text, String reason) {
    assertThatThrownBy(() -> MemorySize.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(reason);
  }
}
