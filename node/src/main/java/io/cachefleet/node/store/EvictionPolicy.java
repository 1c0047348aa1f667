package io.cachefleet.node.store;

import java.util.Locale;

/** Redis's {@code maxmemory-policy} values. */
public enum EvictionPolicy {
  NOEVICTION(false, false),
  ALLKEYS_LRU(true, false),
  ALLKEYS_LFU(true, false),
  ALLKEYS_RANDOM(true, false),
  VOLATILE_LRU(false, true),
  VOLATILE_LFU(false, true),
  VOLATILE_RANDOM(false, true),
  VOLATILE_TTL(false, true);

  private final boolean allKeys;
  private final boolean volatileKeys;

  EvictionPolicy(boolean allKeys, boolean volatileKeys) {
    this.allKeys = allKeys;
    this.volatileKeys = volatileKeys;
  }

  boolean allKeys() {
    return allKeys;
  }

  boolean volatileKeys() {
    return volatileKeys;
  }

  public boolean isLfu() {
    return this == ALLKEYS_LFU || this == VOLATILE_LFU;
  }

  public boolean isLru() {
    return this == ALLKEYS_LRU || this == VOLATILE_LRU;
  }

  boolean isRandom() {
    return this == ALLKEYS_RANDOM || this == VOLATILE_RANDOM;
  }

  /** The Redis name: {@code allkeys-lru}. */
  public String redisName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses a Redis name in any case; null when unknown. */
  public static EvictionPolicy parse(String name) {
    for (EvictionPolicy p : values()) {
      if (p.redisName().equalsIgnoreCase(name)) {
        return p;
      }
    }
    return null;
  }
}
