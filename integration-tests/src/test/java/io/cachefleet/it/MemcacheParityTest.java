package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.it.ServerProcess.Readiness;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Placement parity with Twemproxy for memcached pools: one nutcracker.yml with {@code redis: false},
 * three memcached backends; the same 10,000 keys written through nutcracker and then through the
 * cachefleet proxy must land on the same backends, as the backends themselves report.
 */
class MemcacheParityTest {

  private static final int KEYS = 10_000;

  /** Sets written at once before their replies are read: few round trips, replies well within socket buffers. */
  private static final int SET_BATCH = 1_000;

  /** Keys asked of a backend in one {@code get}. */
  private static final int GET_BATCH = 100;

  private static final List<ServerProcess> memcached = new ArrayList<>();

  @BeforeAll
  static void startBackends() {
    for (int i = 0; i < 3; i++) {
      memcached.add(ServerProcess.memcached());
    }
  }

  @AfterAll
  static void stopBackends() {
    memcached.forEach(ServerProcess::close);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "named-weighted", "hash-tag", "md5-modula", "crc32a-ketama"})
  void everyKey_landsWhereNutcrackerPutsIt(String name) throws IOException {
    int port = ServerProcess.freePort();
    Path config = ParityPools.write(name, port, false, memcached.get(0).port(), memcached.get(1).port(),
        memcached.get(2).port());

    Map<String, Integer> byNutcracker = placement(port, p -> ServerProcess.nutcracker(config, p, Readiness.VERSION),
        name);
    Map<String, Integer> byCachefleet = placement(port, p -> ServerProcess.proxy(config, p, Readiness.VERSION), name);

    assertThat(byNutcracker).hasSize(KEYS);
    assertThat(new HashSet<>(byNutcracker.values())).hasSize(3);
    assertThat(byCachefleet).isEqualTo(byNutcracker);
  }

  /** Writes every key through the proxy {@code start} runs, then asks each backend which it holds. */
  private static Map<String, Integer> placement(int port, IntFunction<ServerProcess> start, String name) {
    flushBackends();
    try (ServerProcess proxy = start.apply(port); MemcacheSocket client = new MemcacheSocket(port)) {
      for (int from = 0; from < KEYS; from += SET_BATCH) {
        int to = Math.min(KEYS, from + SET_BATCH);
        StringBuilder sets = new StringBuilder();
        for (int i = from; i < to; i++) {
          sets.append("set ").append(key(name, i)).append(" 0 0 1\r\nv\r\n");
        }
        client.send(sets.toString());
        for (int i = from; i < to; i++) {
          assertThat(client.read()).as("set %s", key(name, i)).isEqualTo("STORED\r\n");
        }
      }
    }
    Map<String, Integer> owner = new HashMap<>();
    for (int b = 0; b < memcached.size(); b++) {
      for (String key : held(memcached.get(b).port(), name)) {
        assertThat(owner.put(key, b)).as("%s is on two backends", key).isNull();
      }
    }
    return owner;
  }

  /** The keys of case {@code name} that the memcached on {@code port} holds, asked a batch at a time. */
  private static List<String> held(int port, String name) {
    List<String> held = new ArrayList<>();
    try (MemcacheSocket direct = new MemcacheSocket(port)) {
      for (int from = 0; from < KEYS; from += GET_BATCH) {
        StringBuilder get = new StringBuilder("get");
        for (int i = from; i < Math.min(KEYS, from + GET_BATCH); i++) {
          get.append(' ').append(key(name, i));
        }
        for (String line : direct.call(get.append("\r\n").toString()).split("\r\n")) {
          if (line.startsWith("VALUE ")) {
            held.add(line.split(" ")[1]);
          }
        }
      }
    }
    return held;
  }

  /** Key {@code i} of case {@code name}: 500 hash tags of 20 keys each for the hash-tag case. */
  private static String key(String name, int i) {
    return name.equals("hash-tag") ? "{user:" + (i % 500) + "}:item:" + i : "key:" + i;
  }

  /** Empties the three memcached, asked directly. */
  private static void flushBackends() {
    for (ServerProcess m : memcached) {
      try (MemcacheSocket direct = new MemcacheSocket(m.port())) {
        assertThat(direct.call("flush_all\r\n")).isEqualTo("OK\r\n");
      }
    }
  }
}
