package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Commands the proxy answers itself, with Redis's replies. */
class LocalCommandsTest {

  private static ProxyHarness h;
  private static ProxyHarness withAuth;

  @BeforeAll
  static void start() {
    h = new ProxyHarness(2);
    withAuth = new ProxyHarness(1, "s3cret", pool -> withRedisAuth(pool, "s3cret"));
  }

  @AfterAll
  static void stop() {
    h.close();
    withAuth.close();
  }

  @Test
  void ping_echo() {
    try (RespClient c = h.client()) {
      assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
      assertThat(c.call("PING", "hi")).isEqualTo("$2\r\nhi\r\n");
      assertThat(c.call("PING", "a", "b")).isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
      assertThat(c.call("ECHO", "x y")).isEqualTo("$3\r\nx y\r\n");
    }
  }

  @Test
  void select_onlyDatabaseZero() {
    try (RespClient c = h.client()) {
      assertThat(c.call("SELECT", "0")).isEqualTo("+OK\r\n");
      assertThat(c.call("SELECT", "1")).isEqualTo("-ERR DB index is out of range\r\n");
      assertThat(c.call("SELECT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    }
  }

  @Test
  void time_isTheProxysClock() {
    try (RespClient c = h.client()) {
      long before = System.currentTimeMillis();
      String[] reply = c.call("TIME").split("\r\n");
      long after = System.currentTimeMillis();
      assertThat(reply).hasSize(5);
      assertThat(reply[0]).isEqualTo("*2");
      long micros = Long.parseLong(reply[2]) * 1_000_000 + Long.parseLong(reply[4]);
      assertThat(Long.parseLong(reply[4])).isBetween(0L, 999_999L);
      assertThat(micros).isBetween(before * 1000, after * 1000 + 999);
      assertThat(c.call("TIME", "x")).isEqualTo("-ERR wrong number of arguments for 'time' command\r\n");
    }
  }

  @Test
  void quit_repliesOkThenCloses() {
    try (RespClient c = h.client()) {
      c.raw(RespClient.encode("PING") + RespClient.encode("QUIT") + RespClient.encode("PING"));
      assertThat(c.read()).isEqualTo("+PONG\r\n");
      assertThat(c.read()).isEqualTo("+OK\r\n");
      assertThat(c.isClosedByServer()).isTrue();
    }
  }

  @Test
  void hello3_switchesTheClientToResp3_andHello2Back() {
    try (RespClient c = h.client()) {
      String hello = c.call("HELLO", "3");
      assertThat(hello).startsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
          + "$5\r\nproto\r\n:3\r\n");
      assertThat(c.call("HELLO")).startsWith("%7\r\n");
      assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("_\r\n");
      assertThat(c.call("INFO", "server")).startsWith("=").contains("txt:# Server\r\n");
      assertThat(c.call("COMMAND", "DOCS", "get")).startsWith("%1\r\n$3\r\nget\r\n%");
      assertThat(c.call("COMMAND", "INFO", "get")).startsWith("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n~");
      // through backend connections that said HELLO 3: RESP3 nulls, maps and doubles
      assertThat(c.call("GET", "resp3:none")).isEqualTo("_\r\n");
      c.call("HSET", "resp3:h", "f", "v");
      assertThat(c.call("HGETALL", "resp3:h")).isEqualTo("%1\r\n$1\r\nf\r\n$1\r\nv\r\n");
      assertThat(c.call("ZADD", "resp3:z", "1.5", "m")).isEqualTo(":1\r\n");
      assertThat(c.call("ZSCORE", "resp3:z", "m")).isEqualTo(",1.5\r\n");
      assertThat(c.call("MGET", "resp3:none", "resp3:other")).isEqualTo("*2\r\n_\r\n_\r\n");

      assertThat(c.call("HELLO", "2")).startsWith("*14\r\n");
      assertThat(c.call("GET", "resp3:none")).isEqualTo("$-1\r\n");
      assertThat(c.call("HGETALL", "resp3:h")).isEqualTo("*2\r\n$1\r\nf\r\n$1\r\nv\r\n");
      c.call("HELLO", "3");
      assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
      assertThat(c.call("GET", "resp3:none")).isEqualTo("$-1\r\n");
      c.call("DEL", "resp3:h", "resp3:z");
    }
  }

  @Test
  void hello_checksItsArguments() {
    try (RespClient c = h.client()) {
      assertThat(c.call("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
      assertThat(c.call("HELLO", "x")).isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
      String hello = c.call("HELLO", "2", "SETNAME", "app");
      assertThat(hello).startsWith("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n"
          + "$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:");
      assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$3\r\napp\r\n");
    }
  }

  @Test
  void client_setnameGetnameId() {
    try (RespClient c = h.client()) {
      assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
      assertThat(c.call("CLIENT", "SETNAME", "worker-1")).isEqualTo("+OK\r\n");
      assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$8\r\nworker-1\r\n");
      assertThat(c.call("CLIENT", "SETNAME", "a b"))
          .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
      assertThat(c.call("CLIENT", "ID")).matches(":\\d+\r\n");
      assertThat(c.call("CLIENT", "NOSUCH")).isEqualTo("-ERR unknown subcommand 'NOSUCH'. Try CLIENT HELP.\r\n");
    }
  }

  @Test
  void command_describesOnlyRoutedCommands() {
    try (RespClient c = h.client()) {
      int count = Integer.parseInt(c.call("COMMAND", "COUNT").substring(1).trim());
      assertThat(count).isBetween(150, 240);
      assertThat(c.call("COMMAND", "INFO", "get")).startsWith("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n");
      assertThat(c.call("COMMAND", "INFO", "shutdown", "nosuch")).isEqualTo("*2\r\n$-1\r\n$-1\r\n");
      assertThat(c.call("COMMAND")).startsWith("*" + count + "\r\n");
    }
  }

  @Test
  void info_reportsTheProxysOwnSections() {
    try (RespClient c = h.client()) {
      String info = c.call("INFO");
      assertThat(info).contains("# Server\r\n", "redis_mode:proxy\r\n", "# Clients\r\n", "connected_clients:",
          "# Stats\r\n", "# Pool\r\n", "pool:alpha\r\n", "hash:md5\r\n", "distribution:ketama\r\n",
          "backends_in_ring:2\r\n", "tcp_port:" + h.proxy.port(ProxyHarness.POOL) + "\r\n");
      assertThat(info).containsSubsequence("# Server\r\n", "# Clients\r\n", "# Stats\r\n", "# Pool\r\n", "# Keyspace\r\n")
          .doesNotContain("# Latencystats");
      assertThat(c.call("INFO", "clients")).doesNotContain("# Server").contains("# Clients");
      assertThat(c.call("INFO", "CLIENTS", "server", "nosuch")).containsSubsequence("# Server\r\n", "# Clients\r\n")
          .doesNotContain("# Stats", "# Keyspace");
      assertThat(c.call("INFO", "everything")).containsSubsequence("# Server\r\n", "# Pool\r\n", "# Latencystats\r\n",
          "# Keyspace\r\n");
      assertThat(c.call("INFO", "default", "latencystats")).contains("# Server\r\n", "# Latencystats\r\n");
      assertThat(c.call("INFO", "nosuch")).isEqualTo("$0\r\n\r\n");
    }
  }

  @Test
  void auth_requiredWhenThePoolHasRedisAuth() {
    try (RespClient c = withAuth.client()) {
      assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
      assertThat(c.call("AUTH", "wrong"))
          .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
      assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
      assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
      assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
    }
    try (RespClient c = withAuth.client()) {
      assertThat(c.call("HELLO", "2", "AUTH", "default", "s3cret")).startsWith("*14\r\n");
      assertThat(c.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
    }
  }

  @Test
  void reset_forgetsTheNameAndTheAuthentication() {
    try (RespClient c = withAuth.client()) {
      assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
      assertThat(c.call("CLIENT", "SETNAME", "worker")).isEqualTo("+OK\r\n");
      assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
      assertThat(c.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
      assertThat(c.call("AUTH", "s3cret")).isEqualTo("+OK\r\n");
      assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
      assertThat(c.call("RESET", "x")).isEqualTo("-ERR wrong number of arguments for 'reset' command\r\n");
    }
    try (RespClient c = h.client()) {
      assertThat(c.call("RESET")).isEqualTo("+RESET\r\n");
      assertThat(c.call("SET", "k", "v")).isEqualTo("+OK\r\n");
    }
  }

  @Test
  void auth_withoutPasswordConfigured_isRedisError() {
    try (RespClient c = h.client()) {
      assertThat(c.call("AUTH", "x")).isEqualTo("-ERR AUTH <password> called without any password configured "
          + "for the default user. Are you sure your configuration is correct?\r\n");
    }
  }

  /** The pool with {@code password} as redis_auth. */
  private static PoolConfig withRedisAuth(PoolConfig p, String password) {
    return new PoolConfig(p.name(), p.listen(), p.hash(), p.hashTag(), p.distribution(), p.timeout(), p.backlog(),
        p.clientConnections(), p.redis(), password, p.redisDb(), p.preconnect(), p.autoEjectHosts(),
        p.serverConnections(), p.serverRetryTimeout(), p.serverFailureLimit(), p.servers());
  }
}
