package io.cachefleet.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DictTest {

  static final class Item extends Dict.Entry {
    Item(Dict<Item> dict, String key) {
      this(dict, key.getBytes(StandardCharsets.UTF_8));
    }

    Item(Dict<Item> dict, byte[] key) {
      super(key, dict.hash(key));
    }
  }

  private static String name(Item e) {
    return new String(e.key(), StandardCharsets.UTF_8);
  }

  @Test
  void get_findsFromArrayAndBufferAlike() {
    Dict<Item> dict = new Dict<>(42);
    Item item = new Item(dict, "some-longer-key-with-tail");
    dict.add(item);
    byte[] key = "xx-some-longer-key-with-tail".getBytes(StandardCharsets.UTF_8);
    assertThat(dict.get(Unpooled.wrappedBuffer(key), 3, key.length - 3)).isSameAs(item);
    assertThat(dict.get("some-longer-key-with-tail".getBytes(StandardCharsets.UTF_8))).isSameAs(item);
    assertThat(dict.get("some-longer-key-with-tai".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void addRemove_growsAndShrinks() {
    Dict<Item> dict = new Dict<>(1);
    for (int i = 0; i < 10_000; i++) {
      dict.add(new Item(dict, "k" + i));
    }
    assertThat(dict.size()).isEqualTo(10_000);
    assertThat(dict.buckets()).isGreaterThanOrEqualTo(10_000);
    for (int i = 0; i < 9_990; i++) {
      assertThat(dict.remove(("k" + i).getBytes(StandardCharsets.UTF_8))).isNotNull();
    }
    assertThat(dict.size()).isEqualTo(10);
    assertThat(dict.buckets()).isLessThan(128);
    assertThat(dict.get("k9995".getBytes(StandardCharsets.UTF_8))).isNotNull();
  }

  @Test
  void scan_returnsEveryEntryEvenWhenTableResizesBetweenCalls() {
    Dict<Item> dict = new Dict<>(7);
    for (int i = 0; i < 1000; i++) {
      dict.add(new Item(dict, "a" + i));
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    int step = 0;
    do {
      cursor = dict.scan(cursor, e -> seen.add(name(e)));
      step++;
      if (step == 50) {
        for (int i = 0; i < 3000; i++) {
          dict.add(new Item(dict, "b" + i)); // grows the table mid-scan
        }
      }
      if (step == 400) {
        for (int i = 0; i < 3000; i++) {
          dict.remove(("b" + i).getBytes(StandardCharsets.UTF_8)); // and shrinks it again
        }
      }
    } while (cursor != 0);
    for (int i = 0; i < 1000; i++) {
      assertThat(seen).contains("a" + i);
    }
  }

  @Test
  void randomEntry_reachesEveryEntry() {
    Dict<Item> dict = new Dict<>(3);
    for (int i = 0; i < 20; i++) {
      dict.add(new Item(dict, "r" + i));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000 && seen.size() < 20; i++) {
      seen.add(name(dict.randomEntry()));
    }
    assertThat(seen).hasSize(20);
    assertThat(new Dict<Item>(3).randomEntry()).isNull();
  }
}
