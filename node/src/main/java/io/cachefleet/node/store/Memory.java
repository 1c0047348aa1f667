package io.cachefleet.node.store;

/**
 * Heap size estimates for a 64-bit JVM with compressed references (12-byte object headers,
 * 4-byte references, 8-byte alignment): what the keyspace counts as used memory.
 */
public final class Memory {

  private Memory() {}

  /** Bytes of a {@code byte[]} of {@code length} elements. */
  public static long array(int length) {
    return align(16L + length);
  }

  /** Bytes of an object array (buckets, slots) of {@code length} references. */
  public static long refArray(int length) {
    return align(16L + 4L * length);
  }

  public static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  /** Bytes of a stored value: a string or a collection. */
  public static long of(Object value) {
    return value instanceof byte[] b ? array(b.length) : ((StoredValue) value).memory();
  }
}
