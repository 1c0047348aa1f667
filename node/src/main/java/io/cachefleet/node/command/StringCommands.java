package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespNumbers;
import io.cachefleet.protocol.RespWriter;
import io.netty.util.AsciiString;
import java.util.Arrays;

/**
 * The string commands, as Redis 7.0's t_string.c defines them. Values are stored as plain
 * {@code byte[]}; counters are parsed from and written back to their decimal text.
 *
 * <p>Each command checks what Redis checks in Redis's order, so that a command with several
 * faults reports the one Redis reports: SET parses its options, then the expire value, then
 * looks the key up; GETEX looks the key up before it reads the expire value, so a missing key
 * answers null whatever that value is.
 */
final class StringCommands implements CommandFamily {

  private static final AsciiString NX = AsciiString.of("NX");
  private static final AsciiString XX = AsciiString.of("XX");
  private static final AsciiString EX = AsciiString.of("EX");
  private static final AsciiString PX = AsciiString.of("PX");
  private static final AsciiString EXAT = AsciiString.of("EXAT");
  private static final AsciiString PXAT = AsciiString.of("PXAT");
  private static final AsciiString KEEPTTL = AsciiString.of("KEEPTTL");
  private static final AsciiString GET = AsciiString.of("GET");
  private static final AsciiString PERSIST = AsciiString.of("PERSIST");

  // Option flags of SET and GETEX, as Redis's OBJ_SET_* / OBJ_* flags.
  private static final int NX_FLAG = 1;
  private static final int XX_FLAG = 1 << 1;
  private static final int GET_FLAG = 1 << 2;
  private static final int KEEPTTL_FLAG = 1 << 3;
  private static final int PERSIST_FLAG = 1 << 4;
  private static final int EX_FLAG = 1 << 5;
  private static final int PX_FLAG = 1 << 6;
  private static final int EXAT_FLAG = 1 << 7;
  private static final int PXAT_FLAG = 1 << 8;
  private static final int EXPIRE_FLAGS = EX_FLAG | PX_FLAG | EXAT_FLAG | PXAT_FLAG;
  /** {@link #parseOptions} packs the expire argument's index above the flags. */
  private static final int FLAG_BITS = 16;

  private static final RedisError TOO_LONG = RedisError.err("string exceeds maximum allowed size (proto-max-bulk-len)");
  private static final RedisError OFFSET_OUT_OF_RANGE = RedisError.err("offset is out of range");
  private static final RedisError DECREMENT_OVERFLOW = RedisError.err("decrement would overflow");
  private static final RedisError NAN_OR_INFINITY = RedisError.err("increment would produce NaN or Infinity");
  private static final byte[] EMPTY = new byte[0];

  @Override
  public void register(CommandRegistry r) {
    r.bind("get", c -> c.bulkOrNull(string(c.lookupRead(1))));
    r.bind("set", this::set);
    r.bind("setnx", this::setnx);
    r.bind("setex", c -> setex(c, EX_FLAG));
    r.bind("psetex", c -> setex(c, PX_FLAG));
    r.bind("getset", this::getset);
    r.bind("getdel", this::getdel);
    r.bind("getex", this::getex);
    r.bind("mget", this::mget);
    r.bind("mset", c -> mset(c, false));
    r.bind("msetnx", c -> mset(c, true));
    r.bind("append", this::append);
    r.bind("strlen", c -> {
      byte[] v = string(c.lookupRead(1));
      c.integer(v == null ? 0 : v.length);
    });
    r.bind("getrange", this::getrange);
    r.bind("substr", this::getrange);
    r.bind("setrange", this::setrange);
    r.bind("incr", c -> incrBy(c, 1));
    r.bind("decr", c -> incrBy(c, -1));
    r.bind("incrby", c -> incrBy(c, c.argLong(2)));
    r.bind("decrby", this::decrby);
    r.bind("incrbyfloat", this::incrbyfloat);
    r.bind("lcs", new Lcs()::lcs);
  }

  /** The string value of {@code e}, null when absent; WRONGTYPE for other types. */
  static byte[] string(KeyEntry e) {
    return e == null ? null : e.as(byte[].class);
  }

