package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.Keyspace;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespNumbers;
import io.netty.util.AsciiString;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The string commands, as Redis 7.0's t_string.c defines them. Values are stored as plain
 * {@code byte[]}; counters are parsed from and written back to their decimal text.
 */
final class StringCommands implements CommandFamily {

  static final AsciiString NX = AsciiString.of("NX");
  static final AsciiString XX = AsciiString.of("XX");
  static final AsciiString EX = AsciiString.of("EX");
  static final AsciiString PX = AsciiString.of("PX");
  static final AsciiString EXAT = AsciiString.of("EXAT");
  static final AsciiString PXAT = AsciiString.of("PXAT");
  private static final AsciiString KEEPTTL = AsciiString.of("KEEPTTL");
  private static final AsciiString GET = AsciiString.of("GET");
  private static final AsciiString PERSIST = AsciiString.of("PERSIST");

  /** Largest string SETRANGE and APPEND may build: Redis's default proto-max-bulk-len. */
  static final long MAX_STRING = 512L * 1024 * 1024;

  @Override
  public void register(CommandRegistry r) {
    r.bind("get", this::get);
    r.bind("set", this::set);
    r.bind("setnx", c -> c.integer(setIfAbsent(c, 1, 2) ? 1 : 0));
    r.bind("setex", c -> setWithExpire(c, 1000));
    r.bind("psetex", c -> setWithExpire(c, 1));
    r.bind("getset", this::getset);
    r.bind("getdel", this::getdel);
    r.bind("getex", this::getex);
    r.bind("mget", this::mget);
    r.bind("mset", this::mset);
    r.bind("msetnx", this::msetnx);
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

  private void get(Call c) {
    c.bulkOrNull(string(c.lookupRead(1)));
  }

  /** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT s|PXAT ms|KEEPTTL], Redis 7.0 semantics. */
  private void set(Call c) {
    boolean nx = false;
    boolean xx = false;
    boolean get = false;
    boolean keepTtl = false;
    int expireArg = -1;
    long unit = 0;
    boolean absolute = false;
    for (int i = 3; i < c.argc(); i++) {
      boolean hasNext = i + 1 < c.argc();
      if (c.argIs(i, NX) && !xx) {
        nx = true;
      } else if (c.argIs(i, XX) && !nx) {
        xx = true;
      } else if (c.argIs(i, GET)) {
        get = true;
      } else if (c.argIs(i, KEEPTTL) && expireArg < 0) {
        keepTtl = true;
      } else if (hasNext && expireArg < 0 && !keepTtl && (c.argIs(i, EX) || c.argIs(i, PX) || c.argIs(i, EXAT)
          || c.argIs(i, PXAT))) {
        unit = c.argIs(i, EX) || c.argIs(i, EXAT) ? 1000 : 1;
        absolute = c.argIs(i, EXAT) || c.argIs(i, PXAT);
        expireArg = ++i;
      } else {
        throw RedisError.SYNTAX;
      }
    }
    long expireAt = expireArg < 0 ? KeyEntry.NO_EXPIRE : expireAt(c, expireArg, unit, absolute, "set");
    KeyEntry existing = c.lookupWrite(1);
    byte[] old = get ? string(existing) : null;
    if ((nx && existing != null) || (xx && existing == null)) {
      if (get) {
        c.bulkOrNull(old);
      } else {
        c.nullBulk();
      }
      return;
    }
    store(c.ks(), c.arg(1), c.arg(2), expireAt, keepTtl);
    if (get) {
      c.bulkOrNull(old);
    } else {
      c.ok();
    }
  }

  /**
   * Parses an expire argument into an absolute Unix time in milliseconds, with Redis's
   * {@code invalid expire time in '<command>' command} for values that are not positive or
   * overflow.
   */
  static long expireAt(Call c, int arg, long unit, boolean absolute, String command) {
    long v = c.argLong(arg);
    RedisError invalid = RedisError.err("invalid expire time in '" + command + "' command");
    if (v <= 0 || v > Long.MAX_VALUE / unit) {
      throw invalid;
    }
    long millis = v * unit;
    if (absolute) {
      return millis;
    }
    long now = c.now();
    if (millis > Long.MAX_VALUE - now) {
      throw invalid;
    }
    return now + millis;
  }

  /** Stores a string, replacing any value, with an expiry ({@link KeyEntry#NO_EXPIRE} for none). */
  static void store(Keyspace ks, byte[] key, byte[] value, long expireAt, boolean keepTtl) {
    KeyEntry e = ks.set(key, value, keepTtl || expireAt != KeyEntry.NO_EXPIRE);
    if (expireAt != KeyEntry.NO_EXPIRE) {
      ks.setExpire(e, expireAt);
      ks.modified(e);
    }
  }

  private boolean setIfAbsent(Call c, int keyArg, int valueArg) {
    if (c.lookupWrite(keyArg) != null) {
      return false;
    }
    c.ks().add(c.arg(keyArg), c.arg(valueArg));
    return true;
  }

  private void setWithExpire(Call c, long unit) {
    long expireAt = expireAt(c, 2, unit, false, unit == 1 ? "psetex" : "setex");
    store(c.ks(), c.arg(1), c.arg(3), expireAt, false);
    c.ok();
  }

  private void getset(Call c) {
    byte[] old = string(c.lookupWrite(1));
    c.ks().set(c.arg(1), c.arg(2), false);
    c.bulkOrNull(old);
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
    long expireAt = KeyEntry.NO_EXPIRE;
    boolean persist = false;
    boolean seen = false;
    for (int i = 2; i < c.argc(); i++) {
      boolean hasNext = i + 1 < c.argc();
      if (c.argIs(i, PERSIST) && !seen) {
        persist = true;
        seen = true;
      } else if (hasNext && !seen && (c.argIs(i, EX) || c.argIs(i, PX) || c.argIs(i, EXAT) || c.argIs(i, PXAT))) {
        long unit = c.argIs(i, EX) || c.argIs(i, EXAT) ? 1000 : 1;
        boolean absolute = c.argIs(i, EXAT) || c.argIs(i, PXAT);
        expireAt = expireAt(c, ++i, unit, absolute, "getex");
        seen = true;
      } else {
        throw RedisError.SYNTAX;
      }
    }
    KeyEntry e = c.lookupRead(1);
    byte[] value = string(e);
    if (e != null) {
      if (expireAt != KeyEntry.NO_EXPIRE) {
        if (expireAt <= c.now()) {
          c.ks().delete(e);
        } else {
          c.ks().setExpire(e, expireAt);
          c.ks().modified(e);
        }
      } else if (persist && c.ks().clearExpire(e)) {
        c.ks().modified(e);
      }
    }
    c.bulkOrNull(value);
  }

  private void mget(Call c) {
    c.arrayHeader(c.argc() - 1);
    for (int i = 1; i < c.argc(); i++) {
      KeyEntry e = c.lookupRead(i);
      c.bulkOrNull(e != null && e.value() instanceof byte[] b ? b : null);
    }
  }

  private static void requirePairs(Call c, String command) {
    if ((c.argc() & 1) == 0) {
      throw RedisError.err("wrong number of arguments for '" + command + "' command");
    }
  }

  private void mset(Call c) {
    requirePairs(c, "mset");
    for (int i = 1; i < c.argc(); i += 2) {
      c.ks().set(c.arg(i), c.arg(i + 1), false);
    }
    c.ok();
  }

  private void msetnx(Call c) {
    requirePairs(c, "msetnx");
    for (int i = 1; i < c.argc(); i += 2) {
      if (c.lookupWrite(i) != null) {
        c.integer(0);
        return;
      }
    }
    for (int i = 1; i < c.argc(); i += 2) {
      c.ks().set(c.arg(i), c.arg(i + 1), false);
    }
    c.integer(1);
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
    checkSize((long) old.length + addLength);
    byte[] joined = Arrays.copyOf(old, old.length + addLength);
    c.cmd.content().getBytes(c.cmd.argIndex(2), joined, old.length, addLength);
    c.ks().replace(e, joined);
    c.integer(joined.length);
  }

  private static void checkSize(long length) {
    if (length > MAX_STRING) {
      throw RedisError.err("string exceeds maximum allowed size (proto-max-bulk-len)");
    }
  }

  private void getrange(Call c) {
    long start = c.argLong(2);
    long end = c.argLong(3);
    byte[] v = string(c.lookupRead(1));
    if (v == null) {
      c.bulk(new byte[0]);
      return;
    }
    int len = v.length;
    if (start < 0 && end < 0 && start > end) {
      c.bulk(new byte[0]);
      return;
    }
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
      c.bulk(new byte[0]);
      return;
    }
    io.cachefleet.protocol.RespWriter.bulk(c.out, v, (int) start, (int) (end - start + 1));
  }

