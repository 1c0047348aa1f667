package io.cachefleet.node.command;

import io.cachefleet.node.store.ZSetValue;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespNumbers;
import java.util.Arrays;

/**
 * A score or lex interval of a sorted set, parsed from two arguments as Redis's
 * {@code zslParseRange} and {@code zslParseLexRange} parse them (t_zset.c).
 *
 * <p>Score bounds are numbers, {@code (} making one exclusive; {@code -inf} and {@code +inf}
 * are numbers too. Lex bounds are {@code [member} (inclusive), {@code (member} (exclusive),
 * {@code -} (below everything) or {@code +} (above everything). Lex intervals assume every
 * member has the same score, as Redis documents; otherwise which members they find is undefined.
 */
abstract class ZRangeSpec implements ZSetValue.Range {

  static final RedisError NOT_A_FLOAT = RedisError.err("min or max is not a float");
  static final RedisError NOT_A_LEX_ITEM = RedisError.err("min or max not valid string range item");

  /** Parses a score interval from arguments {@code min} and {@code max}. */
  static ZRangeSpec byScore(RespCommand cmd, int min, int max) {
    ByScore r = new ByScore();
    r.minEx = startsWithParen(cmd, min);
    r.maxEx = startsWithParen(cmd, max);
    r.min = bound(cmd, min, r.minEx);
    r.max = bound(cmd, max, r.maxEx);
    return r;
  }

  /** Parses a lex interval from arguments {@code min} and {@code max}. */
  static ZRangeSpec byLex(RespCommand cmd, int min, int max) {
    ByLex r = new ByLex();
    r.min = lexBound(cmd, min);
    r.minEx = cmd.argLength(min) > 0 && cmd.content().getByte(cmd.argIndex(min)) != '[';
    r.max = lexBound(cmd, max);
    r.maxEx = cmd.argLength(max) > 0 && cmd.content().getByte(cmd.argIndex(max)) != '[';
    return r;
  }

  private static boolean startsWithParen(RespCommand cmd, int i) {
    return cmd.argLength(i) > 0 && cmd.content().getByte(cmd.argIndex(i)) == '(';
  }

  private static double bound(RespCommand cmd, int i, boolean exclusive) {
    int skip = exclusive ? 1 : 0;
    double d = RespNumbers.parseDoubleLenientOrNaN(cmd.content(), cmd.argIndex(i) + skip, cmd.argLength(i) - skip);
    if (Double.isNaN(d)) {
      throw NOT_A_FLOAT;
    }
    return d;
  }

  private static byte[] lexBound(RespCommand cmd, int i) {
    int length = cmd.argLength(i);
    byte first = length == 0 ? 0 : cmd.content().getByte(cmd.argIndex(i));
    switch (first) {
      case '+', '-' -> {
        if (length != 1) {
          throw NOT_A_LEX_ITEM;
        }
        return first == '+' ? ByLex.MAX : ByLex.MIN;
      }
      case '(', '[' -> {
        byte[] value = new byte[length - 1];
        cmd.content().getBytes(cmd.argIndex(i) + 1, value);
        return value;
      }
      default -> throw NOT_A_LEX_ITEM;
    }
  }

  /** {@code min <= score <= max}, either end possibly exclusive. */
  static final class ByScore extends ZRangeSpec {
    double min;
    double max;
    boolean minEx;
    boolean maxEx;

    @Override
    public boolean beforeStart(ZSetValue.Node n) {
      return minEx ? n.score() <= min : n.score() < min;
    }

    @Override
    public boolean afterEnd(ZSetValue.Node n) {
      return maxEx ? n.score() >= max : n.score() > max;
    }
  }

  /** {@code min <= member <= max} by unsigned byte order, either end possibly exclusive. */
  static final class ByLex extends ZRangeSpec {
    /** {@code -}: sorts before every member; told apart from members by identity. */
    static final byte[] MIN = new byte[0];
    /** {@code +}: sorts after every member; told apart from members by identity. */
    static final byte[] MAX = new byte[0];

    byte[] min;
    byte[] max;
    boolean minEx;
    boolean maxEx;

    /** Redis's {@code sdscmplex}: member bytes against a bound that may be {@code -} or {@code +}. */
    private static int compare(byte[] member, byte[] bound) {
      if (bound == MIN) {
        return 1;
      }
      if (bound == MAX) {
        return -1;
      }
      return Arrays.compareUnsigned(member, bound);
    }

    @Override
    public boolean beforeStart(ZSetValue.Node n) {
      int cmp = compare(n.key(), min);
      return minEx ? cmp <= 0 : cmp < 0;
    }

    @Override
    public boolean afterEnd(ZSetValue.Node n) {
      int cmp = compare(n.key(), max);
      return maxEx ? cmp >= 0 : cmp > 0;
    }
  }
}