  /** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL]. */
  private void set(Call c) {
    long options = parseOptions(c, 3, true);
    int flags = (int) options & ((1 << FLAG_BITS) - 1);
    int expireArg = (int) (options >>> FLAG_BITS);
    long expireAt = expireArg == 0 ? KeyEntry.NO_EXPIRE : expireAt(c, expireArg, flags);
    boolean get = (flags & GET_FLAG) != 0;
    KeyEntry existing = get ? c.lookupRead(1) : c.lookupWrite(1);
    if (get) {
      c.bulkOrNull(string(existing)); // before the store, which may overwrite the old bytes
    }
    if (((flags & NX_FLAG) != 0 && existing != null) || ((flags & XX_FLAG) != 0 && existing == null)) {
      if (!get) {
        c.nullBulk();
      }
      return;
    }
    store(c, 1, existing, 2, expireAt, (flags & KEEPTTL_FLAG) != 0);
    if (!get) {
      c.ok();
    }
  }

  /**
   * Parses the options of SET (from argument 3) or GETEX (from argument 2) as Redis's
   * {@code parseExtendedStringArgumentsOrReply}: an option may repeat, but NX excludes XX,
   * KEEPTTL and PERSIST exclude any expire option, and two different expire options exclude
   * each other.
   *
   * @return the flags in the low {@value #FLAG_BITS} bits, the expire argument's index above
   *     them (0 when there is none)
   */
  private static long parseOptions(Call c, int first, boolean set) {
    int flags = 0;
    int expireArg = 0;
    for (int i = first; i < c.argc(); i++) {
      int expire = expireFlag(c, i);
      if (set && c.argIs(i, NX) && (flags & XX_FLAG) == 0) {
        flags |= NX_FLAG;
      } else if (set && c.argIs(i, XX) && (flags & NX_FLAG) == 0) {
        flags |= XX_FLAG;
      } else if (set && c.argIs(i, GET)) {
        flags |= GET_FLAG;
      } else if (set && c.argIs(i, KEEPTTL) && (flags & EXPIRE_FLAGS) == 0) {
        flags |= KEEPTTL_FLAG;
      } else if (!set && c.argIs(i, PERSIST) && (flags & EXPIRE_FLAGS) == 0) {
        flags |= PERSIST_FLAG;
      } else if (expire != 0 && i + 1 < c.argc()
          && (flags & (KEEPTTL_FLAG | PERSIST_FLAG | (EXPIRE_FLAGS & ~expire))) == 0) {
        flags |= expire;
        expireArg = ++i;
      } else {
        throw RedisError.SYNTAX;
      }
    }
    return flags | ((long) expireArg << FLAG_BITS);
  }

  private static int expireFlag(Call c, int i) {
    if (c.argIs(i, EX)) {
      return EX_FLAG;
    } else if (c.argIs(i, PX)) {
      return PX_FLAG;
    } else if (c.argIs(i, EXAT)) {
      return EXAT_FLAG;
    } else if (c.argIs(i, PXAT)) {
      return PXAT_FLAG;
    }
    return 0;
  }

  /**
   * The expire argument as an absolute Unix time in milliseconds, as Redis's
   * {@code getExpireMillisecondsOrReply}: it must be positive, and must not overflow once
   * converted and added to now.
   */
  private static long expireAt(Call c, int arg, int flags) {
    long v = c.argLong(arg);
    boolean seconds = (flags & (EX_FLAG | EXAT_FLAG)) != 0;
    if (v <= 0 || (seconds && v > Long.MAX_VALUE / 1000)) {
      throw invalidExpire(c);
    }
    if (seconds) {
      v *= 1000;
    }
    if ((flags & (EX_FLAG | PX_FLAG)) != 0) {
      v += c.now();
      if (v <= 0) {
        throw invalidExpire(c);
      }
    }
    return v;
  }

  /** Redis's {@code invalid expire time in '<command>' command}. */
  static RedisError invalidExpire(Call c) {
    return RedisError.err("invalid expire time in '" + c.spec.fullName() + "' command");
  }

