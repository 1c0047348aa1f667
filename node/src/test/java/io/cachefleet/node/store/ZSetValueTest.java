package io.cachefleet.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZSetValueTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String s(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** Score then member bytes unsigned: the order the set must keep. */
  private static final Comparator<Map.Entry<String, Double>> ORDER = (x, y) -> {
    int c = Double.compare(x.getValue(), y.getValue());
    return c != 0 ? c : Arrays.compareUnsigned(b(x.getKey()), b(y.getKey()));
  };

  private static List<String> members(ZSetValue z) {
    List<String> out = new ArrayList<>();
    for (ZSetValue.Node n = z.first(); n != null; n = n.next()) {
      out.add(s(n.key()));
    }
    return out;
  }

  private static ZSetValue of(Object... scoreMemberPairs) {
    ZSetValue z = new ZSetValue(7);
    for (int i = 0; i < scoreMemberPairs.length; i += 2) {
      z.add(b((String) scoreMemberPairs[i + 1]), ((Number) scoreMemberPairs[i]).doubleValue());
    }
    return z;
  }

  /** Walks the set both ways and checks order, ranks, lookups and memory against the model. */
  private static void assertMatches(ZSetValue z, Map<String, Double> model) {
    List<Map.Entry<String, Double>> expected = new ArrayList<>(model.entrySet());
    expected.sort(ORDER);
    assertThat(z.size()).isEqualTo(expected.size());
    assertThat(z.isEmpty()).isEqualTo(expected.isEmpty());
    long nodes = 0;
    ZSetValue.Node prev = null;
    int i = 0;
    for (ZSetValue.Node n = z.first(); n != null; prev = n, n = n.next(), i++) {
      assertThat(s(n.key())).isEqualTo(expected.get(i).getKey());
      assertThat(n.score()).isEqualTo(expected.get(i).getValue());
      assertThat(n.prev()).isSameAs(prev);
      assertThat(z.rank(n)).isEqualTo(i);
      assertThat(z.byRank(i)).isSameAs(n);
      assertThat(z.get(n.key())).isSameAs(n);
      nodes += n.memory();
    }
    assertThat(i).isEqualTo(expected.size());
    assertThat(z.last()).isSameAs(prev);
    assertThat(z.byRank(expected.size())).isNull();
    assertThat(z.byRank(-1)).isNull();
    long buckets = z.memory() - ZSetValue.OVERHEAD - nodes;
    int capacity = 4;
    while (Memory.refArray(capacity) < buckets) {
      capacity <<= 1;
    }
    assertThat(Memory.refArray(capacity)).isEqualTo(buckets);
  }

  private static ZSetValue.Range scores(double min, double max) {
    return new ZSetValue.Range() {
      @Override
      public boolean beforeStart(ZSetValue.Node n) {
        return n.score() < min;
      }

      @Override
      public boolean afterEnd(ZSetValue.Node n) {
        return n.score() > max;
      }
    };
  }

  @Test
  void add_ordersByScoreThenMemberBytesUnsigned() {
    ZSetValue z = of(2, "b", 1, "z", 2, "a", 2, "\u00ff", 2, "ab", -1, "m");
    assertThat(members(z)).containsExactly("m", "z", "a", "ab", "b", "\u00ff");
    assertThat(z.type()).isEqualTo(DataType.ZSET);
  }

  @Test
  void add_negativeZeroTiesWithZero() {
    ZSetValue z = of(0.0, "b", -0.0, "a");
    assertThat(members(z)).containsExactly("a", "b");
  }

  @Test
  void setScore_movesOrKeepsPlace() {
    ZSetValue z = of(1, "a", 2, "b", 3, "c");
    z.setScore(z.get(b("b")), 2.5);
    assertThat(members(z)).containsExactly("a", "b", "c");
    z.setScore(z.get(b("a")), 10);
    assertThat(members(z)).containsExactly("b", "c", "a");
    z.setScore(z.get(b("a")), 2.5);
    assertThat(members(z)).containsExactly("a", "b", "c");
    assertMatches(z, Map.of("a", 2.5, "b", 2.5, "c", 3.0));
  }

  @Test
  void firstLastCount_findRangeEnds() {
    ZSetValue z = of(1, "a", 2, "b", 2, "c", 3, "d", 5, "e");
    assertThat(s(z.first(scores(2, 3)).key())).isEqualTo("b");
    assertThat(s(z.last(scores(2, 3)).key())).isEqualTo("d");
    assertThat(z.count(scores(2, 3))).isEqualTo(3);
    assertThat(z.first(scores(3.5, 4.5))).isNull();
    assertThat(z.last(scores(3.5, 4.5))).isNull();
    assertThat(z.count(scores(6, 9))).isZero();
    assertThat(z.count(scores(3, 1))).isZero();
    assertThat(z.count(scores(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))).isEqualTo(5);
  }

  @Test
  void removeRangeAndByRank_removeWhatTheySay() {
    ZSetValue z = of(1, "a", 2, "b", 3, "c", 4, "d", 5, "e", 6, "f");
    assertThat(z.removeRange(scores(2, 3))).isEqualTo(2);
    assertThat(members(z)).containsExactly("a", "d", "e", "f");
    assertThat(z.removeByRank(1, 2)).isEqualTo(2);
    assertThat(members(z)).containsExactly("a", "f");
    assertThat(z.get(b("d"))).isNull();
    assertMatches(z, Map.of("a", 1.0, "f", 6.0));
    assertThat(z.removeByRank(0, 1)).isEqualTo(2);
    assertMatches(z, Map.of());
  }

  @Test
  void compact_untilListpackLimitsAreExceeded() {
    ZSetValue z = new ZSetValue(1);
    for (int i = 0; i < ZSetValue.LISTPACK_MAX_ENTRIES; i++) {
      z.add(b("m" + i), i);
    }
    assertThat(z.compact()).isTrue();
    z.add(b("one-too-many"), 0);
    assertThat(z.compact()).isFalse();
    z.remove(z.get(b("one-too-many")));
    assertThat(z.compact()).isFalse();

    ZSetValue wide = of(1, "x".repeat(ZSetValue.LISTPACK_MAX_VALUE));
    assertThat(wide.compact()).isTrue();
    wide.add(b("y".repeat(ZSetValue.LISTPACK_MAX_VALUE + 1)), 2);
    assertThat(wide.compact()).isFalse();
  }

  @Test
  void copy_isIndependentAndEqual() {
    Random random = new Random(3);
    ZSetValue z = new ZSetValue(1);
    Map<String, Double> model = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      String m = "m" + random.nextInt(1000);
      if (!model.containsKey(m)) {
        double score = random.nextInt(50);
        model.put(m, score);
        z.add(b(m), score);
      }
    }
    ZSetValue copy = z.copy();
    assertThat(copy.memory()).isEqualTo(z.memory());
    assertMatches(copy, model);
    copy.remove(copy.first());
    copy.add(b("new"), -5);
    assertMatches(z, model);
    assertThat(s(copy.first().key())).isEqualTo("new");
  }

  @Test
  void tallNodes_keepOrderRanksAndMemory() {
    // 20,000 members: about 80 nodes taller than the levels a node keeps in fields
    Random random = new Random(7);
    ZSetValue z = new ZSetValue(5);
    Map<String, Double> model = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      String m = "m" + i;
      double score = random.nextInt(5_000);
      z.add(b(m), score);
      model.put(m, score);
    }
    assertThat(tallest(z)).isGreaterThan(ZSetValue.Node.INLINE_LEVELS);
    assertMatches(z, model);
    for (int i = 0; i < 20_000; i += 3) {
      String m = "m" + i;
      double score = random.nextInt(5_000);
      z.setScore(z.get(b(m)), score);
      model.put(m, score);
    }
    assertMatches(z, model);
    for (int i = 1; i < 20_000; i += 2) {
      z.remove(z.get(b("m" + i)));
      model.remove("m" + i);
    }
    assertMatches(z, model);
  }

  private static int tallest(ZSetValue z) {
    int tallest = 0;
    for (ZSetValue.Node n = z.first(); n != null; n = n.next()) {
      tallest = Math.max(tallest, n.level());
    }
    return tallest;
  }

  @Test
  void randomOperations_keepOrderRanksAndMemory() {
    Random random = new Random(42);
    ZSetValue z = new ZSetValue(99);
    Map<String, Double> model = new HashMap<>();
    for (int step = 0; step < 20_000; step++) {
      String m = "m" + random.nextInt(400);
      double score = random.nextInt(40) - 20 + (random.nextBoolean() ? 0.5 : 0);
      ZSetValue.Node n = z.get(b(m));
      switch (random.nextInt(4)) {
        case 0, 1 -> {
          if (n == null) {
            z.add(b(m), score);
          } else {
            z.setScore(n, score);
          }
          model.put(m, score);
        }
        case 2 -> {
          if (n != null) {
            z.remove(n);
            model.remove(m);
          }
        }
        default -> {
          double min = score;
          double max = score + random.nextInt(3);
          int removed = z.removeRange(scores(min, max));
          int before = model.size();
          model.values().removeIf(v -> v >= min && v <= max);
          assertThat(removed).isEqualTo(before - model.size());
        }
      }
      if (step % 1000 == 0) {
        assertMatches(z, model);
      }
    }
    assertMatches(z, model);
    while (!z.isEmpty()) {
      z.removeByRank(0, Math.min(z.size() - 1, 7));
    }
    assertMatches(z, Map.of());
  }
}
