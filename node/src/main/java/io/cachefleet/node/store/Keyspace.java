package io.cachefleet.node.store;

import io.cachefleet.protocol.RespCommand;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The node's one database: keys, their expiry and the memory they use.
 *
 * <p>Every change goes through this class so that one funnel, {@link #modified}, bumps the key's
 * version, keeps the memory account honest and tells the {@link KeyspaceListener} (WATCH,
 * blocked clients). Commands that change a collection in place call {@link #modified} after.
 *
 * <h2>Expiry</h2>
 * As in Redis: a key is checked when touched (lazy expiry) and {@link #activeExpireCycle} samples
 * keys that have a TTL, deleting the expired ones and repeating while more than a quarter of a
 * sample was expired, within a time budget (Redis's {@code activeExpireCycle}, expire.c). Keys
 * with a TTL sit in a dense array so that sampling is O(1).
 *
 * <p>Not thread-safe: the command engine holds the keyspace lock around every use.
 */
public final class Keyspace {

  /** Keys sampled per round of the active expiry cycle, Redis's {@code ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP}. */
  static final int EXPIRE_SAMPLE = 20;

  /** A round that finds more than this share of its sample expired is followed by another. */
  static final int EXPIRE_REPEAT_PERCENT = 25;

  private final LongSupplier clock;
  private final int seed;
  private final HybridClock hlc;
  private final Dict<KeyEntry> keys;
  private KeyEntry[] volatileKeys = new KeyEntry[16];
  private int volatileCount;
  private KeyspaceListener listener = KeyspaceListener.NONE;
  private EvictionPolicy policy = EvictionPolicy.NOEVICTION;
  private final Evictor evictor;

  private long usedMemory;
  private long hits;
  private long misses;
  private long expiredKeys;
  private long evictedKeys;

  /** @param clock wall-clock milliseconds; tests pass a controllable one */
  public Keyspace(LongSupplier clock) {
    this.clock = clock;
    this.seed = ThreadLocalRandom.current().nextInt();
    this.hlc = new HybridClock(clock);
    this.keys = new Dict<>(seed);
    this.evictor = new Evictor(this);
  }

  public void setListener(KeyspaceListener listener) {
    this.listener = listener;
  }

  /** A hash seed for the dictionaries inside values. */
  public int seed() {
    return seed;
  }

  public long now() {
    return clock.getAsLong();
  }

  public int size() {
    return keys.size();
  }

  public int volatileSize() {
    return volatileCount;
  }

  public long usedMemory() {
    return usedMemory + Memory.refArray(keys.buckets()) + Memory.refArray(volatileKeys.length);
  }

  public long hits() {
    return hits;
  }

  public long misses() {
    return misses;
  }

  public long expiredKeys() {
    return expiredKeys;
  }

  public long evictedKeys() {
    return evictedKeys;
  }

  public EvictionPolicy policy() {
    return policy;
  }

  public void setPolicy(EvictionPolicy policy) {
    this.policy = policy;
  }

  // ---------------------------------------------------------------- lookups

  /** The live entry for argument {@code arg} of {@code cmd}, or null; counts a hit or miss. */
  public KeyEntry lookupRead(RespCommand cmd, int arg) {
    KeyEntry e = find(cmd.content(), cmd.argIndex(arg), cmd.argLength(arg));
    if (e == null) {
      misses++;
    } else {
      hits++;
      touch(e);
    }
    return e;
  }

  /** The live entry for argument {@code arg} of {@code cmd}, or null; for a command that writes. */
  public KeyEntry lookupWrite(RespCommand cmd, int arg) {
    KeyEntry e = find(cmd.content(), cmd.argIndex(arg), cmd.argLength(arg));
    if (e != null) {
      touch(e);
    }
    return e;
  }

  /** The live entry for {@code key}, or null, without touching statistics. */
  public KeyEntry find(byte[] key) {
    KeyEntry e = keys.get(key);
    return e == null || !expireIfNeeded(e) ? e : null;
  }

  /** The live entry for the key in a buffer region, or null, without touching statistics. */
  public KeyEntry find(ByteBuf buf, int index, int length) {
    KeyEntry e = keys.get(buf, index, length);
    return e == null || !expireIfNeeded(e) ? e : null;
  }

  /** The live entry for argument {@code arg}, or null, without touching statistics (TYPE, TTL, EXISTS). */
  public KeyEntry peek(RespCommand cmd, int arg) {
    return find(cmd.content(), cmd.argIndex(arg), cmd.argLength(arg));
  }

  /** Deletes {@code e} if its time has come; returns true when it did. */
  private boolean expireIfNeeded(KeyEntry e) {
    if (e.expireAt != KeyEntry.NO_EXPIRE && e.expireAt <= clock.getAsLong()) {
      expiredKeys++;
      delete(e);
      return true;
    }
    return false;
  }

  private void touch(KeyEntry e) {
    e.access = policy.isLfu() ? Lfu.increment(e.access, clock.getAsLong()) : Lru.clock(clock.getAsLong());
  }

  // ---------------------------------------------------------------- changes

  /** Adds {@code key}, which must be absent, holding {@code value}. */
  public KeyEntry add(byte[] key, Object value) {
    return add(key, value, KeyEntry.NO_EXPIRE);
  }

  /** Adds {@code key}, which must be absent, holding {@code value} until {@code expireAt} (or {@link KeyEntry#NO_EXPIRE}). */
  public KeyEntry add(byte[] key, Object value, long expireAt) {
    KeyEntry e = new KeyEntry(key, keys.hash(key), value);
    e.access = policy.isLfu() ? Lfu.initial(clock.getAsLong()) : Lru.clock(clock.getAsLong());
    keys.add(e);
    if (expireAt != KeyEntry.NO_EXPIRE) {
      setExpire(e, expireAt);
    }
    modified(e);
    DataType type = DataType.of(value);
    if (type == DataType.LIST || type == DataType.ZSET) {
      listener.keyReady(key);
    }
    return e;
  }

  /**
   * Stores {@code value} under {@code key}, replacing any value of any type, as SET does.
   *
   * @param keepTtl keep the key's expiry (SET KEEPTTL) instead of clearing it
   */
  public KeyEntry set(byte[] key, Object value, boolean keepTtl) {
    KeyEntry e = find(key);
    if (e == null) {
      return add(key, value);
    }
    update(e, value, KeyEntry.NO_EXPIRE, keepTtl);
    return e;
  }

  /**
   * Gives a live entry {@code value} and an expiry: {@code expireAt}, or when that is
   * {@link KeyEntry#NO_EXPIRE}, none unless {@code keepTtl}. {@code value} may be the value the
   * entry holds, changed in place.
   */
  public void update(KeyEntry e, Object value, long expireAt, boolean keepTtl) {
    store(e, value);
    if (expireAt != KeyEntry.NO_EXPIRE) {
      setExpire(e, expireAt);
    } else if (!keepTtl) {
      clearExpire(e);
    }
    modified(e);
  }

  /** Replaces the value of a live entry, keeping its expiry; {@code value} may be the one it holds, changed in place. */
  public void replace(KeyEntry e, Object value) {
    store(e, value);
    modified(e);
  }

  /**
   * Stores a reference only when it changes: an entry usually lives in the old generation, and
   * every reference written into it is a card the collector must scan at its next pause.
   */
  private static void store(KeyEntry e, Object value) {
    if (e.value != value) {
      e.value = value;
    }
  }

  /**
   * Records that {@code e} changed: bumps its version, re-counts its memory and tells the
   * listener. Every command that changes a value in place calls this after the change.
   */
  public void modified(KeyEntry e) {
    e.version = hlc.tick();
    long bytes = KeyEntry.OVERHEAD + Memory.array(e.key.length) + Memory.of(e.value);
    int words = (int) Math.min(Integer.MAX_VALUE, (bytes + 7) >>> 3);
    usedMemory += ((long) words - e.accountedWords) << 3;
    e.accountedWords = words;
    listener.keyModified(e.key);
  }

  /** Deletes {@code e} if its collection value became empty, as Redis does; returns true if deleted. */
  public boolean deleteIfEmpty(KeyEntry e) {
    if (e.value instanceof StoredValue v && v.isEmpty()) {
      delete(e);
      return true;
    }
    return false;
  }

  /** Removes a live entry. */
  public void delete(KeyEntry e) {
    keys.remove(e);
    removeVolatile(e);
    usedMemory -= (long) e.accountedWords << 3;
    e.accountedWords = 0;
    listener.keyModified(e.key);
  }

  /** Removes every key. */
  public void flush() {
    keys.clear();
    volatileKeys = new KeyEntry[16];
    volatileCount = 0;
    usedMemory = 0;
    listener.flushed();
  }

  // ---------------------------------------------------------------- expiry

  /** Sets {@code e}'s absolute expiry in Unix milliseconds. The caller reports {@link #modified}. */
  public void setExpire(KeyEntry e, long atMillis) {
    if (e.volatileIndex < 0) {
      if (volatileCount == volatileKeys.length) {
        volatileKeys = Arrays.copyOf(volatileKeys, volatileKeys.length * 2);
      }
      e.volatileIndex = volatileCount;
      volatileKeys[volatileCount++] = e;
    }
    e.expireAt = atMillis;
  }

  /** Removes {@code e}'s expiry; returns true if it had one. The caller reports {@link #modified}. */
  public boolean clearExpire(KeyEntry e) {
    if (e.expireAt == KeyEntry.NO_EXPIRE) {
      return false;
    }
    removeVolatile(e);
    e.expireAt = KeyEntry.NO_EXPIRE;
    return true;
  }

  private void removeVolatile(KeyEntry e) {
    int i = e.volatileIndex;
    if (i < 0) {
      return;
    }
    KeyEntry last = volatileKeys[--volatileCount];
    volatileKeys[i] = last;
    last.volatileIndex = i;
    volatileKeys[volatileCount] = null;
    e.volatileIndex = -1;
    if (volatileKeys.length > 64 && volatileCount < volatileKeys.length / 4) {
      volatileKeys = Arrays.copyOf(volatileKeys, volatileKeys.length / 2);
    }
  }

  /** A random key with a TTL, or null. */
  KeyEntry randomVolatile() {
    return volatileCount == 0 ? null : volatileKeys[ThreadLocalRandom.current().nextInt(volatileCount)];
  }

  /** A random key, or null. */
  KeyEntry randomKey() {
    return keys.randomEntry();
  }

  /**
   * One active expiry cycle: samples keys with a TTL and deletes the expired ones, repeating
   * while more than {@value #EXPIRE_REPEAT_PERCENT}% of a sample had expired and the budget lasts.
   *
   * @param budgetNanos time this cycle may take
   * @param nanoTime the ticker measuring the budget
   * @return keys deleted
   */
  public int activeExpireCycle(long budgetNanos, LongSupplier nanoTime) {
    long start = nanoTime.getAsLong();
    long now = clock.getAsLong();
    int deleted = 0;
    for (;;) {
      int sample = Math.min(EXPIRE_SAMPLE, volatileCount);
      if (sample == 0) {
        return deleted;
      }
      int expired = 0;
      for (int i = 0; i < sample && volatileCount > 0; i++) {
        KeyEntry e = volatileKeys[ThreadLocalRandom.current().nextInt(volatileCount)];
        if (e.expireAt <= now) {
          expiredKeys++;
          delete(e);
          expired++;
        }
      }
      deleted += expired;
      if (expired * 100 <= sample * EXPIRE_REPEAT_PERCENT || nanoTime.getAsLong() - start > budgetNanos) {
        return deleted;
      }
    }
  }

  // ---------------------------------------------------------------- eviction

  /**
   * Evicts keys by the policy until used memory is at most {@code maxMemory}.
   *
   * @return false when memory is still over the limit: the policy is noeviction or nothing is
   *     left that the policy may evict
   */
  public boolean evictUntil(long maxMemory) {
    while (usedMemory() > maxMemory) {
      KeyEntry victim = policy == EvictionPolicy.NOEVICTION ? null : evictor.pick();
      if (victim == null) {
        return false;
      }
      evictedKeys++;
      delete(victim);
    }
    return true;
  }

  /** Idle seconds of {@code e} by the LRU clock (OBJECT IDLETIME). */
  public long idleSeconds(KeyEntry e) {
    return Lru.idleMillis(e.access, clock.getAsLong()) / 1000;
  }

  /** LFU access frequency of {@code e} (OBJECT FREQ), decayed to now. */
  public int frequency(KeyEntry e) {
    return Lfu.decayed(e.access, clock.getAsLong());
  }

  // ---------------------------------------------------------------- iteration

  /** One SCAN step over the keyspace; expired keys are skipped by the caller's filter. */
  public long scan(long cursor, Consumer<KeyEntry> visitor) {
    return keys.scan(cursor, visitor);
  }

  /** Visits every key, expired or not; the visitor must not change the keyspace. */
  public void forEach(Consumer<KeyEntry> visitor) {
    keys.forEach(visitor);
  }

  /** True when {@code e} is logically expired now (it may not have been deleted yet). */
  public boolean isExpired(KeyEntry e) {
    return e.expireAt != KeyEntry.NO_EXPIRE && e.expireAt <= clock.getAsLong();
  }

  /** A random live key for RANDOMKEY, or null when there is none. */
  public KeyEntry randomLiveKey() {
    for (int tries = 0; tries < 100 && keys.size() > 0; tries++) {
      KeyEntry e = keys.randomEntry();
      if (!expireIfNeeded(e)) {
        return e;
      }
    }
    return null;
  }
}
