package io.cachefleet.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.discovery.ring.KeyHashes;
import io.cachefleet.proxy.NutcrackerConfig;
import io.cachefleet.proxy.PoolConfig;
import io.cachefleet.proxy.ProxyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyConfigLoaderTest {

  private static final String ONE_POOL = "cachefleet.proxy.pools.alpha.servers = [\"127.0.0.1:7001:1\"]\n";

  private final ProxyConfigLoader loader = ProxyConfigLoader.fromClasspath();

  @TempDir
  Path dir;

  @Test
  void load_poolGivingOnlyServers_takesTwemproxysDefaults() throws IOException {
    ProxyConfig config = load(write(ONE_POOL));

    assertThat(config).isEqualTo(new ProxyConfig(0, "127.0.0.1", ProxyConfig.DEFAULT_STATS_PORT, "127.0.0.1",
        ProxyConfig.DEFAULT_ADMIN_PORT, List.of(new PoolConfig("alpha",
        new PoolConfig.ListenAddress("127.0.0.1", 22121), KeyHashes.byName("fnv1a_64"), HashTag.NONE,
        Distribution.KETAMA, Duration.ZERO, PoolConfig.DEFAULT_BACKLOG, 0, true, "", 0, false, false,
        PoolConfig.DEFAULT_SERVER_CONNECTIONS, PoolConfig.DEFAULT_SERVER_RETRY_TIMEOUT,
        PoolConfig.DEFAULT_SERVER_FAILURE_LIMIT, List.of(Member.of("127.0.0.1", 7001, 1))))));
  }

  @Test
  void load_everyKey_isRead() throws IOException {
    Path file = write("""
        cachefleet.proxy {
          io-threads = 3
          stats-bind = "0.0.0.0"
          stats-port = 0
          admin-bind = "0.0.0.0"
          admin-port = 0
          pools.beta {
            listen = "0.0.0.0:0"
            hash = murmur
            hash-tag = "{}"
            distribution = modula
            timeout = 400ms
            backlog = 64
            client-connections = 100
            redis = true
            redis-auth = "pw"
            redis-db = 2
            preconnect = true
            auto-eject-hosts = true
            server-connections = 4
            server-retry-timeout = 2s
            server-failure-limit = 5
            servers = ["10.0.0.1:7001:2", "10.0.0.2:7002:3 cache-b"]
          }
        }
        """);

    assertThat(load(file)).isEqualTo(new ProxyConfig(3, "0.0.0.0", 0, "0.0.0.0", 0,
        List.of(new PoolConfig("beta", new PoolConfig.ListenAddress("0.0.0.0", 0), KeyHashes.byName("murmur"),
            HashTag.of("{}"), Distribution.MODULA, Duration.ofMillis(400), 64, 100, true, "pw", 2, true, true, 4,
            Duration.ofSeconds(2), 5, List.of(Member.of("10.0.0.1", 7001, 2),
            Member.named("cache-b", "10.0.0.2", 7002, 3))))));
  }

  @Test
  void load_poolDefaults_applyToEveryPool_andPoolsWinOverThem() throws IOException {
    Path file = write("""
        cachefleet.proxy {
          pool-defaults { hash = md5, timeout = 250 }
          pools {
            b { listen = "127.0.0.1:22122", servers = ["127.0.0.1:7002:1"] }
            a { listen = "127.0.0.1:22121", hash = crc32a, servers = ["127.0.0.1:7001:1"] }
          }
        }
        """);

    List<PoolConfig> pools = load(file).pools();

    assertThat(pools).extracting(PoolConfig::name).containsExactly("a", "b");
    assertThat(pools).extracting(PoolConfig::hash).containsExactly(KeyHashes.byName("crc32a"), KeyHashes.byName("md5"));
    assertThat(pools).extracting(PoolConfig::timeout).containsOnly(Duration.ofMillis(250));
  }

  @Test
  void documentedConfig_setsEveryKeyToItsDefault() {
    Path documented = Path.of("..", "configs", "proxy.conf");
    Config file = ConfigFactory.parseFile(documented.toFile()).getConfig(ProxyConfigLoader.ROOT);
    Config reference = ConfigFactory.parseResources("reference.conf").getConfig(ProxyConfigLoader.ROOT);

    assertThat(file.root().keySet()).isEqualTo(reference.root().keySet());
    assertThat(file.getObject("pool-defaults")).isEqualTo(reference.getObject("pool-defaults"));
    ProxyConfig config = loader.load(documented, null, new Properties(), ProxyConfigLoader.Flags.NONE);
    assertThat(config.pools()).singleElement().satisfies(pool -> assertThat(pool.servers()).containsExactly(
        Member.of("127.0.0.1", 7001, 1), Member.of("127.0.0.1", 7002, 1), Member.of("127.0.0.1", 7003, 1)));
    assertThat(config).isEqualTo(new ProxyConfig(0, "127.0.0.1", 22222, "127.0.0.1", 22223, config.pools()));
  }

  @Test
  void load_systemPropertiesOverrideFile_andFlagsOverrideBoth() throws IOException {
    Path file = write(ONE_POOL + "cachefleet.proxy { stats-port = 1, stats-bind = a, io-threads = 2 }");
    Properties props = props("cachefleet.proxy.stats-port", "2", "cachefleet.proxy.stats-bind", "b");

    ProxyConfig config = loader.load(file, null, props, new ProxyConfigLoader.Flags(3, null));

    assertThat(config.statsPort()).isEqualTo(3);
    assertThat(config.statsBind()).isEqualTo("b");
    assertThat(config.ioThreads()).isEqualTo(2);
  }

  @Test
  void load_nutcrackerFile_givesThePools_andHoconTheProcess() throws IOException {
    Path hocon = write("cachefleet.proxy.stats-port = 22223");
    Path yaml = Files.writeString(dir.resolve("nutcracker.yml"),
        "alpha:\n  listen: 127.0.0.1:22121\n  redis: true\n  servers:\n   - 127.0.0.1:7001:1\n");

    ProxyConfig config = loader.load(hocon, yaml, new Properties(), ProxyConfigLoader.Flags.NONE);

    assertThat(config.statsPort()).isEqualTo(22223);
    assertThat(config.pools()).isEqualTo(NutcrackerConfig.parse(yaml));
  }

  @Test
  void load_nutcrackerFileAndHoconPools_isRefused() throws IOException {
    Path yaml = Files.writeString(dir.resolve("nutcracker.yml"),
        "alpha:\n  listen: 127.0.0.1:22121\n  redis: true\n  servers:\n   - 127.0.0.1:7001:1\n");

    assertThatThrownBy(() -> loader.load(write(ONE_POOL), yaml, new Properties(), ProxyConfigLoader.Flags.NONE))
        .isInstanceOf(BadConfigException.class)
        .hasMessageStartingWith("cachefleet.proxy.pools: the pools come from " + yaml + " (--nutcracker); define "
            + "them in one place only [");
    assertThatThrownBy(() -> loader.load(null, yaml, props("cachefleet.proxy.pool-defaults.hash", "md5"),
        ProxyConfigLoader.Flags.NONE))
        .hasMessageStartingWith("cachefleet.proxy.pool-defaults: does not apply to the pools of " + yaml);
  }

  @Test
  void load_badNutcrackerFile_keepsItsMessage() throws IOException {
    Path yaml = Files.writeString(dir.resolve("nutcracker.yml"), "alpha:\n  listen: 127.0.0.1:22121\n");

    assertThatThrownBy(() -> loader.load(null, yaml, new Properties(), ProxyConfigLoader.Flags.NONE))
        .isInstanceOf(BadConfigException.class)
        .hasMessage(yaml + ": alpha.servers: is required: a list of \"host:port:weight [name]\" lines");
  }

  @Test
  void load_noPools_saysHowToDefineOne() {
    assertThatThrownBy(() -> loader.load(null, null, new Properties(), ProxyConfigLoader.Flags.NONE))
        .hasMessageStartingWith("cachefleet.proxy.pools: no pool is defined; define one (see configs/proxy.conf) "
            + "or give a Twemproxy file with --nutcracker FILE [");
  }

  @Test
  void load_consulService_takesThePoolsServersFromConsul() throws IOException {
    ProxyConfig config = load(write("""
        cachefleet.proxy.consul.enabled = true
        cachefleet.proxy.pools.alpha.consul-service = cachefleet-node
        """));
    assertThat(config.pools()).singleElement().satisfies(pool -> {
      assertThat(pool.servers()).isEmpty();
      assertThat(pool.consulService()).isEqualTo("cachefleet-node");
    });
  }

  @Test
  void load_consulService_needsConsulEnabled_andNoServers() throws IOException {
    assertThatThrownBy(() -> load(write("cachefleet.proxy.pools.alpha.consul-service = cachefleet-node\n")))
        .hasMessageStartingWith("cachefleet.proxy.pools.alpha.consul-service: takes the servers from Consul, which "
            + "needs cachefleet.proxy.consul.enabled = true [");
    assertThatThrownBy(() -> load(write(ONE_POOL + "cachefleet.proxy.consul.enabled = true\n"
        + "cachefleet.proxy.pools.alpha.consul-service = cachefleet-node\n")))
        .hasMessageStartingWith("cachefleet.proxy.pools.alpha.servers: must be empty: the servers come from "
            + "consul-service 'cachefleet-node' [");
  }

  @Test
  void directories_watchConsul_withTheWatchSettingsChecked() throws IOException {
    Path file = write("""
        cachefleet.proxy.consul {
          enabled = true
          max-removed-share = 1.5
        }
        cachefleet.proxy.pools.alpha.consul-service = cachefleet-node
        """);
    PoolConfig pool = load(file).pools().get(0);
    assertThatThrownBy(() -> loader.directories(file, new Properties(), Map.of()).apply(pool))
        .hasMessageStartingWith("cachefleet.proxy.consul.max-removed-share: must be within 0..1 (was 1.5) [");
    Path badWait = write("""
        cachefleet.proxy.consul {
          enabled = true
          blocking-wait = 11m
        }
        cachefleet.proxy.pools.alpha.consul-service = cachefleet-node
        """);
    assertThatThrownBy(() -> loader.directories(badWait, new Properties(), Map.of()).apply(pool))
        .hasMessageStartingWith("cachefleet.proxy.consul.blocking-wait: must be within 1s..10m, Consul's range [");
    assertThatThrownBy(() -> load(write(ONE_POOL + "cachefleet.proxy.consul.debounse = 1s\n")))
        .hasMessageStartingWith("cachefleet.proxy.consul.debounse [");
  }

  @Test
  void load_unknownKeys_areNamedWithTheirPaths() throws IOException {
    assertThatThrownBy(() -> load(write(ONE_POOL + "cachefleet.proxy.stats-prot = 1")))
        .hasMessageStartingWith("cachefleet.proxy.stats-prot [")
        .hasMessageContaining(": unknown key (known keys: admin-bind, admin-port, consul, io-threads, pool-defaults, pools, ");
    assertThatThrownBy(() -> load(write(ONE_POOL + "cachefleet.proxy.pools.alpha.hash_tag = \"{}\"")))
        .hasMessageStartingWith("cachefleet.proxy.pools.alpha.hash_tag [")
        .hasMessageContaining(": unknown key (known keys: auto-eject-hosts, backlog, ");
    assertThatThrownBy(() -> load(write(ONE_POOL + "cachefleet.proxy.pool-defaults.reuseport = true")))
        .hasMessageStartingWith("cachefleet.proxy.pool-defaults.reuseport [");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "hash = foo|hash: unknown hash 'foo' (one of: one_at_a_time, md5, ",
      "distribution = vnode|distribution: unknown distribution 'vnode' (one of: ketama, modula, random)",
      "hash-tag = \"{\"|hash-tag: must be two single-byte characters, such as \"{}\" (was '{')",
      "listen = \"/tmp/sock\"|listen: unix sockets ('/tmp/sock') are not supported yet",
      "listen = \"127.0.0.1\"|listen: '127.0.0.1' is not host:port",
      "`redis = false, redis-auth = pw`|redis-auth: needs redis = true (memcached has no AUTH)",
      "redis = maybe|redis: must be true or false (was 'maybe')",
      "timeout = -1s|timeout: must not be negative (was '-1s')",
      "timeout = soon|timeout: must be a duration such as 400ms or 30s (was 'soon')",
      "server-retry-timeout = 0|server-retry-timeout: must be positive (was 0)",
      "backlog = 0|backlog: must be within 1..2147483647 (was 0)",
      "server-connections = 0|server-connections: must be within 1..2147483647 (was 0)",
      "server-failure-limit = 0|server-failure-limit: must be within 1..2147483647 (was 0)",
      "redis-db = -1|redis-db: must be within 0..2147483647 (was -1)",
      "client-connections = x|client-connections: must be an integer (was 'x')",
      "servers = []|servers: must list at least one server",
      "servers = \"127.0.0.1:7001:1\"|servers: must be a list of \"host:port:weight [name]\" strings",
      "servers = [\"127.0.0.1:7001\"]|servers[0]: '127.0.0.1:7001' is not \"host:port:weight [name]\"",
      "servers = [1]|servers[0]: must be a \"host:port:weight [name]\" string",
      "servers = [\"a:1:1 x\", \"b:2:1 x\"]|servers: name 'x' appears twice"})
  void load_badPoolSetting_namesThePathAndOrigin(String setting, String message) throws IOException {
    Path file = write("cachefleet.proxy.pools.alpha {\n  servers = [\"127.0.0.1:7001:1\"]\n  " + setting + "\n}\n");

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(BadConfigException.class)
        .hasMessageStartingWith("cachefleet.proxy.pools.alpha." + message)
        .hasMessageContaining("proxy.conf: ");
  }

  @ParameterizedTest
  @CsvSource({
      "io-threads, -1, must be within 0..1024 (was -1)",
      "stats-port, 65536, must be within -1..65535 (was 65536)",
      "stats-bind, ' ', must not be empty"})
  void load_badProcessSetting_isRejected(String key, String value, String reason) throws IOException {
    assertThatThrownBy(() -> loader.load(write(ONE_POOL), null, props("cachefleet.proxy." + key, value),
        ProxyConfigLoader.Flags.NONE))
        .hasMessage("cachefleet.proxy." + key + ": " + reason + " [system properties]");
  }

  @Test
  void load_badFlag_saysItCameFromTheFlag() throws IOException {
    assertThatThrownBy(() -> loader.load(write(ONE_POOL), null, new Properties(),
        new ProxyConfigLoader.Flags(70000, null)))
        .hasMessage("cachefleet.proxy.stats-port: must be within -1..65535 (was 70000) [-s]");
  }

  @Test
  void load_poolNotAnObject_isRejected() throws IOException {
    assertThatThrownBy(() -> load(write("cachefleet.proxy.pools.alpha = 5")))
        .hasMessageStartingWith("cachefleet.proxy.pools.alpha: must be an object of pool settings [");
    assertThatThrownBy(() -> load(write("cachefleet.proxy.pools = []")))
        .hasMessageStartingWith("cachefleet.proxy.pools: must be an object [");
  }

  @Test
  void load_missingFile_namesIt() {
    Path missing = dir.resolve("missing.conf");

    assertThatThrownBy(() -> load(missing)).hasMessage(missing + ": no such config file");
  }

  @Test
  void load_ignoresSystemPropertiesOfTheNode() throws IOException {
    assertThat(loader.load(write(ONE_POOL), null, props("cachefleet.node.port", "1"), ProxyConfigLoader.Flags.NONE)
        .pools()).hasSize(1);
  }

  private ProxyConfig load(Path file) {
    return loader.load(file, null, new Properties(), ProxyConfigLoader.Flags.NONE);
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("proxy.conf"), text);
  }

  private static Properties props(String... keysAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }
}
