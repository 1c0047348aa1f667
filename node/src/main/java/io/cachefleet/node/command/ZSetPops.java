package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.ZSetValue;
import io.cachefleet.protocol.RedisError;
import io.netty.util.AsciiString;

/**
 * ZPOPMIN, ZPOPMAX, ZMPOP and the blocking BZPOPMIN, BZPOPMAX and BZMPOP, after Redis 7.0's
 * {@code genericZpopCommand} and {@code blockingGenericZpopCommand} (t_zset.c).
 *
 * <p>Blocking pops pop at once when a key holds members; otherwise they park the client, and
 * run again when a sorted set appears under one of the keys. On such a retry a key that now
 * holds another type is passed over rather than answered with WRONGTYPE, as Redis serves a
 * blocked client only from a key of the type it waits for.
 */
final class ZSetPops {

  private static final AsciiString MIN = AsciiString.cached("MIN");
  private static final AsciiString MAX = AsciiString.cached("MAX");
  private static final AsciiString COUNT = AsciiString.cached("COUNT");

  private static final RedisError NUMKEYS = RedisError.err("numkeys should be greater than 0");
  private static final RedisError COUNT_NOT_POSITIVE = RedisError.err("count should be greater than 0");

  private ZSetPops() {}

  static void zpop(Call c, boolean max) {
    if (c.argc() > 3) {
      throw RedisError.SYNTAX;
    }
    long count = -1;
    if (c.argc() == 3) {
      count = c.argLong(2, RedisError.NOT_POSITIVE);
      if (count < 0) {
        throw RedisError.NOT_POSITIVE;
      }
    }
    boolean nested = c.resp3() && count != -1;
    KeyEntry e = firstExisting(c, 1, 1);
    if (e == null || count == 0) {
      c.arrayHeader(0);
      return;
    }
    pop(c, e, max, count, false, nested);
  }

  /** ZMPOP, or BZMPOP when {@code blocking} ({@code zmpopGenericCommand}). */
  static void zmpop(Call c, int numkeysArg, boolean blocking) {
    long numkeys = c.argLong(numkeysArg, NUMKEYS);
    if (numkeys < 1) {
      throw NUMKEYS;
    }
    if (numkeys >= c.argc() - numkeysArg - 1) {
      throw RedisError.SYNTAX;
    }
    int whereArg = numkeysArg + (int) numkeys + 1;
    boolean max;
    if (c.argIs(whereArg, MIN)) {
      max = false;
    } else if (c.argIs(whereArg, MAX)) {
      max = true;
    } else {
      throw RedisError.SYNTAX;
    }
    long count = -1;
    for (int j = whereArg + 1; j < c.argc(); j++) {
      if (count == -1 && c.argIs(j, COUNT) && j + 1 < c.argc()) {
        count = c.argLong(++j, COUNT_NOT_POSITIVE);
        if (count < 1) {
          throw COUNT_NOT_POSITIVE;
        }
      } else {
        throw RedisError.SYNTAX;
      }
    }
    if (count == -1) {
      count = 1;
    }
    if (blocking) {
      blockingPop(c, numkeysArg + 1, (int) numkeys, max, 1, count, true);
      return;
    }
    KeyEntry e = firstExisting(c, numkeysArg + 1, (int) numkeys);
    if (e == null) {
      c.nullArray();
    } else {
      pop(c, e, max, count, true, true);
    }
  }

  static void bzpop(Call c, boolean max) {
    blockingPop(c, 1, c.argc() - 2, max, c.argc() - 1, 1, false);
  }

  /** The first of {@code n} keys from argument {@code first} that exists; WRONGTYPE if it is no sorted set. */
  private static KeyEntry firstExisting(Call c, int first, int n) {
    for (int i = first; i < first + n; i++) {
      KeyEntry e = c.lookupWrite(i);
      if (e != null) {
        e.as(ZSetValue.class);
        return e;
      }
    }
    return null;
  }

  /** BZPOPMIN, BZPOPMAX and BZMPOP ({@code blockingGenericZpopCommand}). */
  private static void blockingPop(Call c, int first, int n, boolean max, int timeoutArg, long count, boolean nested) {
    long deadline = c.argTimeoutDeadline(timeoutArg);
    for (int i = first; i < first + n; i++) {
      KeyEntry e = c.lookupWrite(i);
      if (e == null || !c.mayServeFrom(e.key())) {
        continue;
      }
      if (!(e.value() instanceof ZSetValue)) {
        if (c.retry) {
          continue;
        }
        throw RedisError.WRONGTYPE;
      }
      pop(c, e, max, count, true, nested);
      return;
    }
    if (!c.mayBlock) {
      c.nullArray();
      return;
    }
    byte[][] keys = new byte[n][];
    for (int i = 0; i < n; i++) {
      keys[i] = c.arg(first + i);
    }
    c.block(keys, deadline);
  }

  /**
   * Pops up to {@code count} members (1 when -1) from the low or high end and replies them in one
   * of Redis's four shapes: flat pairs (ZPOPMIN), nested pairs (ZPOPMIN with a count in RESP3),
   * the key then flat pairs (BZPOPMIN), or the key and nested pairs (ZMPOP, BZMPOP).
   */
  private static void pop(Call c, KeyEntry e, boolean max, long count, boolean withKey, boolean nested) {
    ZSetValue z = (ZSetValue) e.value();
    int size = z.size();
    int n = (int) Math.min(count == -1 ? 1 : count, size);
    if (withKey && nested) {
      c.arrayHeader(2);
      c.bulk(e.key());
      c.arrayHeader(n);
    } else if (withKey) {
      c.arrayHeader(2L * n + 1);
      c.bulk(e.key());
    } else {
      c.arrayHeader(nested ? n : 2L * n);
    }
    ZSetValue.Node node = max ? z.last() : z.first();
    for (int i = 0; i < n; i++, node = max ? node.prev() : node.next()) {
      if (nested) {
        c.arrayHeader(2);
      }
      c.bulk(node.key());
      c.doubleValue(node.score());
    }
    if (max) {
      z.removeByRank(size - n, size - 1);
    } else {
      z.removeByRank(0, n - 1);
    }
    c.ks().modified(e);
    c.ks().deleteIfEmpty(e);
  }
}
