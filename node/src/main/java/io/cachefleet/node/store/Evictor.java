package io.cachefleet.node.store;

/**
 * Chooses keys to evict as Redis's evict.c does: each call samples {@link #SAMPLES} keys (from
 * all keys or from keys with a TTL, by policy) into a pool of the {@link #POOL_SIZE} best
 * candidates seen so far, ranked by idle time, inverse frequency or nearness of expiry, and
 * evicts the best one that still exists. Random policies pick one random key.
 */
final class Evictor {

  /** Redis's default {@code maxmemory-samples}. */
  static final int SAMPLES = 5;

  /** Redis's {@code EVPOOL_SIZE}. */
  static final int POOL_SIZE = 16;

  private final Keyspace keyspace;
  private final KeyEntry[] pool = new KeyEntry[POOL_SIZE];
  private final long[] scores = new long[POOL_SIZE];
  private int poolSize;

  Evictor(Keyspace keyspace) {
    this.keyspace = keyspace;
  }

  /** The next key to evict, or null when the policy finds nothing it may evict. */
  KeyEntry pick() {
    EvictionPolicy policy = keyspace.policy();
    if (policy.volatileKeys() && keyspace.volatileSize() == 0) {
      return null;
    }
    if (!policy.volatileKeys() && keyspace.size() == 0) {
      return null;
    }
    if (policy.isRandom()) {
      return policy.allKeys() ? keyspace.randomKey() : keyspace.randomVolatile();
    }
    for (int i = 0; i < SAMPLES; i++) {
      KeyEntry e = policy.allKeys() ? keyspace.randomKey() : keyspace.randomVolatile();
      if (e != null) {
        offer(e, score(policy, e));
      }
    }
    while (poolSize > 0) {
      KeyEntry best = pool[--poolSize];
      pool[poolSize] = null;
      if (best.accountedWords > 0) { // still in the keyspace
        return best;
      }
    }
    return null;
  }

  private long score(EvictionPolicy policy, KeyEntry e) {
    long now = keyspace.now();
    if (policy.isLru()) {
      return Lru.idleMillis(e.access, now);
    }
    if (policy.isLfu()) {
      return 255 - Lfu.decayed(e.access, now);
    }
    return Long.MAX_VALUE - e.expireAt;
  }

  /** Keeps the pool sorted by ascending score, the best candidate last. */
  private void offer(KeyEntry e, long score) {
    for (int i = 0; i < poolSize; i++) {
      if (pool[i] == e) {
        return;
      }
    }
    int at = 0;
    while (at < poolSize && scores[at] < score) {
      at++;
    }
    if (poolSize == POOL_SIZE) {
      if (at == 0) {
        return;
      }
      System.arraycopy(pool, 1, pool, 0, at - 1);
      System.arraycopy(scores, 1, scores, 0, at - 1);
      at--;
    } else {
      System.arraycopy(pool, at, pool, at + 1, poolSize - at);
      System.arraycopy(scores, at, scores, at + 1, poolSize - at);
      poolSize++;
    }
    pool[at] = e;
    scores[at] = score;
  }
}