  /**
   * Stores argument {@code valueArg} as the string under argument {@code keyArg}, replacing any
   * value; {@code existing} is the key's live entry or null, {@code expireAt}
   * {@link KeyEntry#NO_EXPIRE} for no TTL (then {@code keepTtl} keeps the old one).
   */
  private static void store(Call c, int keyArg, KeyEntry existing, int valueArg, long expireAt, boolean keepTtl) {
    byte[] value = writable(existing, c.cmd.argLength(valueArg));
    c.cmd.content().getBytes(c.cmd.argIndex(valueArg), value);
    if (existing == null) {
      c.ks().add(c.arg(keyArg), value, expireAt);
    } else {
      c.ks().update(existing, value, expireAt, keepTtl);
    }
  }

  /**
   * The array a new string of {@code length} bytes for {@code e} (or a new key, when null) goes
   * in: the one {@code e} holds when that is a string of the same length, else a new one. A string
   * overwritten in place costs no allocation, and the entry gets no new reference for the
   * collector to trace.
   */
  private static byte[] writable(KeyEntry e, int length) {
    return e != null && e.value() instanceof byte[] old && old.length == length ? old : new byte[length];
  }

  private void setnx(Call c) {
    if (c.lookupWrite(1) != null) {
      c.integer(0);
      return;
    }
    c.ks().add(c.arg(1), c.arg(2));
    c.integer(1);
  }

  private void setex(Call c, int unitFlag) {
    long expireAt = expireAt(c, 2, unitFlag);
    store(c, 1, c.lookupWrite(1), 3, expireAt, false);
    c.ok();
  }

  private void getset(Call c) {
    KeyEntry e = c.lookupRead(1);
    c.bulkOrNull(string(e)); // before the store, which may overwrite the old bytes
    store(c, 1, e, 2, KeyEntry.NO_EXPIRE, false);
  }

  private void getdel(Call c) {
    KeyEntry e = c.lookupWrite(1);
    byte[] old = string(e);
    if (e != null) {
      c.ks().delete(e);
    }
    c.bulkOrNull(old);
  }

  /** GETEX key [EX s|PX ms|EXAT s|PXAT ms|PERSIST]. */
  private void getex(Call c) {
    long options = parseOptions(c, 2, false);
    int flags = (int) options & ((1 << FLAG_BITS) - 1);
    int expireArg = (int) (options >>> FLAG_BITS);
    KeyEntry e = c.lookupRead(1);
    byte[] value = string(e);
    if (e == null) {
      c.nullBulk();
      return;
    }
    long expireAt = expireArg == 0 ? KeyEntry.NO_EXPIRE : expireAt(c, expireArg, flags);
    c.bulk(value);
    if (expireAt != KeyEntry.NO_EXPIRE) {
      if (expireAt <= c.now()) {
        c.ks().delete(e);
      } else {
        c.ks().setExpire(e, expireAt);
        c.ks().modified(e);
      }
    } else if ((flags & PERSIST_FLAG) != 0 && c.ks().clearExpire(e)) {
      c.ks().modified(e);
    }
  }

  private void mget(Call c) {
    c.arrayHeader(c.argc() - 1);
    for (int i = 1; i < c.argc(); i++) {
      KeyEntry e = c.lookupRead(i);
      c.bulkOrNull(e != null && e.value() instanceof byte[] b ? b : null);
    }
  }

  /** MSET and MSETNX: pairs only; MSETNX sets nothing when any key exists. */
  private void mset(Call c, boolean nx) {
    if ((c.argc() & 1) == 0) {
      throw RedisError.err("wrong number of arguments for '" + c.spec.fullName() + "' command");
    }
    if (nx) {
      for (int i = 1; i < c.argc(); i += 2) {
        if (c.lookupWrite(i) != null) {
          c.integer(0);
          return;
        }
      }
    }
    for (int i = 1; i < c.argc(); i += 2) {
      store(c, i, c.lookupWrite(i), i + 1, KeyEntry.NO_EXPIRE, false);
    }
    if (nx) {
      c.integer(1);
    } else {
      c.ok();
    }
  }

  private void append(Call c) {
    KeyEntry e = c.lookupWrite(1);
    int addLength = c.cmd.argLength(2);
    if (e == null) {
      c.ks().add(c.arg(1), c.arg(2));
      c.integer(addLength);
      return;
    }
    byte[] old = string(e);
    checkLength(c, old.length, addLength);
    byte[] joined = Arrays.copyOf(old, old.length + addLength);
    c.cmd.content().getBytes(c.cmd.argIndex(2), joined, old.length, addLength);
    c.ks().replace(e, joined);
    c.integer(joined.length);
  }

