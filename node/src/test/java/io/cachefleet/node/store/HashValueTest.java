package io.cachefleet.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashValueTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String s(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static HashValue.Field get(HashValue h, String field) {
    ByteBuf buf = Unpooled.wrappedBuffer(b("xx" + field));
    return h.get(buf, 2, buf.readableBytes() - 2);
  }

  private static boolean remove(HashValue h, String field) {
    ByteBuf buf = Unpooled.wrappedBuffer(b(field));
    return h.remove(buf, 0, buf.readableBytes());
  }

  private static Map<String, String> contents(HashValue h) {
    Map<String, String> map = new HashMap<>();
    h.forEach(f -> map.put(s(f.key()), s(f.value())));
    return map;
  }

  @Test
  void add_getSetValueRemove() {
    HashValue h = new HashValue(42);
    assertThat(h.type()).isEqualTo(DataType.HASH);
    assertThat(h.isEmpty()).isTrue();
    h.add(b("a"), b("1"));
    h.add(b("b"), b("2"));
    assertThat(h.size()).isEqualTo(2);
    assertThat(s(get(h, "a").value())).isEqualTo("1");
    assertThat(get(h, "zz")).isNull();
    h.setValue(get(h, "a"), b("one"));
    assertThat(contents(h)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "one", "b", "2"));
    assertThat(remove(h, "a")).isTrue();
    assertThat(remove(h, "a")).isFalse();
    assertThat(remove(h, "b")).isTrue();
    assertThat(h.isEmpty()).isTrue();
  }

  @Test
  void memory_followsFieldsValuesAndBuckets() {
    HashValue h = new HashValue(1);
    long empty = h.memory();
    h.add(b("field"), b("value"));
    long one = h.memory();
    assertThat(one - empty).isGreaterThanOrEqualTo(Memory.array(5) * 2);
    h.setValue(get(h, "field"), b("x".repeat(1000)));
    assertThat(h.memory() - one).isEqualTo(Memory.array(1000) - Memory.array(5));
    for (int i = 0; i < 1000; i++) {
      h.add(b("f" + i), b("v"));
    }
    long big = h.memory();
    assertThat(big - one).isGreaterThan(1000 * (Memory.array(2) + Memory.array(1)) + Memory.refArray(1000) - Memory.refArray(4));
    for (int i = 0; i < 1000; i++) {
      remove(h, "f" + i);
    }
    remove(h, "field");
    assertThat(h.memory()).isEqualTo(empty);
  }

  @Test
  void compact_endsAtTheListpackLimitsAndStaysEnded() {
    HashValue h = new HashValue(7);
    for (int i = 0; i < HashValue.LISTPACK_MAX_ENTRIES; i++) {
      h.add(b("f" + i), b("v"));
    }
    assertThat(h.compact()).isTrue();
    assertThat(h.encoding()).isEqualTo("listpack");
    h.add(b("one-more"), b("v"));
    assertThat(h.compact()).isFalse();
    remove(h, "one-more");
    assertThat(h.compact()).isFalse();
    assertThat(h.encoding()).isEqualTo("hashtable");

    HashValue longValue = new HashValue(7);
    longValue.add(b("f"), b("x".repeat(HashValue.LISTPACK_MAX_VALUE)));
    assertThat(longValue.compact()).isTrue();
    longValue.setValue(get(longValue, "f"), b("x".repeat(HashValue.LISTPACK_MAX_VALUE + 1)));
    assertThat(longValue.compact()).isFalse();

    HashValue longField = new HashValue(7);
    longField.add(b("f".repeat(HashValue.LISTPACK_MAX_VALUE + 1)), b("v"));
    assertThat(longField.compact()).isFalse();
  }

  @Test
  void copy_isIndependentAndAccountedAlike() {
    HashValue h = new HashValue(3);
    h.add(b("a"), b("1"));
    h.add(b("b"), b("2"));
    HashValue copy = h.copy();
    assertThat(copy.memory()).isEqualTo(h.memory());
    copy.setValue(get(copy, "a"), b("changed"));
    remove(copy, "b");
    copy.add(b("c"), b("3"));
    assertThat(contents(h)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    assertThat(contents(copy)).containsExactlyInAnyOrderEntriesOf(Map.of("a", "changed", "c", "3"));
  }

  @Test
  void scanAndRandom_coverTheFields() {
    HashValue h = new HashValue(5);
    for (int i = 0; i < 100; i++) {
      h.add(b("f" + i), b("v" + i));
    }
    Map<String, String> seen = new HashMap<>();
    long cursor = 0;
    do {
      cursor = h.scan(cursor, f -> seen.put(s(f.key()), s(f.value())));
    } while (cursor != 0);
    assertThat(seen).isEqualTo(contents(h)).hasSize(100);
    assertThat(s(h.random().key())).startsWith("f");
    assertThat(new HashValue(5).random()).isNull();
  }
}
