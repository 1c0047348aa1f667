package io.cachefleet.node.command;

import io.cachefleet.node.store.Keyspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WATCHed keys and the clients watching them, as Redis's {@code watched_keys}: any change to a
 * watched key marks its watchers so that their EXEC fails. A flush marks only the watchers of
 * keys that existed ({@code touchAllWatchedKeysInDb}): watching a missing key survives FLUSHALL.
 */
final class Watches {

  /** A key as a map key: byte content equality. */
  record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  private final Map<Key, List<ClientSession>> watchers = new HashMap<>();

  boolean isEmpty() {
    return watchers.isEmpty();
  }

  void watch(ClientSession client, byte[] key) {
    Key k = new Key(key);
    if (client.watched.contains(k)) {
      return;
    }
    client.watched.add(k);
    watchers.computeIfAbsent(k, x -> new ArrayList<>(2)).add(client);
  }

  void unwatchAll(ClientSession client) {
    for (Key k : client.watched) {
      List<ClientSession> list = watchers.get(k);
      if (list != null) {
        list.remove(client);
        if (list.isEmpty()) {
          watchers.remove(k);
        }
      }
    }
    client.watched.clear();
    client.watchDirty = false;
  }

  void touched(byte[] key) {
    List<ClientSession> list = watchers.get(new Key(key));
    if (list != null) {
      for (ClientSession c : list) {
        c.watchDirty = true;
      }
    }
  }

  /** Marks the watchers of every watched key present in {@code ks}; FLUSHDB calls it before flushing. */
  void touchExisting(Keyspace ks) {
    for (Map.Entry<Key, List<ClientSession>> e : watchers.entrySet()) {
      if (ks.find(e.getKey().bytes()) != null) {
        for (ClientSession c : e.getValue()) {
          c.watchDirty = true;
        }
      }
    }
  }
}
