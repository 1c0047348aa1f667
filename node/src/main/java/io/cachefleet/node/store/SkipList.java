package io.cachefleet.node.store;

import io.cachefleet.node.store.ZSetValue.Node;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The order of a {@link ZSetValue}: Redis's {@code zskiplist} (t_zset.c), itself Pugh's skip list
 * with three changes: scores may repeat, ties are broken by the member bytes, and level 0 is
 * doubly linked so that reverse ranges walk backwards.
 *
 * <p>Each node gets level {@code k} with probability {@code (1 - p) p^(k-1)}, p = 1/4, at most
 * {@value #MAX_LEVEL} levels (Redis's {@code ZSKIPLIST_P} and {@code ZSKIPLIST_MAXLEVEL}). Every
 * forward link records its span, the number of level-0 steps it jumps, so that descents add up
 * ranks on the way (Pugh, "A Skip List Cookbook", §3.4). Searches collect the last node before
 * the target at each level ({@code update}), which is what splicing a node in or out needs.
 *
 * <p>The predecessor arrays are sized to the current height, a few entries, and allocated per
 * operation rather than kept per set, so that many small sets cost no scratch space.
 */
final class SkipList {

  /** Levels a node may have: enough for 4^32 members. */
  static final int MAX_LEVEL = 32;

  private final Node header = new Node(null, 0, 0, MAX_LEVEL);
  private final Consumer<Node> onRemove;
  private Node tail;
  private int level = 1;
  private int length;

  /** @param onRemove told of each node a range removal unlinks */
  SkipList(Consumer<Node> onRemove) {
    this.onRemove = onRemove;
  }

  /** A random level: each level above the first with probability 1/4 (two zero bits). */
  static int randomLevel() {
    long bits = ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE;
    return 1 + Long.numberOfTrailingZeros(bits) / 2;
  }

  /** True when {@code n} sorts before ({@code score}, {@code member}). */
  private static boolean precedes(Node n, double score, byte[] member) {
    return n.score < score || (n.score == score && Arrays.compareUnsigned(n.key, member) < 0);
  }

  int length() {
    return length;
  }

  Node first() {
    return header.next();
  }

  Node last() {
    return tail;
  }

  /** Links {@code n}, whose member is not in the list, at its place; its links are overwritten. */
  void insert(Node n) {
    int nodeLevel = n.level();
    int levels = Math.max(level, nodeLevel);
    Node[] update = new Node[levels];
    int[] rank = new int[levels];
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      rank[i] = i == level - 1 ? 0 : rank[i + 1];
      for (Node f = x.forward(i); f != null && precedes(f, n.score, n.key); f = x.forward(i)) {
        rank[i] += x.span(i);
        x = f;
      }
      update[i] = x;
    }
    for (int i = level; i < nodeLevel; i++) {
      update[i] = header;
      header.span(i, length);
    }
    level = levels;
    for (int i = 0; i < nodeLevel; i++) {
      n.forward(i, update[i].forward(i));
      update[i].forward(i, n);
      n.span(i, update[i].span(i) - (rank[0] - rank[i]));
      update[i].span(i, rank[0] - rank[i] + 1);
    }
    for (int i = nodeLevel; i < level; i++) {
      update[i].span(i, update[i].span(i) + 1);
    }
    n.backward = update[0] == header ? null : update[0];
    if (n.next() != null) {
      n.next().backward = n;
    } else {
      tail = n;
    }
    length++;
  }

  /** The last node before ({@code score}, {@code member}) at each level. */
  private Node[] predecessors(double score, byte[] member) {
    Node[] update = new Node[level];
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      for (Node f = x.forward(i); f != null && precedes(f, score, member); f = x.forward(i)) {
        x = f;
      }
      update[i] = x;
    }
    return update;
  }

  /** Unlinks {@code n}, given the last node before it at each level. */
  private void unlink(Node n, Node[] update) {
    for (int i = 0; i < level; i++) {
      if (update[i].forward(i) == n) {
        update[i].span(i, update[i].span(i) + n.span(i) - 1);
        update[i].forward(i, n.forward(i));
      } else {
        update[i].span(i, update[i].span(i) - 1);
      }
    }
    if (n.next() != null) {
      n.next().backward = n.backward;
    } else {
      tail = n.backward;
    }
    while (level > 1 && header.forward(level - 1) == null) {
      level--;
    }
    length--;
  }

  void remove(Node n) {
    unlink(n, predecessors(n.score, n.key));
  }

  /**
   * Gives {@code n} a new score. When it keeps its place between its neighbours only the score
   * changes; otherwise the node is moved, keeping its level ({@code zslUpdateScore}).
   */
  void updateScore(Node n, double score) {
    Node next = n.next();
    if ((n.backward == null || n.backward.score < score) && (next == null || next.score > score)) {
      n.score = score;
      return;
    }
    unlink(n, predecessors(n.score, n.key));
    n.score = score;
    insert(n);
  }

  /** The 0-based rank of {@code n}, which must be in the list. */
  int rank(Node n) {
    int rank = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      for (Node f = x.forward(i); f != null && (f == n || precedes(f, n.score, n.key)); f = x.forward(i)) {
        rank += x.span(i);
        x = f;
      }
      if (x == n) {
        return rank - 1;
      }
    }
    throw new IllegalStateException("node not in list");
  }

  /** The node at 0-based {@code rank}, which must be below the length. */
  Node byRank(int rank) {
    int target = rank + 1;
    int traversed = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.forward(i) != null && traversed + x.span(i) <= target) {
        traversed += x.span(i);
        x = x.forward(i);
      }
      if (traversed == target) {
        return x;
      }
    }
    throw new IllegalStateException("rank out of range: " + rank);
  }

  /** The first node in {@code r}, or null ({@code zslFirstInRange}). */
  Node first(ZSetValue.Range r) {
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      for (Node f = x.forward(i); f != null && r.beforeStart(f); f = x.forward(i)) {
        x = f;
      }
    }
    x = x.next();
    return x == null || r.afterEnd(x) ? null : x;
  }

  /** The last node in {@code r}, or null ({@code zslLastInRange}). */
  Node last(ZSetValue.Range r) {
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      for (Node f = x.forward(i); f != null && !r.afterEnd(f); f = x.forward(i)) {
        x = f;
      }
    }
    return x == header || r.beforeStart(x) ? null : x;
  }

  /** Removes the nodes in {@code r} in one pass; returns how many ({@code zslDeleteRangeByScore}). */
  int removeRange(ZSetValue.Range r) {
    Node[] update = new Node[level];
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      for (Node f = x.forward(i); f != null && r.beforeStart(f); f = x.forward(i)) {
        x = f;
      }
      update[i] = x;
    }
    int removed = 0;
    for (x = x.next(); x != null && !r.afterEnd(x); removed++) {
      Node next = x.next();
      unlink(x, update);
      onRemove.accept(x);
      x = next;
    }
    return removed;
  }

  /** Removes the nodes of 0-based ranks {@code start..end}, which must be valid ({@code zslDeleteRangeByRank}). */
  int removeByRank(int start, int end) {
    Node[] update = new Node[level];
    int traversed = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.forward(i) != null && traversed + x.span(i) <= start) {
        traversed += x.span(i);
        x = x.forward(i);
      }
      update[i] = x;
    }
    int removed = 0;
    for (x = x.next(); x != null && start + removed <= end; removed++) {
      Node next = x.next();
      unlink(x, update);
      onRemove.accept(x);
      x = next;
    }
    return removed;
  }

  /**
   * Makes this empty list a copy of {@code src} with the same shape: each node is replaced by
   * {@code clone(node)}, which must have the same score, member and level.
   */
  void copyOf(SkipList src, UnaryOperator<Node> clone) {
    Node[] lastAt = new Node[MAX_LEVEL];
    Arrays.fill(lastAt, header);
    for (int i = 0; i < MAX_LEVEL; i++) {
      header.span(i, src.header.span(i));
    }
    Node prev = null;
    for (Node n = src.first(); n != null; n = n.next()) {
      Node m = clone.apply(n);
      for (int i = 0; i < m.level(); i++) {
        lastAt[i].forward(i, m);
        m.span(i, n.span(i));
        lastAt[i] = m;
      }
      m.backward = prev;
      prev = m;
    }
    tail = prev;
    level = src.level;
    length = src.length;
  }
}
