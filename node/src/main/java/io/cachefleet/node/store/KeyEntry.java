package io.cachefleet.node.store;

/**
 * One key of the keyspace: its value, expiry, version and access statistics.
 *
 * <p>{@code version} is a hybrid-logical-clock stamp ({@link HybridClock}) bumped on every change,
 * the room replication needs to apply shipped changes only when newer. {@code access} holds the
 * LRU clock or the LFU counter, as Redis's {@code robj.lru} does.
 */
public final class KeyEntry extends Dict.Entry {

  /** Fixed bytes of an entry (56) plus its bucket slot. */
  static final long OVERHEAD = 64;

  public static final long NO_EXPIRE = -1;

  Object value;
  long expireAt = NO_EXPIRE;
  long version;
  int access;
  int volatileIndex = -1;
  /** Memory counted for this key, in 8-byte words: an int keeps the entry at 56 bytes. */
  int accountedWords;

  KeyEntry(byte[] key, int hash, Object value) {
    super(key, hash);
    this.value = value;
  }

  public Object value() {
    return value;
  }

  /** Absolute expiry in Unix milliseconds, or {@link #NO_EXPIRE}. */
  public long expireAt() {
    return expireAt;
  }

  public boolean hasExpire() {
    return expireAt != NO_EXPIRE;
  }

  public long version() {
    return version;
  }

  public DataType type() {
    return DataType.of(value);
  }

  /** The value as {@code type}; throws Redis's WRONGTYPE error when it is another type. */
  public <T> T as(Class<T> type) {
    if (!type.isInstance(value)) {
      throw io.cachefleet.protocol.RedisError.WRONGTYPE;
    }
    return type.cast(value);
  }
}
