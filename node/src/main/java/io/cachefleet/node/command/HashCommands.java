package io.cachefleet.node.command;

import io.cachefleet.node.command.SetCommands.Sampling;
import io.cachefleet.node.store.HashValue;
import io.cachefleet.node.store.HashValue.Field;
import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespNumbers;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The hash commands, over {@link HashValue}, with the replies and errors of Redis 7.0's
 * {@code t_hash.c}. Fields are looked up straight from the request buffer; a field name is copied
 * only when it is added.
 */
final class HashCommands implements CommandFamily {

  private static final AsciiString WITHVALUES = AsciiString.of("WITHVALUES");

  private static final RedisError HASH_NOT_INTEGER = RedisError.err("hash value is not an integer");
  private static final RedisError HASH_NOT_FLOAT = RedisError.err("hash value is not a float");
  private static final RedisError INCREMENT_NOT_FINITE = RedisError.err("value is NaN or Infinity");
  private static final RedisError RESULT_NOT_FINITE = RedisError.err("increment would produce NaN or Infinity");
  private static final RedisError WITHVALUES_RANGE = RedisError.err("value is out of range");

  @Override
  public void register(CommandRegistry r) {
    r.bind("hset", c -> c.integer(setFields(c)));
    r.bind("hmset", c -> {
      setFields(c);
      c.ok();
    });
    r.bind("hsetnx", this::hsetnx);
    r.bind("hget", this::hget);
    r.bind("hmget", this::hmget);
    r.bind("hdel", this::hdel);
    r.bind("hlen", c -> {
      HashValue h = read(c);
      c.integer(h == null ? 0 : h.size());
    });
    r.bind("hstrlen", c -> {
      Field f = field(c);
      c.integer(f == null ? 0 : f.value().length);
    });
    r.bind("hexists", c -> c.integer(field(c) == null ? 0 : 1));
    r.bind("hkeys", c -> all(c, true, false));
    r.bind("hvals", c -> all(c, false, true));
    r.bind("hgetall", c -> all(c, true, true));
    r.bind("hincrby", this::hincrby);
    r.bind("hincrbyfloat", this::hincrbyfloat);
    r.bind("hrandfield", this::hrandfield);
    r.bind("hscan", this::hscan);
  }

  /** The hash at argument 1, or null when the key is missing; WRONGTYPE for another type. */
  private static HashValue read(Call c) {
    KeyEntry e = c.lookupRead(1);
    return e == null ? null : e.as(HashValue.class);
  }

  /** The field named by argument 2 of the hash at argument 1, or null. */
  private static Field field(Call c) {
    HashValue h = read(c);
    return h == null ? null : field(h, c, 2);
  }

  private static Field field(HashValue h, Call c, int arg) {
    RespCommand cmd = c.cmd;
    return h.get(cmd.content(), cmd.argIndex(arg), cmd.argLength(arg));
  }

  /** HSET and HMSET: sets the field-value pairs; returns how many fields were added. */
  private static int setFields(Call c) {
    if ((c.argc() & 1) != 0) {
      throw RedisError.err("wrong number of arguments for '" + c.spec.fullName() + "' command");
    }
    KeyEntry e = c.lookupWrite(1);
    HashValue h = e == null ? new HashValue(c.ks().seed()) : e.as(HashValue.class);
    int added = 0;
    for (int i = 2; i < c.argc(); i += 2) {
      Field f = field(h, c, i);
      if (f == null) {
        h.add(c.arg(i), c.arg(i + 1));
        added++;
      } else {
        h.setValue(f, c.arg(i + 1));
      }
    }
    if (e == null) {
      c.ks().add(c.arg(1), h);
    } else {
      c.ks().modified(e);
    }
    return added;
  }

  private void hsetnx(Call c) {
    KeyEntry e = c.lookupWrite(1);
    HashValue h = e == null ? null : e.as(HashValue.class);
    if (h != null && field(h, c, 2) != null) {
      c.integer(0);
      return;
    }
    store(c, e, h, null, c.arg(3));
    c.integer(1);
  }

  /**
   * Stores {@code value} in field {@code f}, or when null in a new field named by argument 2, of
   * hash {@code h} at entry {@code e}; creates the key when {@code e} is null.
   */
  private static void store(Call c, KeyEntry e, HashValue h, Field f, byte[] value) {
    if (f != null) {
      h.setValue(f, value);
    } else {
      if (h == null) {
        h = new HashValue(c.ks().seed());
      }
      h.add(c.arg(2), value);
    }
    if (e == null) {
      c.ks().add(c.arg(1), h);
    } else {
      c.ks().modified(e);
    }
  }

  private void hget(Call c) {
    Field f = field(c);
    c.bulkOrNull(f == null ? null : f.value());
  }

  private void hmget(Call c) {
    HashValue h = read(c);
    c.arrayHeader(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      Field f = h == null ? null : field(h, c, i);
      c.bulkOrNull(f == null ? null : f.value());
    }
  }

