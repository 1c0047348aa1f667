package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.Keyspace;
import io.cachefleet.node.store.StoredValue;
import io.cachefleet.protocol.RedisError;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands on keys of any type, as Redis 7.0's db.c and expire.c define them: DEL, EXISTS,
 * TYPE, the EXPIRE family, TTL, PERSIST, RENAME, COPY, KEYS, RANDOMKEY, TOUCH, OBJECT.
 */
final class KeyCommands implements CommandFamily {

  private static final AsciiString NX = AsciiString.of("NX");
  private static final AsciiString XX = AsciiString.of("XX");
  private static final AsciiString GT = AsciiString.of("GT");
  private static final AsciiString LT = AsciiString.of("LT");
  private static final AsciiString DB = AsciiString.of("DB");
  private static final AsciiString REPLACE = AsciiString.of("REPLACE");

  @Override
  public void register(CommandRegistry r) {
    r.bind("del", this::del);
    r.bind("unlink", this::del);
    r.bind("exists", this::exists);
    r.bind("touch", this::exists);
    r.bind("type", this::type);
    r.bind("expire", c -> expire(c, 1000, false, "expire"));
    r.bind("pexpire", c -> expire(c, 1, false, "pexpire"));
    r.bind("expireat", c -> expire(c, 1000, true, "expireat"));
    r.bind("pexpireat", c -> expire(c, 1, true, "pexpireat"));
    r.bind("ttl", c -> ttl(c, false, false));
    r.bind("pttl", c -> ttl(c, true, false));
    r.bind("expiretime", c -> ttl(c, false, true));
    r.bind("pexpiretime", c -> ttl(c, true, true));
    r.bind("persist", this::persist);
    r.bind("rename", c -> rename(c, false));
    r.bind("renamenx", c -> rename(c, true));
    r.bind("copy", this::copy);
    r.bind("keys", this::keys);
    r.bind("randomkey", this::randomkey);
    r.bind("object|freq", this::freq);
    r.bind("object|idletime", this::idletime);
    r.bind("object|help", c -> ServerCommands.help(c, "OBJECT",
        "ENCODING <key>", "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>", "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>", "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>", "    Return the number of references of the value associated with the specified",
        "    <key>."));
  }

  private void del(Call c) {
    int deleted = 0;
    for (int i = 1; i < c.argc(); i++) {
      KeyEntry e = c.lookupWrite(i);
      if (e != null) {
        c.ks().delete(e);
        deleted++;
      }
    }
    c.integer(deleted);
  }

  private void exists(Call c) {
    int found = 0;
    for (int i = 1; i < c.argc(); i++) {
      if (c.lookupRead(i) != null) {
        found++;
      }
    }
    c.integer(found);
  }

  private void type(Call c) {
    KeyEntry e = c.ks().peek(c.cmd, 1);
    c.simple(e == null ? "none" : e.type().redisName());
  }

  /** EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT key when [NX|XX|GT|LT], Redis 7.0's expireGenericCommand. */
  private void expire(Call c, long unit, boolean absolute, String command) {
    boolean nx = false;
    boolean xx = false;
    boolean gt = false;
    boolean lt = false;
    for (int i = 3; i < c.argc(); i++) {
      if (c.argIs(i, NX)) {
        nx = true;
      } else if (c.argIs(i, XX)) {
        xx = true;
      } else if (c.argIs(i, GT)) {
        gt = true;
      } else if (c.argIs(i, LT)) {
        lt = true;
      } else {
        throw RedisError.err("Unsupported option " + c.argString(i));
      }
    }
    if (nx && (xx || gt || lt)) {
      throw RedisError.err("NX and XX, GT or LT options at the same time are not compatible");
    }
    if (gt && lt) {
      throw RedisError.err("GT and LT options at the same time are not compatible");
    }
    long when = c.argLong(2);
    RedisError invalid = RedisError.err("invalid expire time in '" + command + "' command");
    if (when > Long.MAX_VALUE / unit || when < Long.MIN_VALUE / unit) {
      throw invalid;
    }
    long at = when * unit;
    if (!absolute) {
      long now = c.now();
      if (at > Long.MAX_VALUE - now) {
        throw invalid;
      }
      at += now;
    }
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    long current = e.expireAt();
    boolean persistent = !e.hasExpire();
    if ((nx && !persistent) || (xx && persistent) || (gt && (persistent || at <= current))
        || (lt && !persistent && at >= current)) {
      c.integer(0);
      return;
    }
    if (at <= c.now()) {
      c.ks().delete(e);
    } else {
      c.ks().setExpire(e, at);
      c.ks().modified(e);
    }
    c.integer(1);
  }

