package io.cachefleet.node.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Glob matching, each case checked against Redis 7.0.15 (KEYS, SCAN MATCH, PSUBSCRIBE). */
class GlobTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest(name = "''{0}'' ~ ''{1}'' = {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "*|\"\"|false",
      "**|\"\"|false",
      "*|abc|true",
      "a*|abc|true",
      "*c|abc|true",
      "a*c|ac|true",
      "a?c|abc|true",
      "a?c|ac|false",
      "?|\"\"|false",
      "\"\"|\"\"|true",
      "**|x|true",
      "*?|a|true",
      "x*y*z|xyz|true",
      "x*y*z|xzy|false",
      "h[ae]llo|hello|true",
      "h[ae]llo|hillo|false",
      "h[^e]llo|hallo|true",
      "h[^e]llo|hello|false",
      "[!a]|b|false",
      "h[a-b]llo|hbllo|true",
      "h[b-a]llo|hbllo|true",
      "*[ab]|xb|true",
      "h\\*llo|h*llo|true",
      "h\\*llo|hello|false",
      "\\|\\|true",
      "a\\|a\\|true",
      "[\\]]|]|true",
      "[]a]|]|false",
      "[]a]|a|false",
      "[a-]|-|false",
      "[a-]|a|true",
      "[|a|false",
      "[a|a|true",
      "[^|a|true",
      "a[|a|false",
      "H*|hello|false",
  })
  void matches_asRedis(String pattern, String string, boolean expected) {
    assertThat(Glob.matches(bytes(pattern), bytes(string), false)).isEqualTo(expected);
  }

  @Test
  void matches_rangeComparesSignedBytes() {
    assertThat(Glob.matches(bytes("[a-\u00ff]"), bytes("b"), false)).isFalse();
    assertThat(Glob.matches(bytes("[\u0080-\u00ff]"), bytes("\u0090"), false)).isTrue();
  }

  @Test
  void matches_nocaseFoldsAsciiOnly() {
    assertThat(Glob.matches(bytes("MAXMEMORY*"), bytes("maxmemory-policy"), true)).isTrue();
    assertThat(Glob.matches(bytes("[A-C]x"), bytes("bX"), true)).isTrue();
    assertThat(Glob.matches(bytes("\u00c0"), bytes("\u00e0"), true)).isFalse();
  }

  @Test
  void matches_hostilePattern_finishesQuickly() {
    byte[] pattern = bytes("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
    byte[] string = bytes("a".repeat(10_000));
    long start = System.nanoTime();
    assertThat(Glob.matches(pattern, string, false)).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void matches_deepNesting_givesUp() {
    byte[] pattern = bytes("a*".repeat(1100) + "b");
    assertThat(Glob.matches(pattern, bytes("a".repeat(1100) + "b"), false)).isFalse();
  }

  @Test
  void matchesAll_onlyALoneStar() {
    assertThat(Glob.matchesAll(bytes("*"))).isTrue();
    assertThat(Glob.matchesAll(bytes("**"))).isFalse();
    assertThat(Glob.matchesAll(bytes(""))).isFalse();
  }
}