  private void hdel(Call c) {
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    HashValue h = e.as(HashValue.class);
    RespCommand cmd = c.cmd;
    int deleted = 0;
    for (int i = 2; i < c.argc() && !h.isEmpty(); i++) {
      if (h.remove(cmd.content(), cmd.argIndex(i), cmd.argLength(i))) {
        deleted++;
      }
    }
    if (deleted > 0) {
      c.ks().modified(e);
      c.ks().deleteIfEmpty(e);
    }
    c.integer(deleted);
  }

  /** HKEYS, HVALS and HGETALL: a map when both fields and values are asked for. */
  private static void all(Call c, boolean fields, boolean values) {
    HashValue h = read(c);
    int n = h == null ? 0 : h.size();
    if (fields && values) {
      c.mapHeader(n);
    } else {
      c.arrayHeader(n);
    }
    if (h != null) {
      h.forEach(f -> {
        if (fields) {
          c.bulk(f.key());
        }
        if (values) {
          c.bulk(f.value());
        }
      });
    }
  }

  private void hincrby(Call c) {
    long increment = c.argLong(3);
    KeyEntry e = c.lookupWrite(1);
    HashValue h = e == null ? null : e.as(HashValue.class);
    Field f = h == null ? null : field(h, c, 2);
    long current = 0;
    if (f != null) {
      try {
        current = RespNumbers.parseLong(f.value());
      } catch (RedisError notInteger) {
        throw HASH_NOT_INTEGER;
      }
    }
    if ((increment < 0 && current < 0 && increment < Long.MIN_VALUE - current)
        || (increment > 0 && current > 0 && increment > Long.MAX_VALUE - current)) {
      throw RedisError.OVERFLOW;
    }
    long result = current + increment;
    store(c, e, h, f, Long.toString(result).getBytes(StandardCharsets.US_ASCII));
    c.integer(result);
  }

  /**
   * Redis reads both operands with {@code string2ld} and adds them in C {@code long double}; see
   * {@link LongDouble} for how that is reproduced. The increment is checked before the key.
   */
  private void hincrbyfloat(Call c) {
    RespCommand cmd = c.cmd;
    LongDouble increment = LongDouble.parse(cmd.content(), cmd.argIndex(3), cmd.argLength(3));
    if (increment == null) {
      throw RedisError.NOT_A_FLOAT;
    }
    if (!increment.isFinite()) {
      throw INCREMENT_NOT_FINITE;
    }
    KeyEntry e = c.lookupWrite(1);
    HashValue h = e == null ? null : e.as(HashValue.class);
    Field f = h == null ? null : field(h, c, 2);
    LongDouble current = f == null ? LongDouble.ZERO : LongDouble.parse(f.value());
    if (current == null) {
      throw HASH_NOT_FLOAT;
    }
    LongDouble sum = current.plus(increment);
    if (!sum.isFinite()) {
      throw RESULT_NOT_FINITE;
    }
    byte[] text = sum.toHumanBytes();
    store(c, e, h, f, text);
    c.bulk(text);
  }

  /**
   * HRANDFIELD, as {@code hrandfieldWithCountCommand}: a negative count samples with repetition,
   * a positive one returns distinct fields, all of them when it reaches the size. WITHVALUES
   * pairs each field with its value: flat in RESP2, as 2-element arrays in RESP3.
   */
  private void hrandfield(Call c) {
    if (c.argc() == 2) {
      HashValue h = read(c);
      if (h == null) {
        c.nullBulk();
      } else {
        c.bulk(h.random().key());
      }
      return;
    }
    long count = Sampling.count(c, 2);
    if (c.argc() > 4 || (c.argc() == 4 && !c.argIs(3, WITHVALUES))) {
      throw RedisError.SYNTAX;
    }
    boolean withValues = c.argc() == 4;
    if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
      throw WITHVALUES_RANGE;
    }
    HashValue h = read(c);
    if (h == null || count == 0) {
      c.arrayHeader(0);
      return;
    }
    boolean pairs = withValues && c.resp3();
    int perEntry = withValues && !pairs ? 2 : 1;
    Sampling.reply(c, count, h.size(), perEntry, h::random, h::forEach, f -> reply(c, f, withValues, pairs));
  }

  private static void reply(Call c, Field f, boolean withValue, boolean pair) {
    if (pair) {
      c.arrayHeader(2);
    }
    c.bulk(f.key());
    if (withValue) {
      c.bulk(f.value());
    }
  }

  private void hscan(Call c) {
    long cursor = ScanArgs.parseCursor(c, 2);
    HashValue h = read(c);
    if (h == null) {
      ScanArgs.replyEmpty(c);
      return;
    }
    ScanArgs.parse(c, 3, false).reply(c, cursor, h::scan, 2, h.compact(), f -> {
      c.bulk(f.key());
      c.bulk(f.value());
    });
  }
}
