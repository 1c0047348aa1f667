package io.cachefleet.node.command;

import io.cachefleet.node.command.ZRange.Direction;
import io.cachefleet.node.command.ZRange.Type;
import io.cachefleet.node.command.ZSetAlgebra.Op;
import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.ZSetValue;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespNumbers;
import io.cachefleet.protocol.RespWriter;
import io.netty.util.AsciiString;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sorted-set commands, after Redis 7.0's t_zset.c: replies, errors and their order are
 * Redis's.
 *
 * <p>The ZRANGE family lives in {@link ZRange}, the set algebra in {@link ZSetAlgebra}, the pops
 * in {@link ZSetPops}.
 */
final class ZSetCommands implements CommandFamily {

  private static final AsciiString NX = AsciiString.cached("NX");
  private static final AsciiString XX = AsciiString.cached("XX");
  private static final AsciiString GT = AsciiString.cached("GT");
  private static final AsciiString LT = AsciiString.cached("LT");
  private static final AsciiString CH = AsciiString.cached("CH");
  private static final AsciiString INCR = AsciiString.cached("INCR");
  private static final AsciiString WITHSCORES = AsciiString.cached("WITHSCORES");

  private static final RedisError XX_AND_NX = RedisError.err("XX and NX options at the same time are not compatible");
  private static final RedisError GT_LT_NX =
      RedisError.err("GT, LT, and/or NX options at the same time are not compatible");
  private static final RedisError INCR_PAIRS = RedisError.err("INCR option supports a single increment-element pair");
  private static final RedisError NAN_SCORE = RedisError.err("resulting score is not a number (NaN)");
  private static final RedisError COUNT_RANGE = RedisError.err(
      "value is out of range, value must between -9223372036854775807 and 9223372036854775807");
  private static final RedisError OUT_OF_RANGE = RedisError.err("value is out of range");

  /** ZRANDMEMBER picks a distinct sample by elimination above this share of the set, as Redis does. */
  private static final int RANDMEMBER_SUB_STRATEGY_MUL = 3;

  @Override
  public void register(CommandRegistry r) {
    r.bind("zadd", c -> zadd(c, false));
    r.bind("zincrby", c -> zadd(c, true));
    r.bind("zrem", ZSetCommands::zrem);
    r.bind("zcard", ZSetCommands::zcard);
    r.bind("zscore", ZSetCommands::zscore);
    r.bind("zmscore", ZSetCommands::zmscore);
    r.bind("zrank", c -> zrank(c, false));
    r.bind("zrevrank", c -> zrank(c, true));
    r.bind("zcount", c -> zcount(c, false));
    r.bind("zlexcount", c -> zcount(c, true));
    r.bind("zrange", c -> ZRange.run(c, 1, false, Type.AUTO, Direction.AUTO));
    r.bind("zrangestore", c -> ZRange.run(c, 2, true, Type.AUTO, Direction.AUTO));
    r.bind("zrevrange", c -> ZRange.run(c, 1, false, Type.RANK, Direction.REVERSE));
    r.bind("zrangebyscore", c -> ZRange.run(c, 1, false, Type.SCORE, Direction.FORWARD));
    r.bind("zrevrangebyscore", c -> ZRange.run(c, 1, false, Type.SCORE, Direction.REVERSE));
    r.bind("zrangebylex", c -> ZRange.run(c, 1, false, Type.LEX, Direction.FORWARD));
    r.bind("zrevrangebylex", c -> ZRange.run(c, 1, false, Type.LEX, Direction.REVERSE));
    r.bind("zremrangebyrank", c -> zremrange(c, Type.RANK));
    r.bind("zremrangebyscore", c -> zremrange(c, Type.SCORE));
    r.bind("zremrangebylex", c -> zremrange(c, Type.LEX));
    r.bind("zunion", c -> ZSetAlgebra.run(c, 1, Op.UNION, false, false));
    r.bind("zinter", c -> ZSetAlgebra.run(c, 1, Op.INTER, false, false));
    r.bind("zdiff", c -> ZSetAlgebra.run(c, 1, Op.DIFF, false, false));
    r.bind("zunionstore", c -> ZSetAlgebra.run(c, 2, Op.UNION, true, false));
    r.bind("zinterstore", c -> ZSetAlgebra.run(c, 2, Op.INTER, true, false));
    r.bind("zdiffstore", c -> ZSetAlgebra.run(c, 2, Op.DIFF, true, false));
    r.bind("zintercard", c -> ZSetAlgebra.run(c, 1, Op.INTER, false, true));
    r.bind("zpopmin", c -> ZSetPops.zpop(c, false));
    r.bind("zpopmax", c -> ZSetPops.zpop(c, true));
    r.bind("bzpopmin", c -> ZSetPops.bzpop(c, false));
    r.bind("bzpopmax", c -> ZSetPops.bzpop(c, true));
    r.bind("zmpop", c -> ZSetPops.zmpop(c, 1, false));
    r.bind("bzmpop", c -> ZSetPops.zmpop(c, 2, true));
    r.bind("zrandmember", ZSetCommands::zrandmember);
    r.bind("zscan", ZSetCommands::zscan);
  }

