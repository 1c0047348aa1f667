package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A cachefleet proxy process over three redis-server processes, driven by the clients
 * applications and operators use: Jedis, redis-cli, redis-benchmark. Where a key lands is checked
 * on the backends themselves.
 */
class ProxyClientsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Backends backends;
  private static ServerProcess proxy;

  private Jedis jedis;

  @BeforeAll
  static void startProxy() {
    backends = Backends.start(3);
    int port = ServerProcess.freePort();
    // murmur, not Twemproxy's default fnv1a_64, which puts short look-alike keys such as m:0..m:99
    // all on one of three backends (nutcracker does the same), and these tests spread keys by prefix
    Path config = NutcrackerYml.write("clients", port, """
          hash: murmur
          hash_tag: "{}"
          distribution: ketama
        """, backends.port(0), backends.port(1), backends.port(2));
    proxy = ServerProcess.proxy(config, port);
  }

  @AfterAll
  static void stopProxy() {
    if (proxy != null) {
      proxy.close();
    }
    if (backends != null) {
      backends.close();
    }
  }

  @BeforeEach
  void connect() {
    backends.flushAll();
    jedis = connection();
  }

  @AfterEach
  void disconnect() {
    jedis.close();
  }

  @Test
  void pipeline_tenThousandSetsAndGets_repliesInRequestOrder() {
    Pipeline pipeline = jedis.pipelined();
    List<Response<String>> sets = new ArrayList<>();
    List<Response<String>> gets = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      sets.add(pipeline.set("pipe:" + i, "value-" + i));
      gets.add(pipeline.get("pipe:" + i));
    }
    pipeline.sync();

    for (int i = 0; i < 10_000; i++) {
      assertThat(sets.get(i).get()).as("SET pipe:%d", i).isEqualTo("OK");
      assertThat(gets.get(i).get()).as("GET pipe:%d", i).isEqualTo("value-" + i);
    }
    long total = 0;
    for (int b = 0; b < backends.size(); b++) {
      try (Jedis direct = backends.direct(b)) {
        assertThat(direct.dbSize()).as("keys on backend %d", b).isPositive();
        total += direct.dbSize();
      }
    }
    assertThat(total).isEqualTo(10_000);
  }

  @Test
  void msetMget_hundredKeysOverEveryBackend() {
    List<String> keys = keys("m:", 100);
    String[] keysValues = keys.stream().flatMap(k -> List.of(k, "v-" + k).stream()).toArray(String[]::new);

    assertThat(jedis.mset(keysValues)).isEqualTo("OK");

    List<String> asked = new ArrayList<>(keys);
    asked.add(1, "m:missing");
    List<String> expected = new ArrayList<>(keys.stream().map(k -> "v-" + k).toList());
    expected.add(1, null);
    assertThat(jedis.mget(asked.toArray(String[]::new))).containsExactlyElementsOf(expected);
    Set<String> stored = new HashSet<>();
    for (int b = 0; b < backends.size(); b++) {
      Set<String> onBackend = backends.keys(b, "m:*");
      assertThat(onBackend).as("keys on backend %d", b).isNotEmpty();
      assertThat(stored.addAll(onBackend)).isTrue();
    }
    assertThat(stored).hasSize(100).containsAll(keys);
  }

  @Test
  void delExistsUnlinkTouch_countOverEveryBackend() {
    List<String> keys = keys("d:", 100);
    jedis.mset(keys.stream().flatMap(k -> List.of(k, "v").stream()).toArray(String[]::new));
    String[] withMissingAndRepeated = withExtra(keys, "d:missing", keys.get(0));

    assertThat(jedis.exists(withMissingAndRepeated)).as("EXISTS counts a repeated key twice").isEqualTo(101);
    assertThat(jedis.touch(withMissingAndRepeated)).isEqualTo(101);
    assertThat(jedis.del(withExtra(keys.subList(0, 50), "d:missing"))).isEqualTo(50);
    assertThat(jedis.unlink(withExtra(keys, "d:missing"))).isEqualTo(50);
    assertThat(jedis.exists(keys.toArray(String[]::new))).isZero();
    assertThat(jedis.dbSize()).isZero();
  }

  @Test
  void multiExec_keysSharingAHashTag_runTogether() {
    Transaction tx = jedis.multi();
    tx.set("{user:1}:name", "ada");
    tx.incr("{user:1}:visits");
    tx.get("{user:1}:name");
    tx.incrBy("{user:1}:visits", 9);

    assertThat(tx.exec()).containsExactly("OK", 1L, "ada", 10L);
    assertThat(backends.holders("{user:1}:name")).hasSize(1).isEqualTo(backends.holders("{user:1}:visits"));
  }

  @Test
  void scriptLoad_reachesEveryBackend_soEvalshaRunsWhereverItsKeysLive() {
    String script = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
    Apart apart = keysOnDifferentBackends();

    String sha = jedis.scriptLoad(script);
    for (int b = 0; b < backends.size(); b++) {
      try (Jedis direct = backends.direct(b)) {
        assertThat(direct.scriptExists(sha)).as("backend %d has the script", b).isTrue();
      }
    }
    assertThat(jedis.evalsha(sha, List.of(apart.first()), List.of("5"))).isEqualTo(5L);
    assertThat(jedis.evalsha(sha, List.of(apart.second()), List.of("7"))).isEqualTo(7L);
    String unknown = "0".repeat(40);
    assertThat(jedis.scriptExists(sha, unknown)).containsExactly(true, false);

    try (Jedis direct = backends.direct(1)) {
      direct.scriptFlush();
    }
    assertThat(jedis.scriptExists(sha)).as("one backend lost it").isFalse();

    assertThat(jedis.scriptFlush()).isEqualTo("OK");
    assertThatThrownBy(() -> jedis.evalsha(sha, List.of(apart.first()), List.of("1")))
        .isInstanceOf(JedisDataException.class).hasMessageStartingWith("NOSCRIPT");
    try (RespSocket client = new RespSocket(proxy.port())) {
      assertThat(client.call("SCRIPT")).isEqualTo("-ERR wrong number of arguments for 'script' command\r\n");
      assertThat(client.call("SCRIPT", "LOAD", "return +")).startsWith("-ERR Error compiling script");
      assertThat(client.call("SCRIPT", "KILL")).startsWith("-ERR unknown command 'SCRIPT'");
    }
  }

  @Test
  void resp3Client_getsMapsDoublesAndNulls_fromEveryBackend() {
    var config = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build();
    try (Jedis resp3 = new Jedis(new HostAndPort("127.0.0.1", proxy.port()), config)) {
      for (int i = 0; i < 30; i++) {
        resp3.hset("h:" + i, Map.of("field", "v" + i));
        resp3.zadd("z:" + i, 1.5, "m");
      }
      Set<Integer> holders = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        assertThat(resp3.hgetAll("h:" + i)).isEqualTo(Map.of("field", "v" + i));
        assertThat(resp3.zscore("z:" + i, "m")).isEqualTo(1.5);
        holders.addAll(backends.holders("h:" + i));
      }
      assertThat(holders).as("the keys live on every backend").hasSize(3);
      assertThat(resp3.get("h:missing")).isNull();
      assertThat(resp3.mget("h:missing", "h:also-missing")).containsExactly(null, null);
      assertThat(resp3.hgetAll("h:missing")).isEmpty();
    }
  }

  @Test
  void resp3Client_pubSub_confirmationsAndMessagesArePushes() throws Exception {
    var config = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP3).build();
    CountDownLatch subscribed = new CountDownLatch(1);
    CompletableFuture<String> message = new CompletableFuture<>();
    JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onSubscribe(String channel, int count) {
        subscribed.countDown();
      }

      @Override
      public void onMessage(String channel, String text) {
        message.complete(channel + "=" + text);
        unsubscribe();
      }
    };
    try (Jedis subscriber = new Jedis(new HostAndPort("127.0.0.1", proxy.port()), config)) {
      CompletableFuture<Void> done = CompletableFuture.runAsync(() -> subscriber.subscribe(listener, "news"));
      assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(jedis.publish("news", "hello")).isEqualTo(1);
      assertThat(message.get(10, TimeUnit.SECONDS)).isEqualTo("news=hello");
      done.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void multiExec_keysOnDifferentBackends_refusedWithTheReason() {
    Apart apart = keysOnDifferentBackends();

    try (RespSocket client = new RespSocket(proxy.port())) {
      assertThat(client.call("MULTI")).isEqualTo("+OK\r\n");
      assertThat(client.call("SET", apart.first(), "1")).isEqualTo("+QUEUED\r\n");
      assertThat(client.call("SET", apart.second(), "2")).isEqualTo("-ERR keys of 'set' live on 127.0.0.1:"
          + apart.secondPort() + ", but this transaction's keys live on 127.0.0.1:" + apart.firstPort() + "\r\n");
      assertThat(client.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
    }
    Transaction tx = jedis.multi();
    tx.mset(apart.first(), "1", apart.second(), "2");
    assertThatThrownBy(tx::exec).isInstanceOf(JedisDataException.class)
        .hasMessage("EXECABORT Transaction discarded because of previous errors.");
    assertThat(jedis.exists(apart.first(), apart.second())).as("nothing of the transaction ran").isZero();
  }

  @Test
  void watch_keyChangedByAnotherClient_execReturnsNull() {
    jedis.set("{acct}:balance", "100");
    jedis.watch("{acct}:balance");
    try (Jedis other = connection()) {
      other.set("{acct}:balance", "50");
    }
    Transaction tx = jedis.multi();
    tx.decrBy("{acct}:balance", 30);

    assertThat(tx.exec()).isNull();
    assertThat(jedis.get("{acct}:balance")).isEqualTo("50");

    jedis.watch("{acct}:balance");
    Transaction untouched = jedis.multi();
    untouched.decrBy("{acct}:balance", 30);
    assertThat(untouched.exec()).containsExactly(20L);
  }

  @Test
  void pubSub_channelsAndPattern_receivePublishesFromAnotherConnection() throws Exception {
    CountDownLatch subscribed = new CountDownLatch(3);
    CountDownLatch delivered = new CountDownLatch(3);
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onSubscribe(String channel, int count) {
        subscribed.countDown();
        if (count == 2) {
          psubscribe("alerts.*");
        }
      }

      @Override
      public void onPSubscribe(String pattern, int count) {
        subscribed.countDown();
      }

      @Override
      public void onMessage(String channel, String message) {
        received(channel + "=" + message);
      }

      @Override
      public void onPMessage(String pattern, String channel, String message) {
        received(pattern + " " + channel + "=" + message);
      }

      private void received(String what) {
        received.add(what);
        delivered.countDown();
        if (delivered.getCount() == 0) {
          unsubscribe();
          punsubscribe();
        }
      }
    };
    CompletableFuture<Void> subscription = CompletableFuture.runAsync(() -> {
      try (Jedis subscriber = connection()) {
        subscriber.subscribe(listener, "news", "sports");
      }
    });

    assertThat(subscribed.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("subscribed to 2 channels, 1 pattern").isTrue();
    assertThat(jedis.publish("news", "n1")).isEqualTo(1);
    assertThat(jedis.publish("sports", "s1")).isEqualTo(1);
    assertThat(jedis.publish("alerts.fire", "f1")).isEqualTo(1);
    assertThat(jedis.publish("weather", "w1")).as("nobody listens").isZero();
    subscription.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(received).containsExactlyInAnyOrder("news=n1", "sports=s1", "alerts.* alerts.fire=f1");
  }

  @Test
  void blpop_servedByRpushFromAnotherConnection() throws Exception {
    CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> {
      try (Jedis consumer = connection()) {
        return consumer.blpop(30, "{jobs}:queue");
      }
    });
    Await.until("BLPOP blocks on a backend", WAIT, () -> blockedClients() == 1);

    assertThat(jedis.set("{jobs}:other", "meanwhile")).as("other clients are served meanwhile").isEqualTo("OK");
    assertThat(jedis.rpush("{jobs}:queue", "job-1")).isEqualTo(1);

    assertThat(popped.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsExactly("{jobs}:queue", "job-1");
    assertThat(jedis.llen("{jobs}:queue")).isZero();
  }

  @Test
  void scan_visitsEveryKeyOnce_asKeysListsThem() {
    List<String> keys = keys("scan:", 1000);
    jedis.mset(keys.stream().flatMap(k -> List.of(k, "v").stream()).toArray(String[]::new));

    List<String> scanned = scanAll(new ScanParams().count(50));
    List<String> scannedMatching = scanAll(new ScanParams().match("scan:1*").count(50));

    assertThat(scanned).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jedis.keys("*"));
    assertThat(scanned).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(scannedMatching).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jedis.keys("scan:1*"))
        .hasSize(111);
  }

  @Test
  void redisCli_setGetMget() {
    Apart apart = keysOnDifferentBackends();

    assertThat(cli("SET", apart.first(), "hello world")).isEqualTo(new Exec.Result(0, "OK\n", ""));
    assertThat(cli("GET", apart.first())).isEqualTo(new Exec.Result(0, "hello world\n", ""));
    assertThat(cli("SET", apart.second(), "2")).isEqualTo(new Exec.Result(0, "OK\n", ""));
    assertThat(cli("MGET", apart.first(), "cli:missing", apart.second()))
        .isEqualTo(new Exec.Result(0, "hello world\n\n2\n", ""));
  }

  @Test
  void redisCliPipe_tenThousandSets_noErrors() throws IOException {
    Path input = Files.createDirectories(Path.of("target", "exec")).resolve("proxy-pipe-10000.resp");
    try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < 10_000; i++) {
        out.write(new String(RespSocket.command("SET", "pipe:" + i, "value-" + i), StandardCharsets.US_ASCII));
      }
    }

    Exec.Result result = Exec.run(List.of(redisCli().toString(), "-p", Integer.toString(proxy.port()), "--pipe"),
        input, Map.of(), Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("errors: 0, replies: 10000");
    assertThat(jedis.get("pipe:9999")).isEqualTo("value-9999");
    assertThat(jedis.dbSize()).isEqualTo(10_000);
  }

  @Test
  void redisBenchmark_setGetMset_noErrors() {
    Path benchmark = Tools.require("redis-benchmark", "install Debian's redis-tools");

    // -r spreads the keys, so each MSET of 10 keys is split over the backends
    Exec.Result result = Exec.run(List.of(benchmark.toString(), "-h", "127.0.0.1", "-p",
        Integer.toString(proxy.port()), "-q", "-n", "20000", "-c", "20", "-r", "100000", "-t", "set,get,mset",
        "-P", "8"), null, Map.of(), Duration.ofSeconds(90));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = (result.out() + "\n" + result.err()).lines().flatMap(l -> Arrays.stream(l.split("\r")))
        .toList();
    assertThat(lines).as("no errors").noneMatch(l -> l.toLowerCase().contains("err"));
    assertThat(lines).anyMatch(l -> l.matches("SET: [\\d.]+ requests per second.*"))
        .anyMatch(l -> l.matches("GET: [\\d.]+ requests per second.*"))
        .anyMatch(l -> l.matches("MSET \\(10 keys\\): [\\d.]+ requests per second.*"));
    for (int b = 0; b < backends.size(); b++) {
      try (Jedis direct = backends.direct(b)) {
        assertThat(direct.dbSize()).as("keys on backend %d", b).isPositive();
      }
    }
  }

  private static Jedis connection() {
    return new Jedis("127.0.0.1", proxy.port());
  }

  private static List<String> keys(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  private static String[] withExtra(List<String> keys, String... extra) {
    List<String> all = new ArrayList<>(keys);
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  /** Two keys and the ports of the backends they live on, which differ. */
  private record Apart(String first, int firstPort, String second, int secondPort) {}

  /** Two keys the proxy puts on different backends, found by writing probes and asking the backends. */
  private Apart keysOnDifferentBackends() {
    List<String> probes = keys("probe:", 20);
    jedis.mset(probes.stream().flatMap(k -> List.of(k, "p").stream()).toArray(String[]::new));
    String first = probes.get(0);
    int firstOn = owner(first);
    String second = probes.stream().filter(k -> owner(k) != firstOn).findFirst().orElseThrow();
    Apart apart = new Apart(first, backends.port(firstOn), second, backends.port(owner(second)));
    jedis.del(probes.toArray(String[]::new));
    return apart;
  }

  /** The one backend holding {@code key}. */
  private static int owner(String key) {
    Set<Integer> holders = backends.holders(key);
    assertThat(holders).as("backends holding %s", key).hasSize(1);
    return holders.iterator().next();
  }

  private List<String> scanAll(ScanParams params) {
    List<String> scanned = new ArrayList<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = jedis.scan(cursor, params);
      scanned.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return scanned;
  }

  /** Clients blocked in a command, over all backends, as the backends count them. */
  private static long blockedClients() {
    long blocked = 0;
    for (int b = 0; b < backends.size(); b++) {
      try (Jedis direct = backends.direct(b)) {
        blocked += direct.info("clients").lines().filter(l -> l.startsWith("blocked_clients:"))
            .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).sum();
      }
    }
    return blocked;
  }

  private static Path redisCli() {
    return Tools.require("redis-cli", "install Debian's redis-tools");
  }

  private static Exec.Result cli(String... args) {
    List<String> command = new ArrayList<>(List.of(redisCli().toString(), "-p", Integer.toString(proxy.port())));
    command.addAll(List.of(args));
    return Exec.run(command, null, Map.of(), Duration.ofSeconds(30));
  }
}
