package io.cachefleet.node.store;

/**
 * A collection value (list, set, sorted set, hash). Strings are stored as plain {@code byte[]}.
 * Implementations keep {@link #memory()} current as elements come and go, so that the keyspace
 * accounts memory in constant time per change.
 */
public interface StoredValue {

  DataType type();

  /** Estimated bytes this value holds on the heap, its elements included. */
  long memory();

  boolean isEmpty();

  /**
   * What OBJECT ENCODING answers for this value: how Redis 7.0.15 with its default settings would
   * hold it ({@code quicklist}, {@code listpack}, {@code intset}, {@code hashtable} or
   * {@code skiplist}).
   */
  String encoding();

  /** A deep copy sharing nothing mutable with this value, for COPY. */
  StoredValue copy();
}
