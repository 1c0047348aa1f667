package io.cachefleet.node.command;

import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.Keyspace;
import io.cachefleet.node.store.StoredValue;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespNumbers;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Commands on keys of any type, as Redis 7.0's db.c, expire.c and object.c define them: DEL,
 * UNLINK, EXISTS, TOUCH, TYPE, the EXPIRE and TTL families, PERSIST, RENAME, COPY, KEYS, SCAN,
 * RANDOMKEY and OBJECT ENCODING / REFCOUNT / FREQ / IDLETIME.
 *
 * <p>Commands that only inspect a key (EXISTS, TYPE, TTL, OBJECT) do not count as an access for
 * LRU or LFU, as Redis's {@code LOOKUP_NOTOUCH}; TOUCH does.
 */
final class KeyCommands implements CommandFamily {

  private static final AsciiString NX = AsciiString.of("NX");
  private static final AsciiString XX = AsciiString.of("XX");
  private static final AsciiString GT = AsciiString.of("GT");
  private static final AsciiString LT = AsciiString.of("LT");
  private static final AsciiString DB = AsciiString.of("DB");
  private static final AsciiString REPLACE = AsciiString.of("REPLACE");

  private static final RedisError NX_CONFLICT =
      RedisError.err("NX and XX, GT or LT options at the same time are not compatible");
  private static final RedisError GT_LT_CONFLICT = RedisError.err("GT and LT options at the same time are not compatible");
  private static final RedisError SAME_OBJECT = RedisError.err("source and destination objects are the same");
  static final RedisError DB_OUT_OF_RANGE = RedisError.err("DB index is out of range");
  private static final RedisError INT_OUT_OF_RANGE =
      RedisError.err("value is out of range, value must between -2147483648 and 2147483647");
  /** Longest string Redis allocates with its object header ({@code OBJ_ENCODING_EMBSTR_SIZE_LIMIT}). */
  private static final int EMBSTR_MAX = 44;
  /** The reference count of a shared object ({@code OBJ_SHARED_REFCOUNT}). */
  private static final int SHARED_REFCOUNT = Integer.MAX_VALUE;
  private static final String POLICY_NOTE =
      "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
  private static final RedisError LFU_NOT_SELECTED =
      RedisError.err("An LFU maxmemory policy is not selected, access frequency not tracked. " + POLICY_NOTE);
  private static final RedisError LFU_SELECTED =
      RedisError.err("An LFU maxmemory policy is selected, idle time not tracked. " + POLICY_NOTE);