  // ---------------------------------------------------------------- shared by the family

  /** A score, increment or weight as Redis's {@code getDoubleFromObjectOrReply} reads it, or {@code error}. */
  static double score(Call c, int i, RedisError error) {
    double d = RespNumbers.parseDoubleOrNaN(c.cmd.content(), c.cmd.argIndex(i), c.cmd.argLength(i));
    if (Double.isNaN(d)) {
      throw error;
    }
    return d;
  }

  /** The node of the member at argument {@code i}, found without copying it; null when absent. */
  static ZSetValue.Node member(Call c, ZSetValue z, int i) {
    RespCommand cmd = c.cmd;
    return z.get(cmd.content(), cmd.argIndex(i), cmd.argLength(i));
  }

  /**
   * Stores a computed set under argument 1 replacing any value and expiry, or deletes that key
   * when the set is null or empty; replies with the set's size (Redis's {@code setKey} or
   * {@code dbDelete} after ZRANGESTORE and the STORE forms of the algebra).
   */
  static void store(Call c, ZSetValue result) {
    if (result == null || result.isEmpty()) {
      KeyEntry old = c.ks().peek(c.cmd, 1);
      if (old != null) {
        c.ks().delete(old);
      }
      c.integer(0);
    } else {
      c.ks().set(c.arg(1), result, false);
      c.integer(result.size());
    }
  }

  /**
   * Replies {@code count} members walked from {@code first}: flat member, score pairs in RESP2,
   * nested [member, score] pairs in RESP3.
   */
  static void reply(Call c, ZSetValue.Node first, long count, boolean reverse, boolean withScores) {
    boolean nested = withScores && c.resp3();
    c.arrayHeader(withScores && !nested ? 2 * count : count);
    ZSetValue.Node n = first;
    for (long i = 0; i < count; i++, n = reverse ? n.prev() : n.next()) {
      if (nested) {
        c.arrayHeader(2);
      }
      c.bulk(n.key());
      if (withScores) {
        c.doubleValue(n.score());
      }
    }
  }

  // ---------------------------------------------------------------- ZADD, ZINCRBY

  /** ZADD and ZINCRBY ({@code zaddGenericCommand}); ZINCRBY is ZADD's INCR without options. */
  private static void zadd(Call c, boolean incr) {
    boolean nx = false;
    boolean xx = false;
    boolean gt = false;
    boolean lt = false;
    boolean ch = false;
    int at = 2;
    for (; at < c.argc(); at++) {
      if (c.argIs(at, NX)) {
        nx = true;
      } else if (c.argIs(at, XX)) {
        xx = true;
      } else if (c.argIs(at, CH)) {
        ch = true;
      } else if (c.argIs(at, INCR)) {
        incr = true;
      } else if (c.argIs(at, GT)) {
        gt = true;
      } else if (c.argIs(at, LT)) {
        lt = true;
      } else {
        break;
      }
    }
    int pairs = c.argc() - at;
    if (pairs == 0 || pairs % 2 != 0) {
      throw RedisError.SYNTAX;
    }
    pairs /= 2;
    if (nx && xx) {
      throw XX_AND_NX;
    }
    if ((gt && nx) || (lt && nx) || (gt && lt)) {
      throw GT_LT_NX;
    }
    if (incr && pairs > 1) {
      throw INCR_PAIRS;
    }
    double[] scores = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      scores[i] = score(c, at + 2 * i, RedisError.NOT_A_FLOAT);
    }