  /** Redis's {@code checkStringLength}: a string may not grow past proto-max-bulk-len. */
  private static void checkLength(Call c, long size, long append) {
    long max = Math.min(c.node.settings.limits.maxBulkLength(), Integer.MAX_VALUE - 8);
    if (size > max - append) {
      throw TOO_LONG;
    }
  }

  /** GETRANGE key start end, with Redis's clamping of negative and out-of-range indexes. */
  private void getrange(Call c) {
    long start = c.argLong(2);
    long end = c.argLong(3);
    byte[] v = string(c.lookupRead(1));
    if (v == null || (start < 0 && end < 0 && start > end)) {
      c.bulk(EMPTY);
      return;
    }
    int len = v.length;
    if (start < 0) {
      start = Math.max(0, len + start);
    }
    if (end < 0) {
      end = Math.max(0, len + end);
    }
    if (end >= len) {
      end = len - 1;
    }
    if (len == 0 || start > end) {
      c.bulk(EMPTY);
      return;
    }
    RespWriter.bulk(c.out, v, (int) start, (int) (end - start + 1));
  }

  /** SETRANGE key offset value: zero-pads a short or missing string; an empty value only reports the length. */
  private void setrange(Call c) {
    long offset = c.argLong(2);
    if (offset < 0) {
      throw OFFSET_OUT_OF_RANGE;
    }
    int valueLength = c.cmd.argLength(3);
    KeyEntry e = c.lookupWrite(1);
    byte[] old = string(e);
    if (valueLength == 0) {
      c.integer(old == null ? 0 : old.length);
      return;
    }
    checkLength(c, offset, valueLength);
    int newLength = (int) Math.max(old == null ? 0 : old.length, offset + valueLength);
    byte[] value = old == null ? new byte[newLength] : Arrays.copyOf(old, newLength);
    c.cmd.content().getBytes(c.cmd.argIndex(3), value, (int) offset, valueLength);
    if (e == null) {
      c.ks().add(c.arg(1), value);
    } else {
      c.ks().replace(e, value);
    }
    c.integer(newLength);
  }

  private void decrby(Call c) {
    long by = c.argLong(2);
    if (by == Long.MIN_VALUE) {
      throw DECREMENT_OVERFLOW;
    }
    incrBy(c, -by);
  }

  /** INCR, DECR, INCRBY, DECRBY: the increment is parsed first, then the stored value. */
  private void incrBy(Call c, long by) {
    KeyEntry e = c.lookupWrite(1);
    long current = 0;
    if (e != null) {
      current = RespNumbers.parseLong(string(e));
    }
    if ((by < 0 && current < 0 && by < Long.MIN_VALUE - current)
        || (by > 0 && current > 0 && by > Long.MAX_VALUE - current)) {
      throw RedisError.OVERFLOW;
    }
    long result = current + by;
    int length = RespWriter.decimalLength(result);
    byte[] text = writable(e, length);
    RespWriter.writeDecimal(text, result);
    if (e == null) {
      c.ks().add(c.arg(1), text);
    } else {
      c.ks().replace(e, text);
    }
    c.integer(result);
  }

  /**
   * INCRBYFLOAT key increment: WRONGTYPE first, then the stored value, then the increment must
   * be floats; the sum is computed and printed as Redis does, in long double ({@link LongDouble}).
   */
  private void incrbyfloat(Call c) {
    KeyEntry e = c.lookupWrite(1);
    byte[] current = string(e);
    LongDouble base = current == null ? LongDouble.ZERO : LongDouble.parse(current);
    LongDouble by = base == null ? null : LongDouble.parse(c.cmd.content(), c.cmd.argIndex(2), c.cmd.argLength(2));
    if (by == null) {
      throw RedisError.NOT_A_FLOAT;
    }
    LongDouble sum = base.plus(by);
    if (!sum.isFinite()) {
      throw NAN_OR_INFINITY;
    }
    byte[] result = sum.toHumanBytes();
    if (e == null) {
      c.ks().add(c.arg(1), result);
    } else {
      c.ks().replace(e, result);
    }
    c.bulk(result);
  }
}
