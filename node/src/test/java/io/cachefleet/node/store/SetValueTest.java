package io.cachefleet.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetValueTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ByteBuf buf(String s) {
    return Unpooled.wrappedBuffer(b(s));
  }

  private static boolean remove(SetValue s, String member) {
    return s.remove(buf(member), 0, member.length());
  }

  private static Set<String> contents(SetValue s) {
    Set<String> out = new HashSet<>();
    s.forEach(m -> out.add(new String(m.key(), StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void addContainsRemove() {
    SetValue s = new SetValue(11);
    assertThat(s.type()).isEqualTo(DataType.SET);
    assertThat(s.add(b("a"))).isTrue();
    assertThat(s.add(b("a"))).isFalse();
    s.addAbsent(b("b"));
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.contains(b("a"))).isTrue();
    assertThat(s.contains(buf("xb"), 1, 1)).isTrue();
    assertThat(s.contains(b("zz"))).isFalse();
    assertThat(remove(s, "a")).isTrue();
    assertThat(remove(s, "a")).isFalse();
    s.remove(s.random());
    assertThat(s.isEmpty()).isTrue();
    assertThat(s.random()).isNull();
  }

  @Test
  void memory_returnsToEmptyWhenAllRemoved() {
    SetValue s = new SetValue(2);
    long empty = s.memory();
    s.add(b("member"));
    assertThat(s.memory() - empty).isGreaterThanOrEqualTo(Memory.array(6));
    for (int i = 0; i < 2000; i++) {
      s.add(b("m" + i));
    }
    assertThat(s.memory() - empty).isGreaterThan(2000 * Memory.array(2) + Memory.refArray(2000) - Memory.refArray(4));
    for (int i = 0; i < 2000; i++) {
      remove(s, "m" + i);
    }
    remove(s, "member");
    assertThat(s.memory()).isEqualTo(empty);
  }

  @Test
  void compact_whileEveryMemberIsAnIntegerUpToTheIntsetLimit() {
    SetValue ints = new SetValue(4);
    for (int i = 0; i < SetValue.INTSET_MAX_ENTRIES; i++) {
      ints.add(b(String.valueOf(i - 100)));
    }
    assertThat(ints.compact()).isTrue();
    assertThat(ints.encoding()).isEqualTo("intset");
    ints.add(b("100000"));
    assertThat(ints.compact()).isFalse();
    assertThat(ints.encoding()).isEqualTo("hashtable");

    SetValue mixed = new SetValue(4);
    mixed.add(b("1"));
    mixed.add(b("01"));
    assertThat(mixed.compact()).isFalse();
    remove(mixed, "01");
    assertThat(mixed.compact()).isFalse();
  }

  @Test
  void copy_isIndependent() {
    SetValue s = new SetValue(9);
    s.add(b("a"));
    s.add(b("b"));
    SetValue copy = s.copy();
    assertThat(copy.memory()).isEqualTo(s.memory());
    remove(copy, "a");
    copy.add(b("c"));
    assertThat(contents(s)).containsExactlyInAnyOrder("a", "b");
    assertThat(contents(copy)).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void scan_visitsEveryMember() {
    SetValue s = new SetValue(8);
    for (int i = 0; i < 300; i++) {
      s.add(b("m" + i));
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    do {
      cursor = s.scan(cursor, m -> seen.add(new String(m.key(), StandardCharsets.UTF_8)));
    } while (cursor != 0);
    assertThat(seen).isEqualTo(contents(s)).hasSize(300);
  }
}
