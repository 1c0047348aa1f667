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
 * skiplist node, so each member costs one node (with its first four levels in fields) and the
 * member bytes.
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
    /**
     * Levels whose links live in fields: all of a node's but for one node in 256. A descent then
     * reads each link from the node it stands on, one memory access per step as in Redis's
     * {@code zskiplistNode}, where links in arrays cost a second; and a node of up to four levels
     * takes 80 bytes, 16 to 32 fewer than with two arrays.
     */
    static final int INLINE_LEVELS = 4;

    double score;
    Node backward;
    private Node f0;
    private Node f1;
    private Node f2;
    private Node f3;
    /** Nodes each forward link passes over, counting the node it lands on. */
    private int s0;
    private int s1;
    private int s2;
    private int s3;
    private final byte level;
    /** Links and spans of the levels above {@link #INLINE_LEVELS}, or null. */
    private final Node[] forwardAbove;
    private final int[] spanAbove;

    Node(byte[] member, int hash, double score, int level) {
      super(member, hash);
      this.score = score;
      this.level = (byte) level;
      if (level > INLINE_LEVELS) {
        forwardAbove = new Node[level - INLINE_LEVELS];
        spanAbove = new int[level - INLINE_LEVELS];
      } else {
        forwardAbove = null;
        spanAbove = null;
      }
    }

    public double score() {
      return score;
    }

    /** The next node in order, or null after the last. */
    public Node next() {
      return f0;
    }

    /** The previous node in order, or null before the first. */
    public Node prev() {
      return backward;
    }

    int level() {
      return level;
    }

    /** The next node at level {@code i}, below {@link #level()}. */
    Node forward(int i) {
      return switch (i) {
        case 0 -> f0;
        case 1 -> f1;
        case 2 -> f2;
        case 3 -> f3;
        default -> forwardAbove[i - INLINE_LEVELS];
      };
    }

    void forward(int i, Node n) {
      switch (i) {
        case 0 -> f0 = n;
        case 1 -> f1 = n;
        case 2 -> f2 = n;
        case 3 -> f3 = n;
        default -> forwardAbove[i - INLINE_LEVELS] = n;
      }
    }

    /** The span of the link at level {@code i}. */
    int span(int i) {
      return switch (i) {
        case 0 -> s0;
        case 1 -> s1;
        case 2 -> s2;
        case 3 -> s3;
        default -> spanAbove[i - INLINE_LEVELS];
      };
    }

    void span(int i, int span) {
      switch (i) {
        case 0 -> s0 = span;
        case 1 -> s1 = span;
        case 2 -> s2 = span;
        case 3 -> s3 = span;
        default -> spanAbove[i - INLINE_LEVELS] = span;
      }
    }

    /** Bytes of this node, its level arrays and its member. */
    long memory() {
      long above = forwardAbove == null ? 0
          : Memory.refArray(forwardAbove.length) + Memory.align(16L + 4L * spanAbove.length);
      return NODE + above + Memory.array(key.length);
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
   * callback (16) and its header node, which has every level (80 + 128 + 128).
   */
  static final long OVERHEAD = 448;

  /**
   * A {@link Node}: header, key, hash, next, score, backward, four links, four spans, level and
   * the two references to the levels above.
   */
  static final long NODE = Memory.align(12 + 4 + 4 + 4 + 8 + 4 + 4 * 4 + 4 * 4 + 1 + 4 + 4);

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
