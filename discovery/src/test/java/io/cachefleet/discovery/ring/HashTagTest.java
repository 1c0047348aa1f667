package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HashTagTest {

  private static final HashTag BRACES = HashTag.of("{}");

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{}}", "«»", "{»"})
  void of_notTwoSingleByteCharacters_isRefused(String tag) {
    assertThatThrownBy(() -> HashTag.of(tag)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("hash_tag must be two characters");
  }

  @Test
  void of_null_isRefused() {
    assertThatThrownBy(() -> HashTag.of(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("got null");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "{user1}.a      | user1",
    "{user1.a       | {user1.a",
    "user1}.a       | user1}.a",
    "{}.a           | {}.a",
    "a{}b{c}        | a{}b{c}",
    "a.{user1}      | user1",
    "{a}{b}         | a",
    "}a{b}          | b",
    "x{a{b}}        | a{b",
    "{              | {",
    "{}             | {}",
    "{x}            | x",
  })
  void region_braces_selectsWhatTwemproxyHashes(String key, String hashed) {
    assertThat(selected(BRACES, key)).isEqualTo(hashed);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "a$tag$b   | tag",
    "$$x       | $$x",
    "$x$y$     | x",
    "x$y       | x$y",
  })
  void region_sameOpeningAndClosingCharacter_selectsBetweenTheFirstTwo(String key, String hashed) {
    assertThat(selected(HashTag.of("$$"), key)).isEqualTo(hashed);
  }

  @Test
  void region_none_isTheWholeKey() {
    assertThat(selected(HashTag.NONE, "{user1}.a")).isEqualTo("{user1}.a");
    assertThat(selected(HashTag.NONE, "")).isEmpty();
  }

  @Test
  void region_keyAtAnOffset_isAbsoluteAndLeavesIndexesAlone() {
    ByteBuf buf = Unpooled.copiedBuffer("*2\r\n{user1}.a\r\n", StandardCharsets.US_ASCII);
    buf.readerIndex(2);

    long region = BRACES.region(buf, 4, 9);

    assertThat(HashTag.start(region)).isEqualTo(5);
    assertThat(HashTag.length(region)).isEqualTo(5);
    assertThat(buf.readerIndex()).isEqualTo(2);
    assertThat(buf.writerIndex()).isEqualTo(15);
    buf.release();
  }

  @Test
  void start_length_unpackLargeValues() {
    ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {'a', 'b'});

    long region = HashTag.NONE.region(buf, 0, 2);

    assertThat(HashTag.start(region)).isZero();
    assertThat(HashTag.length(region)).isEqualTo(2);
    assertThat(HashTag.start(Integer.MAX_VALUE * 1L << 32 | Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    assertThat(HashTag.length(Integer.MAX_VALUE * 1L << 32 | Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void routingHash_hashesTheTaggedPart() {
    KeyHash md5 = KeyHashes.byName("md5");
    ByteBuf key = ascii("{user1}.profile");

    assertThat(BRACES.routingHash(md5, key, 0, key.readableBytes())).isEqualTo(md5.hash(ascii("user1"), 0, 5));
    assertThat(HashTag.NONE.routingHash(md5, key, 0, key.readableBytes()))
        .isEqualTo(md5.hash(key, 0, key.readableBytes()));
  }

  @Test
  void routingHash_emptyKey_isZeroWithoutHashing() {
    ByteBuf empty = Unpooled.EMPTY_BUFFER;

    assertThat(BRACES.routingHash(KeyHashes.byName("md5"), empty, 0, 0)).isZero();
    assertThat(HashTag.NONE.routingHash(KeyHashes.defaultHash(), empty, 0, 0)).isZero();
  }

  @Test
  void equals_sameCharacters() {
    assertThat(HashTag.of("{}")).isEqualTo(BRACES).hasSameHashCodeAs(BRACES);
    assertThat(HashTag.of("$$")).isNotEqualTo(BRACES);
    assertThat(HashTag.NONE.tag()).isEmpty();
    assertThat(BRACES.tag()).isEqualTo("{}");
  }

  private static String selected(HashTag tag, String key) {
    ByteBuf buf = ascii(key);
    long region = tag.region(buf, 0, buf.readableBytes());
    return buf.toString(HashTag.start(region), HashTag.length(region), StandardCharsets.US_ASCII);
  }

  private static ByteBuf ascii(String s) {
    return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.US_ASCII));
  }
}