  @Override
  public void register(CommandRegistry r) {
    r.bind("del", this::del);
    r.bind("unlink", this::del);
    r.bind("exists", c -> count(c, false));
    r.bind("touch", c -> count(c, true));
    r.bind("type", this::type);
    r.bind("expire", c -> expire(c, 1000, false));
    r.bind("pexpire", c -> expire(c, 1, false));
    r.bind("expireat", c -> expire(c, 1000, true));
    r.bind("pexpireat", c -> expire(c, 1, true));
    r.bind("ttl", c -> ttl(c, false, false));
    r.bind("pttl", c -> ttl(c, true, false));
    r.bind("expiretime", c -> ttl(c, false, true));
    r.bind("pexpiretime", c -> ttl(c, true, true));
    r.bind("persist", this::persist);
    r.bind("rename", c -> rename(c, false));
    r.bind("renamenx", c -> rename(c, true));
    r.bind("copy", this::copy);
    r.bind("keys", this::keys);
    r.bind("scan", this::scan);
    r.bind("randomkey", this::randomkey);
    r.bind("object|encoding", this::encoding);
    r.bind("object|refcount", this::refcount);
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

  /** EXISTS and TOUCH: live keys among the arguments, a repeated key counted each time. */
  private void count(Call c, boolean touch) {
    int found = 0;
    for (int i = 1; i < c.argc(); i++) {
      if ((touch ? c.lookupRead(i) : c.ks().peek(c.cmd, i)) != null) {
        found++;
      }
    }
    c.integer(found);
  }

  private void type(Call c) {
    KeyEntry e = c.ks().peek(c.cmd, 1);
    c.simple(e == null ? "none" : e.type().redisName());
  }

  /**
   * EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT key time [NX|XX|GT|LT], as Redis 7.0's
   * {@code expireGenericCommand}: options first, then the time, which may be negative (the key
   * is then deleted) but must not overflow; a key without TTL counts as an infinite TTL for GT
   * and LT.
   */
  private void expire(Call c, long unit, boolean absolute) {
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
      throw NX_CONFLICT;
    }
    if (gt && lt) {
      throw GT_LT_CONFLICT;
    }
    long when = c.argLong(2);
    if (when > Long.MAX_VALUE / unit || when < Long.MIN_VALUE / unit) {
      throw StringCommands.invalidExpire(c);
    }
    long at = when * unit;
    long base = absolute ? 0 : c.now();
    if (at > Long.MAX_VALUE - base) {
      throw StringCommands.invalidExpire(c);
    }
    at += base;
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    boolean persistent = !e.hasExpire();
    long current = e.expireAt();
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

  /** TTL, PTTL, EXPIRETIME, PEXPIRETIME: -2 missing, -1 no TTL; seconds are rounded to nearest. */
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
    long ttl = Math.max(0, absolute ? e.expireAt() : e.expireAt() - c.now());
    c.integer(millis ? ttl : (ttl + 500) / 1000);
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

  /** RENAME / RENAMENX: the value moves with its TTL; a same-name rename only checks the key exists. */
  private void rename(Call c, boolean nx) {
    Keyspace ks = c.ks();
    KeyEntry src = c.lookupWrite(1);
    if (src == null) {
      throw RedisError.NO_SUCH_KEY;
    }
    if (Arrays.equals(src.key(), c.arg(2))) {
      reply(c, nx, false);
      return;
    }
    KeyEntry dst = c.lookupWrite(2);
    if (dst != null) {
      if (nx) {
        c.integer(0);
        return;
      }
      ks.delete(dst);
    }
    Object value = src.value();
    long expireAt = src.expireAt();
    ks.delete(src);
    ks.add(c.arg(2), value, expireAt);
    reply(c, nx, true);
  }

  /** RENAME's +OK, or RENAMENX's 1 or 0. */
  private static void reply(Call c, boolean nx, boolean renamed) {
    if (!nx) {
      c.ok();
    } else {
      c.integer(renamed ? 1 : 0);
    }
  }

  /**
   * COPY source destination [DB db] [REPLACE]. The node has one database, so DB accepts only 0,
   * answering as Redis does for an index past {@code databases}.
   */
  private void copy(Call c) {
    boolean replace = false;
    for (int i = 3; i < c.argc(); i++) {
      if (c.argIs(i, REPLACE)) {
        replace = true;
      } else if (c.argIs(i, DB) && i + 1 < c.argc()) {
        if (intArg(c, ++i) != 0) {
          throw DB_OUT_OF_RANGE;
        }
      } else {
        throw RedisError.SYNTAX;
      }
    }
    if (Arrays.equals(c.arg(1), c.arg(2))) {
      throw SAME_OBJECT;
    }
    KeyEntry src = c.lookupRead(1);
    if (src == null) {
      c.integer(0);
      return;
    }
    KeyEntry dst = c.lookupWrite(2);
    if (dst != null) {
      if (!replace) {
        c.integer(0);
        return;
      }
      c.ks().delete(dst);
    }
    // a string's bytes may be overwritten in place (SET, INCR), so each key gets its own
    Object value = src.value() instanceof StoredValue v ? v.copy() : ((byte[]) src.value()).clone();
    c.ks().add(c.arg(2), value, src.expireAt());
    c.integer(1);
  }

  /** An argument as a C int, with Redis's {@code getIntFromObjectOrReply} errors (SELECT, COPY DB). */
  static int intArg(Call c, int i) {
    long v = c.argLong(i);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw INT_OUT_OF_RANGE;
    }
    return (int) v;
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

  /**
   * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]: one step of the keyspace's cursor
   * iteration ({@link ScanArgs}); keys whose time has passed are left out.
   */
  private void scan(Call c) {
    long cursor = ScanArgs.parseCursor(c, 1);
    ScanArgs args = ScanArgs.parse(c, 2, true);
    Keyspace ks = c.ks();
    List<KeyEntry> found = new ArrayList<>();
    long next = args.collect(cursor, ks::scan, 1, false, found);
    int kept = 0;
    for (KeyEntry e : found) {
      if (args.matchesType(e.type()) && !ks.isExpired(e)) {
        found.set(kept++, e);
      }
    }
    ScanArgs.replyHeader(c, next, kept);
    for (int i = 0; i < kept; i++) {
      c.bulk(found.get(i).key());
    }
  }

  private void randomkey(Call c) {
    KeyEntry e = c.ks().randomLiveKey();
    c.bulkOrNull(e == null ? null : e.key());
  }

  private void encoding(Call c) {
    KeyEntry e = c.ks().peek(c.cmd, 2);
    if (e == null) {
      c.nullBulk();
    } else if (e.value() instanceof byte[] string) {
      c.bulk(stringEncoding(string));
    } else {
      c.bulk(((StoredValue) e.value()).encoding());
    }
  }

  /**
   * How Redis would hold a string value, judged from its bytes as {@code tryObjectEncoding}
   * judges a value SET stores: {@code int} for the canonical text of a 64-bit integer,
   * {@code embstr} up to {@value #EMBSTR_MAX} bytes, {@code raw} beyond.
   *
   * <p>Redis's answer also depends on the command that made the value, which a string here does
   * not record; this answers as SET, GETSET, MSET, INCR and APPEND to a missing key would. Redis
   * differs after APPEND to an existing key and after SETRANGE, which always leave {@code raw},
   * and after INCRBYFLOAT, which leaves {@code embstr} even for an integral result such as 2.
   */
  private static String stringEncoding(byte[] value) {
    if (RespNumbers.isLong(value)) {
      return "int";
    }
    return value.length <= EMBSTR_MAX ? "embstr" : "raw";
  }

  /**
   * OBJECT REFCOUNT: 1, as for any value Redis holds once, except for the integers 0 to 9999
   * that Redis shares between keys, unless a maxmemory limit with an LRU or LFU policy makes
   * each key own its value (the access clock lives in the object). Redis decides when the value
   * is stored; this judges by the settings in force now, and as SET would
   * ({@link #stringEncoding}): a value made by COPY, APPEND or INCRBYFLOAT is never shared in Redis.
   */
  private void refcount(Call c) {
    KeyEntry e = c.ks().peek(c.cmd, 2);
    if (e == null) {
      c.nullBulk();
      return;
    }
    boolean shared = e.value() instanceof byte[] string && isSharedInteger(string) && sharesIntegers(c);
    c.integer(shared ? SHARED_REFCOUNT : 1);
  }

  /** True for the text of an integer in 0..9999, which Redis shares ({@code OBJ_SHARED_INTEGERS}). */
  private static boolean isSharedInteger(byte[] string) {
    return string.length > 0 && string.length <= 4 && string[0] != '-' && RespNumbers.isLong(string);
  }

  /** Redis's {@code MAXMEMORY_FLAG_NO_SHARED_INTEGERS} test. */
  private static boolean sharesIntegers(Call c) {
    EvictionPolicy p = c.ks().policy();
    boolean tracksAccess = p.isLfu() || p.isLru();
    return c.node.settings.maxMemory == 0 || !tracksAccess;
  }

  private void freq(Call c) {
    KeyEntry e = c.ks().peek(c.cmd, 2);
    if (e == null) {
      c.nullBulk();
      return;
    }
    if (!c.ks().policy().isLfu()) {
      throw LFU_NOT_SELECTED;
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
      throw LFU_SELECTED;
    }
    c.integer(c.ks().idleSeconds(e));
  }
}
