package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.resps.Tuple;

/** A node process driven by Jedis, the way a Java application uses Redis. */
class JedisTest {

  private static ServerProcess node;

  private Jedis jedis;

  @BeforeAll
  static void startNode() {
    node = ServerProcess.node();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @BeforeEach
  void connect() {
    jedis = connection();
  }

  @AfterEach
  void disconnect() {
    jedis.close();
  }

  @Test
  void strings_setGetIncrMsetMget() {
    assertThat(jedis.set("s:k", "v")).isEqualTo("OK");
    assertThat(jedis.get("s:k")).isEqualTo("v");
    assertThat(jedis.get("s:missing")).isNull();
    assertThat(jedis.incr("s:n")).isEqualTo(1);
    assertThat(jedis.incrBy("s:n", 41)).isEqualTo(42);
    assertThat(jedis.mset("s:a", "1", "s:b", "2")).isEqualTo("OK");
    assertThat(jedis.mget("s:a", "s:missing", "s:b")).containsExactly("1", null, "2");
  }

  @Test
  void keys_delExpireTtl() {
    jedis.mset("k:a", "1", "k:b", "2");

    assertThat(jedis.del("k:a", "k:b", "k:missing")).isEqualTo(2);
    assertThat(jedis.exists("k:a")).isFalse();

    jedis.set("k:t", "v");
    assertThat(jedis.ttl("k:t")).isEqualTo(-1);
    assertThat(jedis.expire("k:t", 100)).isEqualTo(1);
    assertThat(jedis.ttl("k:t")).isBetween(99L, 100L);
    assertThat(jedis.ttl("k:missing")).isEqualTo(-2);
  }

  @Test
  void pipeline_thousandCommands_answeredInOrder() {
    Pipeline pipeline = jedis.pipelined();
    List<Response<Long>> counts = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      pipeline.set("p:" + i, Integer.toString(i));
      counts.add(pipeline.incr("p:counter"));
    }
    pipeline.sync();

    for (int i = 0; i < 500; i++) {
      assertThat(counts.get(i).get()).isEqualTo(i + 1);
    }
    assertThat(jedis.get("p:499")).isEqualTo("499");
  }

  @Test
  void multiExec_runsQueuedCommandsTogether() {
    Transaction tx = jedis.multi();
    tx.set("t:k", "v");
    tx.incr("t:n");
    tx.get("t:k");

    assertThat(tx.exec()).containsExactly("OK", 1L, "v");
  }

  @Test
  void watch_keyChangedByAnotherConnection_execReturnsNull() {
    jedis.set("w:k", "before");
    jedis.watch("w:k");
    try (Jedis other = connection()) {
      other.set("w:k", "other");
    }
    Transaction tx = jedis.multi();
    tx.set("w:k", "mine");

    assertThat(tx.exec()).isNull();
    assertThat(jedis.get("w:k")).isEqualTo("other");
  }

  @Test
  void pubSub_subscriberReceivesPublishFromAnotherConnection() throws Exception {
    CountDownLatch subscribed = new CountDownLatch(1);
    List<String> received = new ArrayList<>();
    JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onSubscribe(String channel, int count) {
        subscribed.countDown();
      }

      @Override
      public void onMessage(String channel, String message) {
        received.add(channel + "=" + message);
        unsubscribe();
      }
    };
    CompletableFuture<Void> subscription = CompletableFuture.runAsync(() -> {
      try (Jedis subscriber = connection()) {
        subscriber.subscribe(listener, "news");
      }
    });

    assertThat(subscribed.await(10, TimeUnit.SECONDS)).as("subscribed").isTrue();
    assertThat(jedis.publish("news", "hello")).isEqualTo(1);
    subscription.get(10, TimeUnit.SECONDS);

    assertThat(received).containsExactly("news=hello");
  }

  @Test
  void hash_hsetHgetall() {
    assertThat(jedis.hset("h:k", Map.of("f1", "v1", "f2", "v2"))).isEqualTo(2);

    assertThat(jedis.hgetAll("h:k")).isEqualTo(Map.of("f1", "v1", "f2", "v2"));
  }

  @Test
  void list_lpushLrange() {
    assertThat(jedis.lpush("l:k", "a", "b", "c")).isEqualTo(3);

    assertThat(jedis.lrange("l:k", 0, -1)).containsExactly("c", "b", "a");
  }

  @Test
  void set_saddSmembers() {
    assertThat(jedis.sadd("set:k", "a", "b", "c", "a")).isEqualTo(3);

    assertThat(jedis.smembers("set:k")).isEqualTo(Set.of("a", "b", "c"));
  }

  @Test
  void zset_zaddZrangeWithScores() {
    assertThat(jedis.zadd("z:k", Map.of("a", 1.0, "b", 2.5))).isEqualTo(2);

    assertThat(jedis.zrangeWithScores("z:k", 0, -1)).containsExactly(new Tuple("a", 1.0), new Tuple("b", 2.5));
  }

  private static Jedis connection() {
    return new Jedis("127.0.0.1", node.port());
  }
}
