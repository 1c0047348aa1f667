package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * redis_auth and redis_db: the proxy authenticates to stock redis-server backends that require a
 * password and selects the pool's database on every connection, as Twemproxy does; clients
 * authenticate to the proxy with the same password and see database 0, in INFO keyspace too.
 */
class ProxyBackendSessionTest {

  private static final String PASSWORD = "s3cret-pw";

  @Test
  void proxy_authenticatesToItsBackends_andWritesIntoTheConfiguredDatabase() {
    try (ServerProcess redis = ServerProcess.redis("--requirepass", PASSWORD)) {
      int port = ServerProcess.freePort();
      Path yml = NutcrackerYml.write("session", port, "  redis_auth: " + PASSWORD + "\n  redis_db: 3\n", redis.port());
      try (ServerProcess proxy = ServerProcess.proxy(yml, port); Jedis client = new Jedis("127.0.0.1", port)) {
        assertThat(client.auth(PASSWORD)).isEqualTo("OK");
        assertThat(client.ping()).isEqualTo("PONG");
        assertThat(client.set("session:key", "v")).isEqualTo("OK");
        assertThat(client.get("session:key")).isEqualTo("v");
        assertThat(client.setex("session:ttl", 100, "v")).isEqualTo("OK");
        assertThat(client.info("keyspace")).startsWith("# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=");
      }
      try (Jedis direct = new Jedis("127.0.0.1", redis.port())) {
        direct.auth(PASSWORD);
        assertThat(direct.exists("session:key")).isFalse();
        direct.select(3);
        assertThat(direct.get("session:key")).isEqualTo("v");
      }
    }
  }

  @Test
  void wrongBackendPassword_failsRequestsWithAnErrorNamingTheBackend() {
    try (ServerProcess redis = ServerProcess.redis("--requirepass", PASSWORD)) {
      int port = ServerProcess.freePort();
      Path yml = NutcrackerYml.write("badauth", port, "  redis_auth: wrong\n", redis.port());
      try (ServerProcess proxy = ServerProcess.proxy(yml, port); RespSocket client = new RespSocket(port)) {
        assertThat(client.call("AUTH", "wrong")).isEqualTo("+OK\r\n");
        assertThat(client.call("GET", "k")).startsWith("-ERR backend 127.0.0.1:" + redis.port() + " refused AUTH: ");
        assertThat(client.call("PING")).isEqualTo("+PONG\r\n");
      }
    }
  }
}
