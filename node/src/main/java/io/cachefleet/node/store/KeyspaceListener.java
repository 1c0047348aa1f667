package io.cachefleet.node.store;

/** What the keyspace tells the server about keys: for WATCH, blocked clients, and later replication. */
public interface KeyspaceListener {

  /** A key's value changed, was deleted or expired. */
  void keyModified(byte[] key);

  /** A list or sorted set appeared under {@code key}: clients blocked on it may be served. */
  void keyReady(byte[] key);

  /** Every key went away at once (FLUSHDB, FLUSHALL). */
  void flushed();

  KeyspaceListener NONE = new KeyspaceListener() {
    @Override
    public void keyModified(byte[] key) {}

    @Override
    public void keyReady(byte[] key) {}

    @Override
    public void flushed() {}
  };
}
