package io.cachefleet.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.cachefleet.discovery.consul.ConsulRegistration;
import io.cachefleet.node.NodeConfig;
import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.protocol.RespLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeConfigLoaderTest {

  private final NodeConfigLoader loader = NodeConfigLoader.fromClasspath();

  @TempDir
  Path dir;

  @Test
  void load_defaultsMatchRedis() {
    NodeConfig config = loader.load(null, new Properties(), null);

    assertThat(config.port()).isEqualTo(6379);
    assertThat(config.bind()).isEqualTo("127.0.0.1");
    assertThat(config.name()).isEqualTo("node-6379");
    assertThat(config.ioThreads()).isEqualTo(NodeConfig.defaultIoThreads());
    assertThat(config.maxMemory()).isZero();
    assertThat(config.policy()).isEqualTo(EvictionPolicy.NOEVICTION);
    assertThat(config.requirePass()).isNull();
    assertThat(config.limits()).isEqualTo(RespLimits.REDIS_DEFAULTS);
    assertThat(config.hz()).isEqualTo(10);
    assertThat(config.maxClients()).isEqualTo(10000);
  }

  @Test
  void documentedConfig_setsEveryKeyToItsDefault() {
    Path documented = Path.of("..", "configs", "node.conf");

    assertThat(ConfigFactory.parseFile(documented.toFile()).getConfig(NodeConfigLoader.ROOT).root().keySet())
        .isEqualTo(ConfigFactory.parseResources("reference.conf").getConfig(NodeConfigLoader.ROOT).root().keySet());
    assertThat(loader.load(documented, new Properties(), null)).isEqualTo(loader.load(null, new Properties(), null));
  }

  @Test
  void load_fileOverridesDefaults() throws IOException {
    Path file = write("""
        cachefleet.node {
          name = cache-a
          bind = "0.0.0.0"
          port = 7001
          io-threads = 3
          maxmemory = 100mb
          maxmemory-policy = allkeys-lfu
          requirepass = secret
          proto-max-bulk-len = 2mb
          client-query-buffer-limit = 64mb
          hz = 50
          maxclients = 100
        }
        """);

    NodeConfig config = loader.load(file, new Properties(), null);

    assertThat(config).isEqualTo(new NodeConfig("cache-a", "0.0.0.0", 7001, 3, 100L << 20,
        EvictionPolicy.ALLKEYS_LFU, "secret", new RespLimits(2 << 20, RespLimits.REDIS_DEFAULTS.maxArguments(),
        RespLimits.REDIS_DEFAULTS.maxInlineLength(), 64L << 20), 50, 100));
  }

  @Test
  void load_systemPropertiesOverrideFile() throws IOException {
    Path file = write("cachefleet.node { port = 7001, maxmemory = 1gb, hz = 20 }");
    Properties props = props("cachefleet.node.port", "7002", "cachefleet.node.maxmemory", "1mb");

    NodeConfig config = loader.load(file, props, null);

    assertThat(config.port()).isEqualTo(7002);
    assertThat(config.maxMemory()).isEqualTo(1 << 20);
    assertThat(config.hz()).isEqualTo(20);
  }

  @Test
  void load_portOptionOverridesEverything() throws IOException {
    Path file = write("cachefleet.node.port = 7001");

    NodeConfig config = loader.load(file, props("cachefleet.node.port", "7002"), 7003);

    assertThat(config.port()).isEqualTo(7003);
    assertThat(config.name()).isEqualTo("node-7003");
  }

  @Test
  void load_ignoresSystemPropertiesOutsideTheNode() {
    NodeConfig config = loader.load(null, props("java.version", "17", "cachefleet.proxy.port", "1"), null);

    assertThat(config.port()).isEqualTo(6379);
  }

  @Test
  void load_substitutesEnvironmentStyleReferences() throws IOException {
    Path file = write("""
        base = 7100
        cachefleet.node.port = ${base}
        """);

    assertThat(loader.load(file, new Properties(), null).port()).isEqualTo(7100);
  }

  @Test
  void load_portOutOfRange_namesPathValueAndOrigin() throws IOException {
    Path file = write("cachefleet.node {\n  port = 70000\n}\n");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .isInstanceOf(BadConfigException.class)
        .hasMessageStartingWith("cachefleet.node.port: must be within 0..65535 (was 70000)")
        .hasMessageContaining("node.conf: 2");
  }

  @Test
  void load_portOptionOutOfRange_saysItCameFromTheOption() {
    assertThatThrownBy(() -> loader.load(null, new Properties(), 70000))
        .hasMessage("cachefleet.node.port: must be within 0..65535 (was 70000) [--port]");
  }

  @Test
  void load_portNotANumber_fromSystemProperty() {
    assertThatThrownBy(() -> loader.load(null, props("cachefleet.node.port", "abc"), null))
        .hasMessage("cachefleet.node.port: must be an integer (was 'abc') [system properties]");
  }

  @Test
  void load_fractionalInteger_isRejected() throws IOException {
    Path file = write("cachefleet.node.hz = 10.5");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .hasMessageStartingWith("cachefleet.node.hz: must be an integer (was 10.5)");
  }

  @ParameterizedTest
  @CsvSource({
      "hz, 0, 1..500", "hz, 501, 1..500",
      "maxclients, 0, 1..2147483647",
      "io-threads, -1, 0..128", "io-threads, 129, 0..128",
      "port, -1, 0..65535"})
  void load_integerOutOfRange_isRejected(String key, String value, String range) {
    assertThatThrownBy(() -> loader.load(null, props("cachefleet.node." + key, value), null))
        .hasMessageStartingWith("cachefleet.node." + key + ": must be within " + range + " (was " + value + ")");
  }

  @Test
  void load_unknownPolicy_listsTheKnownOnes() throws IOException {
    Path file = write("cachefleet.node.maxmemory-policy = lru");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .hasMessageStartingWith("cachefleet.node.maxmemory-policy: unknown policy 'lru' (expected one of "
            + "noeviction, allkeys-lru, allkeys-lfu, allkeys-random, volatile-lru, volatile-lfu, volatile-random, "
            + "volatile-ttl)");
  }

  @Test
  void load_policyInAnyCase() {
    assertThat(loader.load(null, props("cachefleet.node.maxmemory-policy", "VOLATILE-TTL"), null).policy())
        .isEqualTo(EvictionPolicy.VOLATILE_TTL);
  }

  @Test
  void load_unknownKey_isNamed() throws IOException {
    Path file = write("cachefleet.node { prot = 7000 }");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .hasMessageStartingWith("cachefleet.node.prot [")
        .hasMessageContaining(": unknown key (known keys: bind, client-query-buffer-limit, consul, hz, io-threads, ");
  }

  @Test
  void load_unknownKeys_fromFileAndProperties_areAllNamed() throws IOException {
    Path file = write("cachefleet.node { prot = 7000 }");

    assertThatThrownBy(() -> loader.load(file, props("cachefleet.node.max-memory", "1gb"), null))
        .hasMessageContaining("cachefleet.node.max-memory [system properties]")
        .hasMessageContaining("cachefleet.node.prot [")
        .hasMessageContaining(": unknown keys (known keys: ");
  }

  @Test
  void load_nodeNotAnObject_isRejected() throws IOException {
    Path file = write("cachefleet.node = 5");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .hasMessageStartingWith("cachefleet.node: must be an object of settings [");
  }

  @Test
  void load_parentNotAnObject_isRejected() throws IOException {
    Path file = write("cachefleet = 5");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .hasMessageStartingWith("cachefleet.node: must be an object of settings [");
  }

  @Test
  void load_nullSetting_isRejected() throws IOException {
    Path file = write("cachefleet.node { port = null, bind = null }");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .hasMessageStartingWith("cachefleet.node.port: must be an integer (was null) [");
  }

  @Test
  void load_missingFile_namesIt() {
    Path missing = dir.resolve("missing.conf");

    assertThatThrownBy(() -> loader.load(missing, new Properties(), null))
        .hasMessage(missing + ": no such config file");
  }

  @Test
  void load_syntaxError_namesFileAndLine() throws IOException {
    Path file = write("cachefleet.node {\n  port = \n  hz = {\n");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .isInstanceOf(BadConfigException.class)
        .hasMessageContaining("node.conf: ");
  }

  @Test
  void load_unresolvedSubstitution_isReported() throws IOException {
    Path file = write("cachefleet.node.port = ${nowhere}");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .isInstanceOf(BadConfigException.class)
        .hasMessageContaining("nowhere");
  }

  @Test
  void load_stringSettingGivenAnObject_isRejected() throws IOException {
    Path file = write("cachefleet.node.bind { a = 1 }");

    assertThatThrownBy(() -> loader.load(file, new Properties(), null))
        .hasMessageStartingWith("cachefleet.node.bind: must be a string [");
  }

  @Test
  void load_bindWithSeveralAddresses_isRejected() {
    assertThatThrownBy(() -> loader.load(null, props("cachefleet.node.bind", "127.0.0.1 ::1"), null))
        .hasMessageStartingWith("cachefleet.node.bind: must be a single address");
  }

  @Test
  void load_emptyRequirePass_meansNone_andAnyOtherIsKept() {
    assertThat(loader.load(null, props("cachefleet.node.requirepass", ""), null).requirePass()).isNull();
    assertThat(loader.load(null, props("cachefleet.node.requirepass", "p w"), null).requirePass()).isEqualTo("p w");
  }

  @ParameterizedTest
  @CsvSource({
      "0, 0", "123, 123", "123b, 123", "1k, 1000", "1kb, 1024", "1K, 1000", "1KB, 1024",
      "100m, 100000000", "100mb, 104857600", "100MB, 104857600", "2g, 2000000000", "1gb, 1073741824"})
  void load_maxmemory_parsesRedisSizes(String text, long bytes) {
    assertThat(loader.load(null, props("cachefleet.node.maxmemory", text), null).maxMemory()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({"'', 0", "mb, 0", "8589934592gb, 9223372036854775807"})
  void load_maxmemory_acceptsWhatRedisAccepts(String text, long bytes) {
    assertThat(loader.load(null, props("cachefleet.node.maxmemory", text), null).maxMemory()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "-1|negative", "100 mb|unknown unit ' mb'", "1tb|unknown unit 'tb'", "1.5gb|unknown unit '.5gb'",
      "0x10|unknown unit 'x10'", "1e9|unknown unit 'e9'"})
  void load_maxmemory_rejectsWhatRedisRejects(String text, String reason) {
    assertThatThrownBy(() -> loader.load(null, props("cachefleet.node.maxmemory", text), null))
        .hasMessageStartingWith("cachefleet.node.maxmemory: must be a size in bytes such as 0, 1048576, 100mb or 1gb "
            + "(was '" + text + "': " + reason)
        .hasMessageEndingWith(") [system properties]");
  }

  @Test
  void load_maxmemory_rejectsNegativeAndFractionalHoconNumbers() throws IOException {
    assertThatThrownBy(() -> loader.load(write("cachefleet.node.maxmemory = -1"), new Properties(), null))
        .hasMessageStartingWith("cachefleet.node.maxmemory: must be a size in bytes such as 0, 1048576, 100mb or 1gb "
            + "(was -1: negative)");
    assertThatThrownBy(() -> loader.load(write("cachefleet.node.maxmemory = 1.5"), new Properties(), null))
        .hasMessageStartingWith("cachefleet.node.maxmemory: must be a size in bytes such as 0, 1048576, 100mb or 1gb "
            + "(was 1.5: not a whole number)");
  }

  @Test
  void load_maxmemoryAsHoconNumber() throws IOException {
    Path file = write("cachefleet.node.maxmemory = 1073741824");

    assertThat(loader.load(file, new Properties(), null).maxMemory()).isEqualTo(1L << 30);
  }

  @Test
  void load_protoMaxBulkLenBelowRedisFloor_isRejected() {
    assertThatThrownBy(() -> loader.load(null, props("cachefleet.node.proto-max-bulk-len", "1kb"), null))
        .hasMessage("cachefleet.node.proto-max-bulk-len: must be at least 1048576 bytes (was '1kb') "
            + "[system properties]");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("node.conf"), text);
  }

  private static Properties props(String... keysAndValues) {
    Properties p = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return p;
  }

  @Test
  void registration_offByDefault() {
    NodeConfig node = loader.load(null, new Properties(), 7001);
    assertThat(loader.registration(null, new Properties(), 7001, node, 7001, Map.of())).isNull();
  }

  @Test
  void registration_whenEnabled_namesTheNodeAndCarriesZoneAndWeight() throws IOException {
    Path file = write("""
        cachefleet.node {
          name = cache-a
          consul { enabled = true, agent = "http://10.0.0.2:8500", zone = eu-1, weight = 3, check-ttl = 5s,
                   renew-interval = 1s }
        }
        """);
    NodeConfig node = loader.load(file, new Properties(), 7001);
    ConsulRegistration.Settings r = loader.registration(file, new Properties(), 7001, node, 7005, Map.of());

    assertThat(r.agent()).isEqualTo("http://10.0.0.2:8500");
    assertThat(r.service()).isEqualTo("cachefleet-node");
    assertThat(r.id()).isEqualTo("cache-a");
    assertThat(r.address()).isEqualTo("127.0.0.1");
    assertThat(r.port()).isEqualTo(7005);
    assertThat(r.tags()).contains("cachefleet", "zone:eu-1");
    assertThat(r.meta()).containsEntry("weight", "3").containsEntry("zone", "eu-1").containsKey("run_id");
    assertThat(r.ttl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(r.renewInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.token()).isEmpty();
  }

  @Test
  void registration_token_fromFileThenSettingThenEnvironment() throws IOException {
    Path tokenFile = write("file-token\n");
    NodeConfig node = loader.load(null, new Properties(), 7001);
    Map<String, String> env = Map.of("CONSUL_HTTP_TOKEN", "env-token");
    assertThat(loader.registration(null, props("cachefleet.node.consul.enabled", "true"), 7001, node, 7001, env)
        .token()).isEqualTo("env-token");
    assertThat(loader.registration(null, props("cachefleet.node.consul.enabled", "true",
        "cachefleet.node.consul.token", "set-token"), 7001, node, 7001, env).token()).isEqualTo("set-token");
    assertThat(loader.registration(null, props("cachefleet.node.consul.enabled", "true",
        "cachefleet.node.consul.token", "set-token", "cachefleet.node.consul.token-file", tokenFile.toString()), 7001,
        node, 7001, env).token()).isEqualTo("file-token");
  }

  @Test
  void registration_badSettings_areNamed() {
    NodeConfig node = loader.load(null, new Properties(), 7001);
    assertThatThrownBy(() -> loader.registration(null, props("cachefleet.node.consul.enabled", "true",
        "cachefleet.node.consul.renew-interval", "10s"), 7001, node, 7001, Map.of()))
        .hasMessage("cachefleet.node.consul.renew-interval: must be shorter than check-ttl (10000 ms), or the check "
            + "expires between renewals [system properties]");
    assertThatThrownBy(() -> loader.registration(null, props("cachefleet.node.consul.enabled", "true",
        "cachefleet.node.consul.token-file", "/nonexistent/token"), 7001, node, 7001, Map.of()))
        .hasMessageStartingWith("cachefleet.node.consul.token-file: cannot be read: ");
    assertThatThrownBy(() -> loader.registration(null, props("cachefleet.node.consul.agnet", "x"), 7001, node, 7001,
        Map.of())).hasMessageStartingWith("cachefleet.node.consul.agnet [system properties]: unknown key");
  }
}
