package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.node.store.EvictionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EvictionTest {

  private static final String OOM = error("OOM command not allowed when used memory > 'maxmemory'.");
  private static final long LIMIT = 200_000;
  private static final String VALUE = "x".repeat(1000);

  private static long info(NodeHarness.Client c, String field) {
    String info = c.call("INFO", "all");
    for (String line : info.split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1));
      }
    }
    throw new AssertionError(field + " not in INFO");
  }

  @Test
  void noeviction_refusesWritesButServesReads() {
    NodeHarness h = new NodeHarness(LIMIT, EvictionPolicy.NOEVICTION, null);
    try (NodeHarness.Client c = h.client()) {
      String reply = "";
      int written = 0;
      while (!reply.equals(OOM) && written < 1000) {
        reply = c.call("SET", "k" + written, VALUE);
        written++;
      }
      assertThat(reply).isEqualTo(OOM);
      assertThat(c.call("GET", "k0")).isEqualTo(bulk(VALUE));
      assertThat(c.call("DEL", "k0")).isEqualTo(NodeHarness.integer(1));
      assertThat(info(c, "used_memory")).isLessThanOrEqualTo(LIMIT + 2000);
      assertThat(info(c, "evicted_keys")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(value = EvictionPolicy.class, names = {"ALLKEYS_LRU", "ALLKEYS_LFU", "ALLKEYS_RANDOM"})
  void allkeysPolicies_evictToStayUnderTheLimit(EvictionPolicy policy) {
    NodeHarness h = new NodeHarness(LIMIT, policy, null);
    try (NodeHarness.Client c = h.client()) {
      for (int i = 0; i < 1000; i++) {
        assertThat(c.call("SET", "k" + i, VALUE)).isEqualTo(ok());
      }
      long keys = Long.parseLong(c.call("DBSIZE").replaceAll("[:\r\n]", ""));
      assertThat(keys).isLessThan(1000).isGreaterThan(50);
      assertThat(info(c, "evicted_keys")).isEqualTo(1000 - keys);
      assertThat(info(c, "used_memory")).isLessThanOrEqualTo(LIMIT + 2000);
    }
  }

  @Test
  void volatilePolicy_withoutVolatileKeys_refusesWrites() {
    NodeHarness h = new NodeHarness(LIMIT, EvictionPolicy.VOLATILE_LRU, null);
    try (NodeHarness.Client c = h.client()) {
      String reply = "";
      for (int i = 0; i < 1000 && !reply.equals(OOM); i++) {
        reply = c.call("SET", "k" + i, VALUE);
      }
      assertThat(reply).isEqualTo(OOM);
    }
  }

  @Test
  void configSetMaxmemory_appliesToTheNextWrite() {
    NodeHarness h = new NodeHarness();
    try (NodeHarness.Client c = h.client()) {
      for (int i = 0; i < 300; i++) {
        c.call("SET", "k" + i, VALUE);
      }
      assertThat(c.call("CONFIG", "SET", "maxmemory", "100kb")).isEqualTo(ok());
      assertThat(c.call("SET", "one-more", VALUE)).isEqualTo(OOM);
      assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru")).isEqualTo(ok());
      assertThat(c.call("SET", "one-more", VALUE)).isEqualTo(ok());
      assertThat(info(c, "used_memory")).isLessThanOrEqualTo(100 * 1024 + 2000);
    }
  }
}