  private void setrange(Call c) {
    long offset = c.argLong(2);
    if (offset < 0) {
      throw RedisError.err("offset is out of range");
    }
    int valueLength = c.cmd.argLength(3);
    KeyEntry e = c.lookupWrite(1);
    byte[] old = string(e);
    if (old == null && valueLength == 0) {
      c.integer(0);
      return;
    }
    if (old != null && valueLength == 0) {
      c.integer(old.length);
      return;
    }
    checkSize(offset + valueLength);
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
      throw RedisError.err("decrement would overflow");
    }
    incrBy(c, -by);
  }

  private void incrBy(Call c, long by) {
    KeyEntry e = c.lookupWrite(1);
    long current = 0;
    if (e != null) {
      byte[] v = string(e);
      if (!RespNumbers.isLong(v)) {
        throw RedisError.NOT_AN_INTEGER;
      }
      current = RespNumbers.parseLong(v);
    }
    if ((by < 0 && current < 0 && by < Long.MIN_VALUE - current)
        || (by > 0 && current > 0 && by > Long.MAX_VALUE - current)) {
      throw RedisError.OVERFLOW;
    }
    long result = current + by;
    byte[] text = Long.toString(result).getBytes(StandardCharsets.US_ASCII);
    if (e == null) {
      c.ks().add(c.arg(1), text);
    } else {
      c.ks().replace(e, text);
    }
    c.integer(result);
  }

  private void incrbyfloat(Call c) {
    double by = c.argDouble(2);
    KeyEntry e = c.lookupWrite(1);
    byte[] current = string(e);
    byte[] result = addFloat(current, by, c.cmd.argString(2), "value is not a valid float");
    if (e == null) {
      c.ks().add(c.arg(1), result);
    } else {
      c.ks().replace(e, result);
    }
    c.bulk(result);
  }

  /**
   * Adds a float increment to a stored decimal the way Redis's INCRBYFLOAT prints it: long
   * double arithmetic shown with {@code %.17Lf} and trailing zeros removed. Exact decimal
   * arithmetic rounded to 17 decimals gives the same text for values a long double holds exactly.
   *
   * @param notFloat the error text when {@code current} is not a float
   */
  static byte[] addFloat(byte[] current, double by, String byText, String notFloat) {
    double base = 0;
    if (current != null) {
      base = RespNumbers.parseDoubleOrNaN(io.netty.buffer.Unpooled.wrappedBuffer(current), 0, current.length);
      if (Double.isNaN(base) || current.length == 0) {
        throw RedisError.err(notFloat);
      }
    }
    double sum = base + by;
    if (Double.isNaN(sum) || Double.isInfinite(sum) || Double.isInfinite(by)) {
      throw RedisError.err("increment would produce NaN or Infinity");
    }
    BigDecimal exact = (current == null ? BigDecimal.ZERO : new BigDecimal(new String(current, StandardCharsets.US_ASCII).trim()))
        .add(new BigDecimal(byText.trim()));
    String text = exact.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
    if (text.indexOf('.') >= 0) {
      int end = text.length();
      while (text.charAt(end - 1) == '0') {
        end--;
      }
      if (text.charAt(end - 1) == '.') {
        end--;
      }
      text = text.substring(0, end);
    }
    if (text.equals("-0")) {
      text = "0";
    }
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
