package io.cachefleet.node.store;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * A Redis sorted set: distinct byte-string members, each with a score, ordered by score and then
 * by member bytes compared unsigned, as {@code memcmp} compares them.
 *
 * <h2>Design</h2>
 * Redis's {@code OBJ_ENCODING_SKIPLIST} (t_zset.c): a {@link Dict} maps each member to its
 * {@link Node} for O(1) ZSCORE, and a {@link SkipList} (William Pugh, "Skip Lists: A
 * Probabilistic Alternative to Balanced Trees", CACM 33(6), 1990) orders the same nodes, with
 * the span of every forward link so that a member's rank and the member at a rank are found in
 * O(log n) (Pugh, "A Skip List Cookbook", 1990, §3.4). One object is both the hash entry and the
 * skiplist node, so each member costs one node, its two level arrays and the member bytes.
 *
 * <p>Scores are compared with {@code <} and {@code ==}, as in C: {@code -0.0} and {@code 0.0}
 * are the same score. NaN is never stored; commands reject it first.
 *
 * <p>Memory is counted as members come and go, plus the bucket array read from the table, so
 * {@link #memory()} is O(1). {@link #compact()} tells whether Redis 7.0 would still hold this set
 * as a listpack: at most {@value #LISTPACK_MAX_ENTRIES} members, none ever longer than
 * {@value #LISTPACK_MAX_VALUE} bytes. Redis converts to a skiplist once and never back
 * ({@code zsetAdd}, t_zset.c); ZSCAN answers a compact set whole, in order. A listpack keeps
 * {@code -0} as the integer 0, so a compact set stores a negative zero score as 0.
 */
public final class ZSetValue implements StoredValue {

  /** A member, its score and its links in the skiplist. */
  public static final class Node extends Dict.Entry {
    double score;
    Node backward;
    final Node[] forward;
    /** Nodes each forward link passes over, counting the node it lands on. */
    final int[] span;

    Node(byte[] member, int hash, double score, int level) {
      super(member, hash);
      this.score = score;
      this.forward = new Node[level];
      this.span = new int[level];
    }

    public double score() {
      return score;
    }

    /** The next node in order, or null after the last. */
    public Node next() {
      return forward[0];
    }

    /** The previous node in order, or null before the first. */
    public Node prev() {
      return backward;
    }

    int level() {
      return forward.length;
    }

    /** Bytes of this node, its level arrays and its member. */
    long memory() {
      return NODE + Memory.refArray(forward.length) + Memory.align(16L + 4L * span.length)
          + Memory.array(key.length);
    }
  }

  /**
   * A contiguous stretch of the order, such as a score or lex interval, found by descending the
   * skiplist: everything before it is {@link #beforeStart}, everything after it {@link #afterEnd}.
   */
  public interface Range {
    boolean beforeStart(Node n);

    boolean afterEnd(Node n);
  }

  /** Redis's default {@code zset-max-listpack-entries}. */
  static final int LISTPACK_MAX_ENTRIES = 128;

  /** Redis's default {@code zset-max-listpack-value}, in bytes. */
  static final int LISTPACK_MAX_VALUE = 64;

  /**
   * This object (40 bytes), its {@link Dict} (24), its {@link SkipList} (32) with its removal
   * callback (16) and its header node, which has every level (48 + 144 + 144).
   */
  static final long OVERHEAD = 448;

  /** A {@link Node}: header, key, hash, next, score, backward and the two array references. */
  static final long NODE = Memory.align(12 + 4 + 4 + 4 + 8 + 4 + 4 + 4);

  private final int seed;
  private final Dict<Node> dict;
  private final SkipList list = new SkipList(this::forget);
  private long elementBytes;
  private boolean compact;

  /** @param seed hash seed, {@link Keyspace#seed()} */
  public ZSetValue(int seed) {
    this(seed, 0, 0);
  }

  /**
   * A set about to receive {@code sizeHint} members of up to {@code lengthHint} bytes: compact
   * only if those fit a listpack, as Redis's {@code zsetTypeCreate} decides for the results of
   * ZRANGESTORE and the STORE forms of ZUNION, ZINTER and ZDIFF.
   *
   * @param seed hash seed, {@link Keyspace#seed()}
   */
  public ZSetValue(int seed, long sizeHint, int lengthHint) {
    this.seed = seed;
    this.dict = new Dict<>(seed);
    this.compact = sizeHint <= LISTPACK_MAX_ENTRIES && lengthHint <= LISTPACK_MAX_VALUE;
  }

  @Override
  public DataType type() {
    return DataType.ZSET;
  }

  @Override
  public long memory() {
    return OVERHEAD + elementBytes + Memory.refArray(dict.buckets());
  }

  @Override
  public boolean isEmpty() {
    return dict.isEmpty();
  }

  public int size() {
    return dict.size();
  }

  /** {@code listpack} while {@link #compact()}, then {@code skiplist}. */
  @Override
  public String encoding() {
    return compact ? "listpack" : "skiplist";
  }

  /** A copy with the same skiplist shape; member arrays, never changed, are shared. */
  @Override
  public ZSetValue copy() {
    ZSetValue copy = new ZSetValue(seed);
    copy.list.copyOf(list, n -> {
      Node m = new Node(n.key, n.hash, n.score, n.level());
      copy.dict.add(m);
      return m;
    });
    copy.elementBytes = elementBytes;
    copy.compact = compact;
    return copy;
  }

  /** True while Redis would hold this set as a listpack; see the class comment. */
  public boolean compact() {
    return compact;
  }

  public Node get(byte[] member) {
    return dict.get(member);
  }

  /** The node of the member that is the buffer region, found without copying it. */
  public Node get(ByteBuf buf, int index, int length) {
    return dict.get(buf, index, length);
  }

  /** Adds {@code member}, which must be absent; the array is kept, not copied. */
  public Node add(byte[] member, double score) {
    compact = compact && dict.size() < LISTPACK_MAX_ENTRIES && member.length <= LISTPACK_MAX_VALUE;
    Node n = new Node(member, dict.hash(member), stored(score), SkipList.randomLevel());
    list.insert(n);
    dict.add(n);
    elementBytes += n.memory();
    return n;
  }

  /** Gives a member of this set a new score, moving it in the order if needed. */
  public void setScore(Node n, double score) {
    list.updateScore(n, stored(score));
  }

  /** The score as this set keeps it: see the class comment about negative zero. */
  private double stored(double score) {
    return compact && score == 0 ? 0.0 : score;
  }

  /** Removes a member of this set. */
  public void remove(Node n) {
    list.remove(n);
    forget(n);
  }

  private void forget(Node n) {
    dict.remove(n);
    elementBytes -= n.memory();
  }

  /** The 0-based rank of a member of this set, in ascending order. */
  public int rank(Node n) {
    return list.rank(n);
  }

  /** The node at 0-based {@code rank}, or null when out of range. */
  public Node byRank(long rank) {
    return rank < 0 || rank >= dict.size() ? null : list.byRank((int) rank);
  }

  /** The lowest member, or null when empty. */
  public Node first() {
    return list.first();
  }

  /** The highest member, or null when empty. */
  public Node last() {
    return list.last();
  }

  /** The first node in {@code r}, or null when none is. */
  public Node first(Range r) {
    return list.first(r);
  }

  /** The last node in {@code r}, or null when none is. */
  public Node last(Range r) {
    return list.last(r);
  }

  /** Number of members in {@code r}. */
  public int count(Range r) {
    Node first = list.first(r);
    return first == null ? 0 : list.rank(list.last(r)) - list.rank(first) + 1;
  }

  /** Removes the members in {@code r}; returns how many. */
  public int removeRange(Range r) {
    return list.removeRange(r);
  }

  /** Removes the members of 0-based ranks {@code start} to {@code end}, both included and valid. */
  public int removeByRank(int start, int end) {
    return list.removeByRank(start, end);
  }

  /** A random member, or null when empty. */
  public Node random() {
    return dict.randomEntry();
  }

  /** One SCAN step over the members in hash order; see {@link Dict#scan}. */
  public long scan(long cursor, Consumer<? super Node> visitor) {
    return dict.scan(cursor, visitor);
  }
}
