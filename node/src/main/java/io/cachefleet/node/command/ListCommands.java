package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.ListValue;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespWriter;
import io.netty.util.AsciiString;
import java.util.Arrays;

/**
 * The list commands, as Redis 7.0's {@code t_list.c}: argument errors first, in Redis's order,
 * then the key's type, then the change; a list that becomes empty is deleted.
 *
 * <p>The blocking commands (BLPOP, BRPOP, BLMPOP, BLMOVE, BRPOPLPUSH) pop at once when they can.
 * Otherwise they park the client with {@link Call#block}, or inside MULTI answer as on timeout;
 * {@link Blocking} runs the command again ({@link Call#retry}) when a list appears under one of
 * its keys, serving it from the key that became ready, as Redis 7.0 does. A retry passes over a
 * key that now holds another type, where Redis keeps the client blocked rather than failing it.
 */
final class ListCommands implements CommandFamily {

  private static final AsciiString LEFT = AsciiString.of("LEFT");
  private static final AsciiString RIGHT = AsciiString.of("RIGHT");
  private static final AsciiString BEFORE = AsciiString.of("BEFORE");
  private static final AsciiString AFTER = AsciiString.of("AFTER");
  private static final AsciiString RANK = AsciiString.of("RANK");
  private static final AsciiString COUNT = AsciiString.of("COUNT");
  private static final AsciiString MAXLEN = AsciiString.of("MAXLEN");

  private static final RedisError RANK_ZERO = RedisError.err("RANK can't be zero: use 1 to start from the first "
      + "match, 2 from the second ... or use negative to start from the end of the list");
  private static final RedisError COUNT_NEGATIVE = RedisError.err("COUNT can't be negative");
  private static final RedisError MAXLEN_NEGATIVE = RedisError.err("MAXLEN can't be negative");
  private static final RedisError NUMKEYS = RedisError.err("numkeys should be greater than 0");
  private static final RedisError COUNT_NOT_POSITIVE = RedisError.err("count should be greater than 0");

  @Override
  public void register(CommandRegistry r) {
    r.bind("lpush", c -> push(c, true, false));
    r.bind("rpush", c -> push(c, false, false));
    r.bind("lpushx", c -> push(c, true, true));
    r.bind("rpushx", c -> push(c, false, true));
    r.bind("lpop", c -> pop(c, true));
    r.bind("rpop", c -> pop(c, false));
    r.bind("llen", this::llen);
    r.bind("lindex", this::lindex);
    r.bind("lset", this::lset);
    r.bind("lrange", this::lrange);
    r.bind("ltrim", this::ltrim);
    r.bind("lrem", this::lrem);
    r.bind("linsert", this::linsert);
    r.bind("lpos", this::lpos);
    r.bind("lmove", this::lmove);
    r.bind("rpoplpush", c -> move(c, false, true));
    r.bind("lmpop", c -> mpop(c, 1, false));
    r.bind("blpop", c -> blockingPop(c, true));
    r.bind("brpop", c -> blockingPop(c, false));
    r.bind("blmove", this::blmove);
    r.bind("brpoplpush", this::brpoplpush);
    r.bind("blmpop", c -> mpop(c, 2, true));
  }

  // ---------------------------------------------------------------- push and pop