    KeyEntry e = c.lookupWrite(1);
    ZSetValue z;
    if (e != null) {
      z = e.as(ZSetValue.class);
    } else if (xx) {
      if (incr) {
        c.nullBulk();
      } else {
        c.integer(0);
      }
      return;
    } else {
      z = new ZSetValue(c.ks().seed());
    }

    int added = 0;
    int updated = 0;
    int processed = 0;
    double score = 0;
    for (int i = 0; i < pairs; i++) {
      int memberArg = at + 2 * i + 1;
      ZSetValue.Node n = member(c, z, memberArg);
      if (n == null) {
        if (xx) {
          continue;
        }
        score = scores[i];
        z.add(c.arg(memberArg), score);
        added++;
        processed++;
        continue;
      }
      if (nx) {
        continue;
      }
      double current = n.score();
      score = incr ? scores[i] + current : scores[i];
      if (Double.isNaN(score)) {
        throw NAN_SCORE; // only INCR gets here, with a single pair: nothing has changed
      }
      if ((lt && score >= current) || (gt && score <= current)) {
        continue;
      }
      if (score != current) {
        z.setScore(n, score);
        updated++;
      }
      processed++;
    }

    if (e == null) {
      c.ks().add(c.arg(1), z);
    } else if (added + updated > 0) {
      c.ks().modified(e);
    }
    if (!incr) {
      c.integer(ch ? added + updated : added);
    } else if (processed > 0) {
      c.doubleValue(score);
    } else {
      c.nullBulk();
    }
  }

  // ---------------------------------------------------------------- single-key reads and removals

  private static void zrem(Call c) {
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    ZSetValue z = e.as(ZSetValue.class);
    int deleted = 0;
    for (int i = 2; i < c.argc() && !z.isEmpty(); i++) {
      ZSetValue.Node n = member(c, z, i);
      if (n != null) {
        z.remove(n);
        deleted++;
      }
    }
    if (deleted > 0) {
      c.ks().modified(e);
      c.ks().deleteIfEmpty(e);
    }
    c.integer(deleted);
  }

  private static void zcard(Call c) {
    KeyEntry e = c.lookupRead(1);
    c.integer(e == null ? 0 : e.as(ZSetValue.class).size());
  }

  private static void zscore(Call c) {
    KeyEntry e = c.lookupRead(1);
    ZSetValue.Node n = e == null ? null : member(c, e.as(ZSetValue.class), 2);
    if (n == null) {
      c.nullBulk();
    } else {
      c.doubleValue(n.score());
    }
  }

  private static void zmscore(Call c) {
    KeyEntry e = c.lookupRead(1);
    ZSetValue z = e == null ? null : e.as(ZSetValue.class);
    c.arrayHeader(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      ZSetValue.Node n = z == null ? null : member(c, z, i);
      if (n == null) {
        c.nullBulk();
      } else {
        c.doubleValue(n.score());
      }
    }
  }

  private static void zrank(Call c, boolean reverse) {
    KeyEntry e = c.lookupRead(1);
    if (e == null) {
      c.nullBulk();
      return;
    }
    ZSetValue z = e.as(ZSetValue.class);
    ZSetValue.Node n = member(c, z, 2);
    if (n == null) {
      c.nullBulk();
      return;
    }
    int rank = z.rank(n);
    c.integer(reverse ? z.size() - 1 - rank : rank);
  }

  /** ZCOUNT, or ZLEXCOUNT when {@code lex}. */
  private static void zcount(Call c, boolean lex) {
    ZRangeSpec range = lex ? ZRangeSpec.byLex(c.cmd, 2, 3) : ZRangeSpec.byScore(c.cmd, 2, 3);
    KeyEntry e = c.lookupRead(1);
    c.integer(e == null ? 0 : e.as(ZSetValue.class).count(range));
  }

  /** ZREMRANGEBYRANK, ZREMRANGEBYSCORE or ZREMRANGEBYLEX ({@code zremrangeGenericCommand}). */
  private static void zremrange(Call c, Type type) {
    long start = 0;
    long end = 0;
    ZRangeSpec range = null;
    switch (type) {
      case SCORE -> range = ZRangeSpec.byScore(c.cmd, 2, 3);
      case LEX -> range = ZRangeSpec.byLex(c.cmd, 2, 3);
      default -> {
        start = c.argLong(2);
        end = c.argLong(3);
      }
    }
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    ZSetValue z = e.as(ZSetValue.class);
    int removed;
    if (range != null) {
      removed = z.removeRange(range);
    } else {
      int first = Ranks.first(start, z.size());
      int last = Ranks.last(end, z.size());
      removed = first > last ? 0 : z.removeByRank(first, last);
    }
    if (removed > 0) {
      c.ks().modified(e);
      c.ks().deleteIfEmpty(e);
    }
    c.integer(removed);
  }

  // ---------------------------------------------------------------- ZRANDMEMBER, ZSCAN

  private static void zrandmember(Call c) {
    if (c.argc() < 3) {
      KeyEntry e = c.lookupRead(1);
      if (e == null) {
        c.nullBulk();
      } else {
        c.bulk(e.as(ZSetValue.class).random().key());
      }
      return;
    }
    long count = c.argLong(2);
    if (count == Long.MIN_VALUE) {
      throw COUNT_RANGE;
    }
    if (c.argc() > 4 || (c.argc() == 4 && !c.argIs(3, WITHSCORES))) {
      throw RedisError.SYNTAX;
    }
    boolean withScores = c.argc() == 4;
    if (withScores && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
      throw OUT_OF_RANGE;
    }
    KeyEntry e = c.lookupRead(1);
    if (e == null) {
      c.arrayHeader(0);
      return;
    }
    randomMembers(c, e.as(ZSetValue.class), count, withScores);
  }

  /**
   * ZRANDMEMBER with a count ({@code zrandmemberWithCountCommand}): a negative count samples with
   * repetition; a count covering the set replies it whole, highest first, as Redis's iterator
   * walks it; a smaller count samples distinct members, by elimination from a copy when it asks
   * for more than a third of the set, else by drawing until enough distinct ones came up.
   */
  private static void randomMembers(Call c, ZSetValue z, long count, boolean withScores) {
    if (count == 0) {
      c.arrayHeader(0);
      return;
    }
    boolean nested = withScores && c.resp3();
    int size = z.size();
    if (count < 0 || count == 1) {
      count = Math.abs(count);
      c.arrayHeader(withScores && !nested ? 2 * count : count);
      for (long i = 0; i < count; i++) {
        emit(c, z.random(), withScores, nested);
      }
      return;
    }
    if (count >= size) {
      reply(c, z.last(), size, true, withScores);
      return;
    }
    int n = (int) count;
    c.arrayHeader(withScores && !nested ? 2L * n : n);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if ((long) n * RANDMEMBER_SUB_STRATEGY_MUL > size) {
      ZSetValue.Node[] all = new ZSetValue.Node[size];
      int i = 0;
      for (ZSetValue.Node node = z.first(); node != null; node = node.next()) {
        all[i++] = node;
      }
      for (i = 0; i < n; i++) {
        int j = i + random.nextInt(size - i);
        ZSetValue.Node picked = all[j];
        all[j] = all[i];
        emit(c, picked, withScores, nested);
      }
      return;
    }
    Set<ZSetValue.Node> picked = new HashSet<>();
    while (picked.size() < n) {
      ZSetValue.Node node = z.random();
      if (picked.add(node)) {
        emit(c, node, withScores, nested);
      }
    }
  }

  private static void emit(Call c, ZSetValue.Node n, boolean withScores, boolean nested) {
    if (nested) {
      c.arrayHeader(2);
    }
    c.bulk(n.key());
    if (withScores) {
      c.doubleValue(n.score());
    }
  }

  /** ZSCAN: a compact set whole and in order, as Redis scans a listpack; else a dict step. */
  private static void zscan(Call c) {
    long cursor = ScanArgs.parseCursor(c, 2);
    KeyEntry e = c.lookupRead(1);
    if (e == null) {
      ScanArgs.replyEmpty(c);
      return;
    }
    ZSetValue z = e.as(ZSetValue.class);
    ScanArgs.Scanner<ZSetValue.Node> scanner = z.compact() ? (from, visitor) -> {
      for (ZSetValue.Node n = z.first(); n != null; n = n.next()) {
        visitor.accept(n);
      }
      return 0;
    } : z::scan;
    ScanArgs.parse(c, 3, false).reply(c, cursor, scanner, 2, z.compact(), n -> {
      c.bulk(n.key());
      c.bulk(RespWriter.formatDouble(n.score()));
    });
  }
}
