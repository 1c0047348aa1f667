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

  /** A deep copy sharing nothing mutable with this value, for COPY. */
  StoredValue copy();
}
