package io.cachefleet.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.protocol.RespCommand;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyspaceTest {

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final Keyspace ks = new Keyspace(clock::get);

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a key as GET does, refreshing its access clock. */
  private void read(String key) {
    RespCommand get = RespCommand.of(Unpooled.buffer(), "GET", key);
    try {
      assertThat(ks.lookupRead(get, 1)).isNotNull();
    } finally {
      get.release();
    }
  }

  @Test
  void find_expiresLazily() {
    KeyEntry e = ks.add(b("k"), b("v"));
    ks.setExpire(e, clock.get() + 100);
    ks.modified(e);
    assertThat(ks.find(b("k"))).isSameAs(e);
    clock.addAndGet(100);
    assertThat(ks.find(b("k"))).isNull();
    assertThat(ks.size()).isZero();
    assertThat(ks.expiredKeys()).isEqualTo(1);
    assertThat(ks.volatileSize()).isZero();
  }

  @Test
  void activeExpireCycle_reclaimsExpiredKeysWithoutAccess() {
    for (int i = 0; i < 1000; i++) {
      KeyEntry e = ks.add(b("t" + i), b("v"));
      ks.setExpire(e, clock.get() + 10);
      ks.modified(e);
    }
    for (int i = 0; i < 100; i++) {
      ks.add(b("p" + i), b("v"));
    }
    clock.addAndGet(10);
    long before = ks.usedMemory();
    int deleted = 0;
    for (int round = 0; round < 100 && ks.volatileSize() > 0; round++) {
      deleted += ks.activeExpireCycle(Long.MAX_VALUE, System::nanoTime);
    }
    assertThat(deleted).isEqualTo(1000);
    assertThat(ks.size()).isEqualTo(100);
    assertThat(ks.usedMemory()).isLessThan(before);
  }

  @Test
  void usedMemory_followsValuesAndReturnsToBaselineWhenEmptied() {
    long empty = ks.usedMemory();
    KeyEntry e = ks.add(b("k"), new byte[1000]);
    long one = ks.usedMemory();
    assertThat(one - empty).isGreaterThan(1000);
    ks.replace(e, new byte[10]);
    assertThat(ks.usedMemory()).isLessThan(one - 900);
    ks.delete(e);
    assertThat(ks.usedMemory()).isEqualTo(empty);
  }

  @Test
  void evictUntil_noevictionRefusesAndAllkeysLruEvictsIdleKeysFirst() {
    for (int i = 0; i < 100; i++) {
      ks.add(b("k" + i), new byte[100]);
    }
    long limit = ks.usedMemory() / 2;
    assertThat(ks.evictUntil(limit)).isFalse();
    assertThat(ks.size()).isEqualTo(100);

    ks.setPolicy(EvictionPolicy.ALLKEYS_LRU);
    clock.addAndGet(3_600_000);
    for (int i = 50; i < 100; i++) {
      read("k" + i);
    }
    assertThat(ks.evictUntil(limit)).isTrue();
    assertThat(ks.usedMemory()).isLessThanOrEqualTo(limit);
    int recentKept = 0;
    for (int i = 50; i < 100; i++) {
      if (ks.find(b("k" + i)) != null) {
        recentKept++;
      }
    }
    assertThat(recentKept).as("recently used keys survive").isGreaterThan(40);
    assertThat(ks.evictedKeys()).isGreaterThan(0);
  }

  @Test
  void evictUntil_volatilePoliciesTouchOnlyKeysWithTtl() {
    for (int i = 0; i < 50; i++) {
      ks.add(b("p" + i), new byte[100]);
      KeyEntry v = ks.add(b("v" + i), new byte[100]);
      ks.setExpire(v, clock.get() + 1_000_000 + i);
      ks.modified(v);
    }
    for (EvictionPolicy policy : new EvictionPolicy[] {EvictionPolicy.VOLATILE_TTL, EvictionPolicy.VOLATILE_RANDOM}) {
      ks.setPolicy(policy);
      assertThat(ks.evictUntil(0)).as(policy.redisName()).isFalse();
      for (int i = 0; i < 50; i++) {
        assertThat(ks.find(b("p" + i))).as(policy.redisName()).isNotNull();
      }
      assertThat(ks.volatileSize()).isZero();
      for (int i = 0; i < 50; i++) {
        KeyEntry v = ks.add(b("v" + i), new byte[100]);
        ks.setExpire(v, clock.get() + 1_000_000 + i);
        ks.modified(v);
      }
    }
  }
}
