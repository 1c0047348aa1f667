package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.ZSetValue;
import io.cachefleet.protocol.RedisError;
import io.netty.util.AsciiString;

/**
 * ZRANGE and the commands it generalises (ZRANGESTORE, ZREVRANGE, ZRANGEBYSCORE,
 * ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX), as Redis 7.0's {@code zrangeGenericCommand}:
 * the options are read first, then the range, then the key, so that argument errors win over
 * WRONGTYPE and over a missing key.
 *
 * <p>The reply length is known before anything is written: the ends of a score or lex range are
 * found by descending the skiplist and their ranks give the count, so LIMIT's offset is a rank
 * jump rather than a walk.
 */
final class ZRange {

  /** How the min and max arguments are read; AUTO until an option or the command decides. */
  enum Type { AUTO, RANK, SCORE, LEX }

  /** The walk's direction; AUTO until the REV option or the command decides. */
  enum Direction { AUTO, FORWARD, REVERSE }

  private static final AsciiString WITHSCORES = AsciiString.cached("WITHSCORES");
  private static final AsciiString LIMIT = AsciiString.cached("LIMIT");
  private static final AsciiString REV = AsciiString.cached("REV");
  private static final AsciiString BYSCORE = AsciiString.cached("BYSCORE");
  private static final AsciiString BYLEX = AsciiString.cached("BYLEX");

  private static final RedisError LIMIT_NEEDS_RANGE =
      RedisError.err("syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
  private static final RedisError WITHSCORES_BY_LEX =
      RedisError.err("syntax error, WITHSCORES not supported in combination with BYLEX");

  private ZRange() {}

  /**
   * Runs one command of the family.
   *
   * @param src the source key's argument; min and max follow it, then the options
   * @param store true for ZRANGESTORE, whose destination is argument 1
   * @param type the range type the command fixes, or AUTO to take BYSCORE/BYLEX options
   * @param direction the direction the command fixes, or AUTO to take the REV option
   */
  static void run(Call c, int src, boolean store, Type type, Direction direction) {
    boolean withScores = false;
    long offset = 0;
    long limit = -1;
    for (int j = src + 3; j < c.argc(); j++) {
      int left = c.argc() - j - 1;
      if (!store && c.argIs(j, WITHSCORES)) {
        withScores = true;
      } else if (c.argIs(j, LIMIT) && left >= 2) {
        offset = c.argLong(j + 1);
        limit = c.argLong(j + 2);
        j += 2;
      } else if (direction == Direction.AUTO && c.argIs(j, REV)) {
        direction = Direction.REVERSE;
      } else if (type == Type.AUTO && c.argIs(j, BYLEX)) {
        type = Type.LEX;
      } else if (type == Type.AUTO && c.argIs(j, BYSCORE)) {
        type = Type.SCORE;
      } else {
        throw RedisError.SYNTAX;
      }
    }
    if (type == Type.AUTO) {
      type = Type.RANK;
    }
    boolean rev = direction == Direction.REVERSE;
    if (limit != -1 && type == Type.RANK) {
      throw LIMIT_NEEDS_RANGE;
    }
    if (withScores && type == Type.LEX) {
      throw WITHSCORES_BY_LEX;
    }
    int min = src + 1;
    int max = src + 2;
    if (rev && type != Type.RANK) {
      min = src + 2; // the range is given as max, min
      max = src + 1;
    }
    long start = 0;
    long end = 0;
    ZRangeSpec range = null;
    switch (type) {
      case SCORE -> range = ZRangeSpec.byScore(c.cmd, min, max);
      case LEX -> range = ZRangeSpec.byLex(c.cmd, min, max);
      default -> {
        start = c.argLong(min);
        end = c.argLong(max);
      }
    }

    KeyEntry e = c.lookupRead(src);
    if (e == null) {
      if (store) {
        ZSetCommands.store(c, null);
      } else {
        c.arrayHeader(0);
      }
      return;
    }
    ZSetValue z = e.as(ZSetValue.class);
    Selection s = range == null ? byRank(z, start, end, rev) : byRange(z, range, offset, limit, rev);
    if (store) {
      ZSetValue result = new ZSetValue(c.ks().seed(), range == null ? s.count : 0, 0);
      ZSetValue.Node n = s.first;
      for (long i = 0; i < s.count; i++, n = rev ? n.prev() : n.next()) {
        result.add(n.key(), n.score());
      }
      ZSetCommands.store(c, result);
    } else {
      ZSetCommands.reply(c, s.first, s.count, rev, withScores);
    }
  }

  /** The members a range selects: {@code count} nodes from {@code first}, in the walk's direction. */
  private static final class Selection {
    static final Selection EMPTY = new Selection(null, 0);

    final ZSetValue.Node first;
    final long count;

    Selection(ZSetValue.Node first, long count) {
      this.first = first;
      this.count = count;
    }
  }

  /** Ranks {@code start..end}, negative ones counted from the end, clamped as Redis clamps them. */
  private static Selection byRank(ZSetValue z, long start, long end, boolean rev) {
    int size = z.size();
    int first = Ranks.first(start, size);
    int last = Ranks.last(end, size);
    if (first > last) {
      return Selection.EMPTY;
    }
    return new Selection(z.byRank(rev ? size - 1 - first : first), last - first + 1);
  }

  /**
   * The members of {@code range} in the walk's direction, skipping {@code offset} and taking at
   * most {@code limit} (all when negative). A negative offset selects nothing, as in Redis.
   */
  private static Selection byRange(ZSetValue z, ZRangeSpec range, long offset, long limit, boolean rev) {
    ZSetValue.Node from = rev ? z.last(range) : z.first(range);
    if (from == null || offset < 0) {
      return Selection.EMPTY;
    }
    ZSetValue.Node to = rev ? z.first(range) : z.last(range);
    int fromRank = z.rank(from);
    long available = Math.abs(fromRank - z.rank(to)) + 1 - offset;
    if (available <= 0) {
      return Selection.EMPTY;
    }
    long count = limit < 0 ? available : Math.min(limit, available);
    if (offset > 0) {
      from = z.byRank(rev ? fromRank - offset : fromRank + offset);
    }
    return new Selection(from, count);
  }
}
