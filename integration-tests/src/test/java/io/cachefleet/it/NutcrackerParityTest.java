package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Placement parity with Twemproxy: one nutcracker.yml, three redis-server backends; the same
 * 10,000 keys written through nutcracker and then through the cachefleet proxy must land on the
 * same backends, as the backends themselves report.
 */
class NutcrackerParityTest {

  private static final int KEYS = 10_000;

  private static final List<ServerProcess> redis = new ArrayList<>();

  @BeforeAll
  static void startBackends() {
    for (int i = 0; i < 3; i++) {
      redis.add(ServerProcess.redis());
    }
  }

  @AfterAll
  static void stopBackends() {
    redis.forEach(ServerProcess::close);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "named-weighted", "hash-tag", "md5-modula", "crc32a-ketama"})
  void everyKey_landsWhereNutcrackerPutsIt(String name) throws IOException {
    int port = ServerProcess.freePort();
    Path config = ParityPools.write(name, port, true, redis.get(0).port(), redis.get(1).port(), redis.get(2).port());

    Map<String, Integer> byNutcracker = placement(port, p -> ServerProcess.nutcracker(config, p), name);
    Map<String, Integer> byCachefleet = placement(port, p -> ServerProcess.proxy(config, p), name);

    assertThat(byNutcracker).hasSize(KEYS);
    assertThat(new HashSet<>(byNutcracker.values())).hasSize(3);
    assertThat(byCachefleet).isEqualTo(byNutcracker);
  }

  /** Writes every key through the proxy {@code start} runs, then asks each backend which it holds. */
  private static Map<String, Integer> placement(int port, IntFunction<ServerProcess> start, String name) {
    flushBackends();
    try (ServerProcess proxy = start.apply(port); Jedis jedis = new Jedis("127.0.0.1", port)) {
      Pipeline p = jedis.pipelined();
      for (int i = 0; i < KEYS; i++) {
        p.set(key(name, i), "v");
      }
      p.sync();
    }
    Map<String, Integer> owner = new HashMap<>();
    for (int b = 0; b < redis.size(); b++) {
      try (Jedis direct = new Jedis("127.0.0.1", redis.get(b).port())) {
        for (String key : direct.keys("*")) {
          assertThat(owner.put(key, b)).as("%s is on two backends", key).isNull();
        }
      }
    }
    return owner;
  }

  private static String key(String name, int i) {
    return name.equals("hash-tag") ? "{user:" + (i % 500) + "}:item:" + i : "key:" + i;
  }

  private static void flushBackends() {
    for (ServerProcess r : redis) {
      try (Jedis direct = new Jedis("127.0.0.1", r.port())) {
        direct.flushAll();
      }
    }
  }
}
