package io.cachefleet.discovery.ring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Every key hash by the name Twemproxy's {@code hash:} setting gives it (nc_hashkit.h, HASH_CODEC). */
public final class KeyHashes {

  /** In Twemproxy's order, which is also the order {@link #names()} reports. */
  private static final Map<String, KeyHash> BY_NAME = register(
      new OneAtATime(), new Md5(), new Crc16(), new Crc32(), new Crc32a(), new Fnv164(),
      new Fnv1a64(), new Fnv132(), new Fnv1a32(), new Hsieh(), new Murmur(), new Jenkins());

  /** Twemproxy's default {@code hash:} (nc_conf.h, CONF_DEFAULT_HASH). */
  private static final String DEFAULT = "fnv1a_64";

  private KeyHashes() {
  }

  /** The hash Twemproxy calls {@code name}. */
  public static KeyHash byName(String name) {
    KeyHash hash = name == null ? null : BY_NAME.get(name);
    if (hash == null) {
      throw new IllegalArgumentException(
          "hash must be one of " + String.join(", ", BY_NAME.keySet()) + "; got " + name);
    }
    return hash;
  }

  /** Every name, in Twemproxy's order. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  /** {@code fnv1a_64}, Twemproxy's default. */
  public static KeyHash defaultHash() {
    return BY_NAME.get(DEFAULT);
  }

  private static Map<String, KeyHash> register(KeyHash... hashes) {
    Map<String, KeyHash> byName = new LinkedHashMap<>();
    for (KeyHash h : hashes) {
      byName.put(h.name(), h);
    }
    return Collections.unmodifiableMap(byName);
  }
}
