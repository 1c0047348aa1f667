package io.cachefleet.node.store;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

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
public final class HashValue implements StoredValue {

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

  /** Redis's default {@code hash-max-listpack-entries}. */
  static final int LISTPACK_MAX_ENTRIES = 128;

  /** Redis's default {@code hash-max-listpack-value}, in bytes. */
  static final int LISTPACK_MAX_VALUE = 64;

  /** This object and its {@link Dict}: headers, fields and padding. */
  private static final long OVERHEAD = 56;

  /** A {@link Field}: header, key, hash, next and value. */
  private static final long ENTRY = Memory.align(12 + 4 + 4 + 4 + 4);

  private final int seed;
  private final Dict<Field> fields;
  private long elementBytes;
  private boolean compact = true;

  /** @param seed hash seed, {@link Keyspace#seed()} */
  public HashValue(int seed) {
    this.seed = seed;
    this.fields = new Dict<>(seed);
  }

  @Override
  public DataType type() {
    return DataType.HASH;
  }

  @Override
  public long memory() {
    return OVERHEAD + elementBytes + Memory.refArray(fields.buckets());
  }

  @Override
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Field names and values are never changed in place, so the copy shares them. */
  @Override
  public HashValue copy() {
    HashValue copy = new HashValue(seed);
    fields.forEach(f -> copy.fields.add(new Field(f.key, f.hash, f.value)));
    copy.elementBytes = elementBytes;
    copy.compact = compact;
    return copy;
  }

  public int size() {
    return fields.size();
  }

  /** The field whose name is the buffer region, or null: looks up without copying the name. */
  public Field get(ByteBuf buf, int index, int length) {
    return fields.get(buf, index, length);
  }

  /** Adds {@code field}, which must be absent. The arrays are kept, not copied. */
  public void add(byte[] field, byte[] value) {
    fields.add(new Field(field, fields.hash(field), value));
    elementBytes += ENTRY + Memory.array(field.length) + Memory.array(value.length);
    compact &= fields.size() <= LISTPACK_MAX_ENTRIES
        && field.length <= LISTPACK_MAX_VALUE && value.length <= LISTPACK_MAX_VALUE;
  }

  /** Replaces the value of a field of this hash. */
  public void setValue(Field f, byte[] value) {
    elementBytes += Memory.array(value.length) - Memory.array(f.value.length);
    f.value = value;
    compact &= value.length <= LISTPACK_MAX_VALUE;
  }

  /** Removes the field whose name is the buffer region; returns true when it was present. */
  public boolean remove(ByteBuf buf, int index, int length) {
    Field f = fields.get(buf, index, length);
    if (f == null) {
      return false;
    }
    fields.remove(f);
    elementBytes -= ENTRY + Memory.array(f.key.length) + Memory.array(f.value.length);
    return true;
  }

  /** True while Redis would hold this hash as a listpack; see the class comment. */
  public boolean compact() {
    return compact;
  }

  /** A random field, or null when empty. */
  public Field random() {
    return fields.randomEntry();
  }

  /** One SCAN step; see {@link Dict#scan}. */
  public long scan(long cursor, Consumer<? super Field> visitor) {
    return fields.scan(cursor, visitor);
  }

  /** Visits every field; the visitor must not change the hash. */
  public void forEach(Consumer<? super Field> visitor) {
    fields.forEach(visitor);
  }
}
