package io.cachefleet.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListValueTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> contents(ListValue list) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(new String(list.get(i), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static ListValue of(String... elements) {
    ListValue list = new ListValue();
    for (String e : elements) {
      list.pushLast(b(e));
    }
    return list;
  }

  /** Bytes of the elements alone, as the list must count them. */
  private static long elementMemory(ListValue list) {
    long sum = 0;
    for (int i = 0; i < list.size(); i++) {
      sum += Memory.array(list.get(i).length);
    }
    return sum;
  }

  /** The slot array's share of memory() must be that of a power-of-two array fitting the size. */
  private static void assertMemoryConsistent(ListValue list) {
    long slotsBytes = list.memory() - ListValue.OVERHEAD - elementMemory(list);
    int capacity = ListValue.MIN_CAPACITY;
    while (Memory.refArray(capacity) < slotsBytes) {
      capacity <<= 1;
    }
    assertThat(Memory.refArray(capacity)).isEqualTo(slotsBytes);
    assertThat(capacity).isGreaterThanOrEqualTo(list.size());
    assertThat(capacity).isLessThanOrEqualTo(Math.max(ListValue.MIN_CAPACITY, 4 * list.size()));
  }

  @Test
  void new_isEmptyList() {
    ListValue list = new ListValue();
    assertThat(list.type()).isEqualTo(DataType.LIST);
    assertThat(list.isEmpty()).isTrue();
    assertThat(list.size()).isZero();
    assertThat(list.popFirst()).isNull();
    assertThat(list.popLast()).isNull();
    assertThat(list.memory()).isEqualTo(ListValue.OVERHEAD + Memory.refArray(ListValue.MIN_CAPACITY));
  }

  @Test
  void pushBothEnds_keepsOrderAcrossWrapAndGrowth() {
    ListValue list = new ListValue();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      if (i % 3 == 0) {
        list.pushFirst(b("f" + i));
        expected.add(0, "f" + i);
      } else {
        list.pushLast(b("l" + i));
        expected.add("l" + i);
      }
    }
    assertThat(contents(list)).isEqualTo(expected);
    assertMemoryConsistent(list);
  }

  @Test
  void pop_returnsEndsAndEmptiesTheList() {
    ListValue list = of("a", "b", "c");
    assertThat(list.popFirst()).isEqualTo(b("a"));
    assertThat(list.popLast()).isEqualTo(b("c"));
    assertThat(list.popLast()).isEqualTo(b("b"));
    assertThat(list.isEmpty()).isTrue();
    assertThat(list.memory()).isEqualTo(new ListValue().memory());
  }

  @Test
  void pop_manyShrinksTheSlotArray() {
    ListValue list = new ListValue();
    for (int i = 0; i < 1000; i++) {
      list.pushLast(b("x"));
    }
    long full = list.memory();
    for (int i = 0; i < 990; i++) {
      list.popFirst();
    }
    assertThat(list.memory()).isLessThan(full / 50);
    assertMemoryConsistent(list);
  }

  @Test
  void set_replacesElementAndRecountsMemory() {
    ListValue list = of("a", "b");
    long before = list.memory();
    list.set(1, new byte[100]);
    assertThat(list.get(1)).hasSize(100);
    assertThat(list.memory()).isEqualTo(before - Memory.array(1) + Memory.array(100));
  }

  @Test
  void insert_atHeadMiddleAndTail() {
    ListValue list = of("b", "d");
    list.insert(0, b("a"));
    list.insert(2, b("c"));
    list.insert(4, b("e"));
    list.insert(1, b("a2"));
    list.insert(4, b("c2"));
    assertThat(contents(list)).containsExactly("a", "a2", "b", "c", "c2", "d", "e");
    assertMemoryConsistent(list);
  }

  @Test
  void indexOf_findsFirstMatch() {
    ListValue list = of("a", "b", "a");
    assertThat(list.indexOf(b("a"))).isZero();
    assertThat(list.indexOf(b("b"))).isEqualTo(1);
    assertThat(list.indexOf(b("z"))).isEqualTo(-1);
  }

  @Test
  void removeMatching_fromHeadFromTailAndAll() {
    ListValue list = of("x", "a", "x", "b", "x", "c", "x");
    assertThat(list.removeMatching(b("x"), 2)).isEqualTo(2);
    assertThat(contents(list)).containsExactly("a", "b", "x", "c", "x");
    assertThat(list.removeMatching(b("x"), -1)).isEqualTo(1);
    assertThat(contents(list)).containsExactly("a", "b", "x", "c");
    assertThat(list.removeMatching(b("x"), 0)).isEqualTo(1);
    assertThat(contents(list)).containsExactly("a", "b", "c");
    assertThat(list.removeMatching(b("nope"), 0)).isZero();
    list.pushLast(b("a"));
    assertThat(list.removeMatching(b("a"), Long.MIN_VALUE)).isEqualTo(2);
    assertThat(contents(list)).containsExactly("b", "c");
    assertMemoryConsistent(list);
  }

  @Test
  void removeFirstAndLast_dropRanges() {
    ListValue list = of("a", "b", "c", "d", "e");
    list.removeFirst(2);
    list.removeLast(1);
    assertThat(contents(list)).containsExactly("c", "d");
    list.removeFirst(2);
    assertThat(list.isEmpty()).isTrue();
    assertThat(list.memory()).isEqualTo(new ListValue().memory());
  }

  @Test
  void copy_isIndependentOfTheOriginal() {
    ListValue list = of("a", "b", "c");
    list.popFirst();
    list.pushLast(b("d"));
    ListValue copy = list.copy();
    list.set(0, b("changed"));
    list.pushFirst(b("z"));
    copy.pushLast(b("e"));
    assertThat(contents(copy)).containsExactly("b", "c", "d", "e");
    assertThat(contents(list)).containsExactly("z", "changed", "c", "d");
    assertMemoryConsistent(copy);
  }

  @Test
  void randomOperations_matchAListModel() {
    Random random = new Random(42);
    ListValue list = new ListValue();
    List<String> model = new ArrayList<>();
    for (int step = 0; step < 20_000; step++) {
      String v = Integer.toString(random.nextInt(20));
      switch (random.nextInt(9)) {
        case 0, 1 -> {
          list.pushFirst(b(v));
          model.add(0, v);
        }
        case 2, 3 -> {
          list.pushLast(b(v));
          model.add(v);
        }
        case 4 -> assertThat(str(list.popFirst())).isEqualTo(model.isEmpty() ? null : model.remove(0));
        case 5 -> assertThat(str(list.popLast())).isEqualTo(model.isEmpty() ? null : model.remove(model.size() - 1));
        case 6 -> {
          int at = random.nextInt(model.size() + 1);
          list.insert(at, b(v));
          model.add(at, v);
        }
        case 7 -> {
          long count = random.nextInt(5) - 2;
          int expected = removeFromModel(model, v, count);
          assertThat(list.removeMatching(b(v), count)).isEqualTo(expected);
        }
        default -> {
          if (!model.isEmpty()) {
            int at = random.nextInt(model.size());
            list.set(at, b(v + "!"));
            model.set(at, v + "!");
          }
        }
      }
      assertThat(list.size()).isEqualTo(model.size());
      if (step % 97 == 0) {
        assertThat(contents(list)).isEqualTo(model);
        assertMemoryConsistent(list);
      }
    }
    assertThat(contents(list)).isEqualTo(model);
  }

  private static String str(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static int removeFromModel(List<String> model, String v, long count) {
    int removed = 0;
    long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
    if (count >= 0) {
      for (int i = 0; i < model.size() && removed < limit; ) {
        if (model.get(i).equals(v)) {
          model.remove(i);
          removed++;
        } else {
          i++;
        }
      }
    } else {
      for (int i = model.size() - 1; i >= 0 && removed < limit; i--) {
        if (model.get(i).equals(v)) {
          model.remove(i);
          removed++;
        }
      }
    }
    return removed;
  }
}