  private void push(Call c, boolean left, boolean onlyIfExists) {
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      if (onlyIfExists) {
        c.integer(0);
        return;
      }
      ListValue list = new ListValue();
      pushAll(c, list, left);
      c.ks().add(c.arg(1), list);
      c.integer(list.size());
      return;
    }
    ListValue list = e.as(ListValue.class);
    pushAll(c, list, left);
    c.ks().modified(e);
    c.integer(list.size());
  }

  private static void pushAll(Call c, ListValue list, boolean left) {
    for (int i = 2; i < c.argc(); i++) {
      push(list, c.arg(i), left);
    }
  }

  /** LPOP/RPOP key [count]: a bulk string without count; with count an array, null for no key. */
  private void pop(Call c, boolean left) {
    if (c.argc() > 3) {
      throw RedisError.err("wrong number of arguments for '" + c.spec.fullName() + "' command");
    }
    long count = -1;
    if (c.argc() == 3) {
      count = c.argLong(2, RedisError.NOT_POSITIVE);
      if (count < 0) {
        throw RedisError.NOT_POSITIVE;
      }
    }
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      if (count < 0) {
        c.nullBulk();
      } else {
        c.nullArray();
      }
      return;
    }
    ListValue list = e.as(ListValue.class);
    if (count < 0) {
      c.bulk(pop(list, left));
    } else if (count == 0) {
      c.arrayHeader(0);
      return;
    } else {
      popRange(c, list, left, count);
    }
    removed(c, e);
  }

  /** [B]LMPOP: numkeys key [key ...] LEFT|RIGHT [COUNT count], replying [key, [elements]]. */
  private void mpop(Call c, int numkeysArg, boolean blocking) {
    long numkeys = c.argLong(numkeysArg, NUMKEYS);
    if (numkeys <= 0) {
      throw NUMKEYS;
    }
    if (numkeys > c.argc() - numkeysArg - 2) {
      throw RedisError.SYNTAX;
    }
    int firstKey = numkeysArg + 1;
    int endArg = firstKey + (int) numkeys;
    boolean left = end(c, endArg);
    long count = -1;
    for (int j = endArg + 1; j < c.argc(); j++) {
      if (count == -1 && c.argIs(j, COUNT) && j + 1 < c.argc()) {
        count = c.argLong(++j, COUNT_NOT_POSITIVE);
        if (count <= 0) {
          throw COUNT_NOT_POSITIVE;
        }
      } else {
        throw RedisError.SYNTAX;
      }
    }
    long deadline = blocking ? c.argTimeoutDeadline(1) : 0;
    for (int i = firstKey; i < endArg; i++) {
      KeyEntry e = c.lookupWrite(i);
      ListValue list = poppable(c, e);
      if (list != null) {
        c.arrayHeader(2);
        bulkArg(c, i);
        popRange(c, list, left, count < 0 ? 1 : count);
        removed(c, e);
        return;
      }
    }
    if (!blocking || !c.mayBlock) {
      c.nullArray();
      return;
    }
    c.block(keys(c, firstKey, endArg), deadline);
  }

  /** BLPOP/BRPOP key [key ...] timeout, replying [key, element]. */
  private void blockingPop(Call c, boolean left) {
    int timeoutArg = c.argc() - 1;
    long deadline = c.argTimeoutDeadline(timeoutArg);
    for (int i = 1; i < timeoutArg; i++) {
      KeyEntry e = c.lookupWrite(i);
      ListValue list = poppable(c, e);
      if (list != null) {
        c.arrayHeader(2);
        bulkArg(c, i);
        c.bulk(pop(list, left));
        removed(c, e);
        return;
      }
    }
    if (!c.mayBlock) {
      c.nullArray();
      return;
    }
    c.block(keys(c, 1, timeoutArg), deadline);
  }

  /**
   * The non-empty list under {@code e} to pop from, or null to go on to the next key. Throws
   * WRONGTYPE for another type, except on a retry.
   */
  private static ListValue poppable(Call c, KeyEntry e) {
    if (e == null || c.retry && (!(e.value() instanceof ListValue) || !c.mayServeFrom(e.key()))) {
      return null;
    }
    ListValue list = e.as(ListValue.class);
    return list.isEmpty() ? null : list;
  }

  /** Pops up to {@code count} elements, replying them as an array. */
  private static void popRange(Call c, ListValue list, boolean left, long count) {
    int n = (int) Math.min(count, list.size());
    c.arrayHeader(n);
    for (int i = 0; i < n; i++) {
      c.bulk(pop(list, left));
    }
  }

  // ---------------------------------------------------------------- moves

  private void lmove(Call c) {
    boolean fromLeft = end(c, 3);
    boolean toLeft = end(c, 4);
    move(c, fromLeft, toLeft);
  }

  /** LMOVE and RPOPLPUSH: the moved element, or a null bulk when the source does not exist. */
  private void move(Call c, boolean fromLeft, boolean toLeft) {
    KeyEntry src = c.lookupWrite(1);
    if (src == null) {
      c.nullBulk();
      return;
    }
    move(c, src, src.as(ListValue.class), fromLeft, toLeft);
  }

  private void blmove(Call c) {
    boolean fromLeft = end(c, 3);
    boolean toLeft = end(c, 4);
    blockingMove(c, fromLeft, toLeft, c.argTimeoutDeadline(5));
  }

  private void brpoplpush(Call c) {
    blockingMove(c, false, true, c.argTimeoutDeadline(3));
  }

  /**
   * BLMOVE and BRPOPLPUSH. Redis 7.0 answers a null bulk inside MULTI but a null array on
   * timeout (the engine's timeout reply).
   */
  private void blockingMove(Call c, boolean fromLeft, boolean toLeft, long deadline) {
    KeyEntry src = c.lookupWrite(1);
    ListValue list = poppable(c, src);
    if (list != null) {
      move(c, src, list, fromLeft, toLeft);
      return;
    }
    if (!c.mayBlock) {
      c.nullBulk();
      return;
    }
    c.block(keys(c, 1, 2), deadline);
  }

  /** Moves one element from {@code from} (the list under {@code src}) to the key in argument 2. */
  private static void move(Call c, KeyEntry src, ListValue from, boolean fromLeft, boolean toLeft) {
    KeyEntry dst = c.lookupWrite(2);
    ListValue to = dst == null ? null : dst.as(ListValue.class);
    byte[] element = pop(from, fromLeft);
    if (to == null) {
      to = new ListValue();
      push(to, element, toLeft);
      c.ks().add(c.arg(2), to);
    } else {
      push(to, element, toLeft);
      if (dst != src) {
        c.ks().modified(dst);
      }
    }
    removed(c, src);
    c.bulk(element);
  }

  // ---------------------------------------------------------------- access by index

  private void llen(Call c) {
    KeyEntry e = c.lookupRead(1);
    c.integer(e == null ? 0 : e.as(ListValue.class).size());
  }

  private void lindex(Call c) {
    KeyEntry e = c.lookupRead(1);
    if (e == null) {
      c.nullBulk();
      return;
    }
    ListValue list = e.as(ListValue.class);
    int index = Ranks.index(c.argLong(2), list.size());
    c.bulkOrNull(index < 0 ? null : list.get(index));
  }

  private void lset(Call c) {
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      throw RedisError.NO_SUCH_KEY;
    }
    ListValue list = e.as(ListValue.class);
    int index = Ranks.index(c.argLong(2), list.size());
    if (index < 0) {
      throw RedisError.OUT_OF_RANGE;
    }
    list.set(index, c.arg(3));
    c.ks().modified(e);
    c.ok();
  }

  private void lrange(Call c) {
    long start = c.argLong(2);
    long stop = c.argLong(3);
    KeyEntry e = c.lookupRead(1);
    if (e == null) {
      c.arrayHeader(0);
      return;
    }
    ListValue list = e.as(ListValue.class);
    int first = Ranks.first(start, list.size());
    int last = Ranks.last(stop, list.size());
    c.arrayHeader(Math.max(0, last - first + 1));
    for (int i = first; i <= last; i++) {
      c.bulk(list.get(i));
    }
  }

  /** LTRIM: keeps the range; Redis reports the key modified even when nothing was removed. */
  private void ltrim(Call c) {
    long start = c.argLong(2);
    long stop = c.argLong(3);
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.ok();
      return;
    }
    ListValue list = e.as(ListValue.class);
    int size = list.size();
    int first = Ranks.first(start, size);
    int last = Ranks.last(stop, size);
    if (first > last) {
      list.removeFirst(size);
    } else {
      list.removeLast(size - 1 - last);
      list.removeFirst(first);
    }
    removed(c, e);
    c.ok();
  }

  // ---------------------------------------------------------------- search

  private void lrem(Call c) {
    long count = c.argLong(2);
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    int gone = e.as(ListValue.class).removeMatching(c.arg(3), count);
    if (gone > 0) {
      removed(c, e);
    }
    c.integer(gone);
  }

  /** LINSERT: the new length, 0 without the key, -1 without the pivot. */
  private void linsert(Call c) {
    boolean after;
    if (c.argIs(2, AFTER)) {
      after = true;
    } else if (c.argIs(2, BEFORE)) {
      after = false;
    } else {
      throw RedisError.SYNTAX;
    }
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    ListValue list = e.as(ListValue.class);
    int pivot = list.indexOf(c.arg(3));
    if (pivot < 0) {
      c.integer(-1);
      return;
    }
    list.insert(after ? pivot + 1 : pivot, c.arg(4));
    c.ks().modified(e);
    c.integer(list.size());
  }

  /**
   * LPOS key element [RANK rank] [COUNT n] [MAXLEN len]: the index of the rank-th match, scanning
   * from the tail for a negative rank, at most {@code len} elements; with COUNT an array of up to
   * {@code n} indexes (0: all).
   */
  private void lpos(Call c) {
    long rank = 1;
    long count = -1;
    long maxlen = 0;
    for (int j = 3; j < c.argc(); j++) {
      boolean hasValue = j + 1 < c.argc();
      if (hasValue && c.argIs(j, RANK)) {
        rank = c.argLong(++j);
        if (rank == 0) {
          throw RANK_ZERO;
        }
      } else if (hasValue && c.argIs(j, COUNT)) {
        count = c.argLong(++j, COUNT_NEGATIVE);
        if (count < 0) {
          throw COUNT_NEGATIVE;
        }
      } else if (hasValue && c.argIs(j, MAXLEN)) {
        maxlen = c.argLong(++j, MAXLEN_NEGATIVE);
        if (maxlen < 0) {
          throw MAXLEN_NEGATIVE;
        }
      } else {
        throw RedisError.SYNTAX;
      }
    }
    KeyEntry e = c.lookupRead(1);
    if (e == null) {
      if (count < 0) {
        c.nullBulk();
      } else {
        c.arrayHeader(0);
      }
      return;
    }
    positions(c, e.as(ListValue.class), c.arg(2), rank, count, maxlen);
  }

  /** LPOS's scan: count -1 replies one index or null, otherwise an array of up to count (0: all). */
  private static void positions(Call c, ListValue list, byte[] element, long rank, long count, long maxlen) {
    boolean fromTail = rank < 0;
    if (fromTail) {
      rank = -rank; // Long.MIN_VALUE stays negative and so matches at once, as in Redis
    }
    int size = list.size();
    long scan = maxlen == 0 ? size : Math.min(maxlen, size);
    int[] found = count < 0 ? null : new int[(int) Math.min(Math.max(count, 1), 16)];
    int nFound = 0;
    long matches = 0;
    for (int k = 0; k < scan; k++) {
      int index = fromTail ? size - 1 - k : k;
      if (Arrays.equals(list.get(index), element) && ++matches >= rank) {
        if (found == null) {
          c.integer(index);
          return;
        }
        if (nFound == found.length) {
          found = Arrays.copyOf(found, found.length * 2);
        }
        found[nFound++] = index;
        if (nFound == count) {
          break;
        }
      }
    }
    if (found == null) {
      c.nullBulk();
      return;
    }
    c.arrayHeader(nFound);
    for (int i = 0; i < nFound; i++) {
      c.integer(found[i]);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** LEFT or RIGHT, as Redis's {@code getListPositionFromObjectOrReply}; true for LEFT. */
  private static boolean end(Call c, int arg) {
    if (c.argIs(arg, LEFT)) {
      return true;
    }
    if (c.argIs(arg, RIGHT)) {
      return false;
    }
    throw RedisError.SYNTAX;
  }

  private static void push(ListValue list, byte[] element, boolean left) {
    if (left) {
      list.pushFirst(element);
    } else {
      list.pushLast(element);
    }
  }

  private static byte[] pop(ListValue list, boolean left) {
    return left ? list.popFirst() : list.popLast();
  }

  /** Reports elements taken out of the list under {@code e}, deleting the key once empty. */
  private static void removed(Call c, KeyEntry e) {
    c.ks().modified(e);
    c.ks().deleteIfEmpty(e);
  }

  /** Writes argument {@code i} as a bulk string straight from the request. */
  private static void bulkArg(Call c, int i) {
    RespWriter.bulk(c.out, c.cmd.content(), c.cmd.argIndex(i), c.cmd.argLength(i));
  }

  /** Copies arguments {@code from} (inclusive) to {@code to} (exclusive), the keys to block on. */
  private static byte[][] keys(Call c, int from, int to) {
    byte[][] keys = new byte[to - from][];
    for (int i = from; i < to; i++) {
      keys[i - from] = c.arg(i);
    }
    return keys;
  }
}
