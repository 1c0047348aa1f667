package io.cachefleet.node.store;

import io.netty.buffer.ByteBuf;

/**
 * A Redis hash: fields mapped to values, on a {@link Dict} whose entries carry the value.
 *
 * <p>Memory is counted as fields come, go and change: an entry object, the field and value arrays,
 * plus the bucket array read from the table, so {@link #memory()} is O(1).
 *
 * <p>{@link #compact()} tells whether Redis 7.0 would still hold this hash as a listpack: at most
 * {@value #LISTPACK_MAX_ENTRIES} fields, none of whose fields or values ever exceeded
 * {@value #LISTPACK_MAX_VALUE} bytes. Redis converts to a hash table once and never back
 * ({@code hashTypeTryConversion}, t_hash.c); HSCAN answers a compact hash in one reply.
 */
public final class HashValue extends DictValue<HashValue.Field> {

  /** A field and its value. */
  public static final class Field extends Dict.Entry {
    byte[] value;

    Field(byte[] field, int hash, byte[] value) {
      super(field, hash);
      this.value = value;
    }

    public byte[] value() {
      return value;
    }
  }

  /** Redis 7.0's default {@code hash-max-listpack-entries}; sorted sets allow only 128. */
  static final int LISTPACK_MAX_ENTRIES = 512;

  /** Redis's default {@code hash-max-listpack-value}, in bytes. */
  static final int LISTPACK_MAX_VALUE = 64;

  /** A {@link Field}: header, key, hash, next and value. */
  private static final long ENTRY = Memory.align(12 + 4 + 4 + 4 + 4);

  /** @param seed hash seed, {@link Keyspace#seed()} */
  public HashValue(int seed) {
    super(seed);
  }

  @Override
  long bytes(Field f) {
    return ENTRY + Memory.array(f.key.length) + Memory.array(f.value.length);
  }

  @Override
  public DataType type() {
    return DataType.HASH;
  }

  /** {@code listpack} while {@link #compact()}, then {@code hashtable}. */
  @Override
  public String encoding() {
    return compact ? "listpack" : "hashtable";
  }

  /** Field names and values are never changed in place, so the copy shares them. */
  @Override
  public HashValue copy() {
    return copyInto(new HashValue(seed), f -> new Field(f.key, f.hash, f.value));
  }

  /** The field whose name is the buffer region, or null: looks up without copying the name. */
  public Field get(ByteBuf buf, int index, int length) {
    return entries.get(buf, index, length);
  }

  /** Adds {@code field}, which must be absent. The arrays are kept, not copied. */
  public void add(byte[] field, byte[] value) {
    add(new Field(field, entries.hash(field), value));
    compact &= entries.size() <= LISTPACK_MAX_ENTRIES
        && field.length <= LISTPACK_MAX_VALUE && value.length <= LISTPACK_MAX_VALUE;
  }

  /** Replaces the value of a field of this hash. */
  public void setValue(Field f, byte[] value) {
    elementBytes += Memory.array(value.length) - Memory.array(f.value.length);
    f.value = value;
    compact &= value.length <= LISTPACK_MAX_VALUE;
  }
}