  private void ttl(Call c, boolean millis, boolean absolute) {
    KeyEntry e = c.ks().peek(c.cmd, 1);
    if (e == null) {
      c.integer(-2);
      return;
    }
    if (!e.hasExpire()) {
      c.integer(-1);
      return;
    }
    if (absolute) {
      c.integer(millis ? e.expireAt() : e.expireAt() / 1000);
      return;
    }
    long left = Math.max(0, e.expireAt() - c.now());
    c.integer(millis ? left : (left + 500) / 1000);
  }

  private void persist(Call c) {
    KeyEntry e = c.lookupWrite(1);
    if (e != null && c.ks().clearExpire(e)) {
      c.ks().modified(e);
      c.integer(1);
    } else {
      c.integer(0);
    }
  }

  private void rename(Call c, boolean nx) {
    Keyspace ks = c.ks();
    KeyEntry src = c.lookupWrite(1);
    if (src == null) {
      throw RedisError.NO_SUCH_KEY;
    }
    byte[] to = c.arg(2);
    if (java.util.Arrays.equals(src.key(), to)) {
      if (nx) {
        c.integer(0);
      } else {
        c.ok();
      }
      return;
    }
    KeyEntry dst = c.lookupWrite(2);
    if (dst != null && nx) {
      c.integer(0);
      return;
    }
    Object value = src.value();
    long expireAt = src.expireAt();
    ks.delete(src);
    KeyEntry moved = ks.set(to, value, false);
    if (expireAt != KeyEntry.NO_EXPIRE) {
      ks.setExpire(moved, expireAt);
      ks.modified(moved);
    }
    if (nx) {
      c.integer(1);
    } else {
      c.ok();
    }
  }

  /** COPY source destination [DB 0] [REPLACE]. */
  private void copy(Call c) {
    boolean replace = false;
    for (int i = 3; i < c.argc(); i++) {
      if (c.argIs(i, REPLACE)) {
        replace = true;
      } else if (c.argIs(i, DB) && i + 1 < c.argc()) {
        long db = c.argLong(++i);
        if (db != 0) {
          throw RedisError.err("DB index is out of range");
        }
      } else {
        throw RedisError.SYNTAX;
      }
    }
    if (c.cmd.argLength(1) == c.cmd.argLength(2) && java.util.Arrays.equals(c.arg(1), c.arg(2))) {
      throw RedisError.err("source and destination objects are the same");
    }
    KeyEntry src = c.lookupRead(1);
    if (src == null) {
      c.integer(0);
      return;
    }
    KeyEntry dst = c.lookupWrite(2);
    if (dst != null && !replace) {
      c.integer(0);
      return;
    }
    Object value = src.value() instanceof StoredValue v ? v.copy() : src.value();
    KeyEntry copied = c.ks().set(c.arg(2), value, false);
    if (src.hasExpire()) {
      c.ks().setExpire(copied, src.expireAt());
      c.ks().modified(copied);
    }
    c.integer(1);
  }

  private void keys(Call c) {
    byte[] pattern = c.arg(1);
    boolean all = Glob.matchesAll(pattern);
    List<byte[]> found = new ArrayList<>();
    Keyspace ks = c.ks();
    ks.forEach(e -> {
      if (!ks.isExpired(e) && (all || Glob.matches(pattern, e.key(), false))) {
        found.add(e.key());
      }
    });
    c.arrayHeader(found.size());
    for (byte[] k : found) {
      c.bulk(k);
    }
  }

  private void randomkey(Call c) {
    KeyEntry e = c.ks().randomLiveKey();
    c.bulkOrNull(e == null ? null : e.key());
  }

  private void freq(Call c) {
    KeyEntry e = c.ks().peek(c.cmd, 2);
    if (e == null) {
      c.nullBulk();
      return;
    }
    if (!c.ks().policy().isLfu()) {
      throw RedisError.err("An LFU maxmemory policy is not selected, access frequency not tracked. "
          + "Please note that when switching between policies at runtime LRU and LFU data will take some time "
          + "to adjust.");
    }
    c.integer(c.ks().frequency(e));
  }

  private void idletime(Call c) {
    KeyEntry e = c.ks().peek(c.cmd, 2);
    if (e == null) {
      c.nullBulk();
      return;
    }
    if (c.ks().policy().isLfu()) {
      throw RedisError.err("An LRU maxmemory policy is selected, idle time not tracked. "
          + "Please note that when switching between policies at runtime LRU and LFU data will take some time "
          + "to adjust.");
    }
    c.integer(c.ks().idleSeconds(e));
  }
}
