package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.cachefleet.discovery.Member;
import io.cachefleet.discovery.ring.Distribution;
import io.cachefleet.discovery.ring.HashTag;
import io.cachefleet.discovery.ring.KeyHashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NutcrackerConfigTest {

  /** conf/nutcracker.yml of Twemproxy's README: two Redis pools, then memcached ones. */
  private static final String README_EXAMPLE = """
      alpha:
        listen: 127.0.0.1:22121
        hash: fnv1a_64
        distribution: ketama
        auto_eject_hosts: true
        redis: true
        server_retry_timeout: 2000
        server_failure_limit: 1
        servers:
         - 127.0.0.1:6379:1

      beta:
        listen: 127.0.0.1:22122
        hash: fnv1a_64
        hash_tag: "{}"
        distribution: ketama
        auto_eject_hosts: false
        timeout: 400
        redis: true
        servers:
         - 127.0.0.1:6380:1 server1
         - 127.0.0.1:6381:1 server2
         - 127.0.0.1:6382:1 server3
         - 127.0.0.1:6383:1 server4

      gamma:
        listen: 127.0.0.1:22123
        hash: fnv1a_64
        distribution: ketama
        timeout: 400
        backlog: 1024
        preconnect: true
        auto_eject_hosts: true
        server_retry_timeout: 2000
        server_failure_limit: 3
        servers:
         - 127.0.0.1:11212:1
         - 127.0.0.1:11213:1
      """;

  private static final String MINIMAL = """
      alpha:
        listen: 127.0.0.1:22121
        redis: true
        servers:
         - 127.0.0.1:6379:1
      """;

  @TempDir
  Path dir;

  @Test
  void parse_readmeRedisPools_matchTwemproxysReadme() {
    String redisPools = README_EXAMPLE.substring(0, README_EXAMPLE.indexOf("gamma:"));

    List<PoolConfig> pools = NutcrackerConfig.parse(redisPools, "nutcracker.yml");

    assertThat(pools).containsExactly(
        new PoolConfig("alpha", new PoolConfig.ListenAddress("127.0.0.1", 22121), KeyHashes.byName("fnv1a_64"),
            HashTag.NONE, Distribution.KETAMA, Duration.ZERO, 512, 0, true, "", 0, false, true, 1,
            Duration.ofMillis(2000), 1, List.of(Member.of("127.0.0.1", 6379, 1))),
        new PoolConfig("beta", new PoolConfig.ListenAddress("127.0.0.1", 22122), KeyHashes.byName("fnv1a_64"),
            HashTag.of("{}"), Distribution.KETAMA, Duration.ofMillis(400), 512, 0, true, "", 0, false, false, 1,
            Duration.ofSeconds(30), 2, List.of(Member.named("server1", "127.0.0.1", 6380, 1),
            Member.named("server2", "127.0.0.1", 6381, 1), Member.named("server3", "127.0.0.1", 6382, 1),
            Member.named("server4", "127.0.0.1", 6383, 1))));
  }

  @Test
  void parse_readmeMemcachedPool_isAMemcachedPool_byDefault() {
    PoolConfig gamma = NutcrackerConfig.parse(README_EXAMPLE, "nutcracker.yml").get(2);

    assertThat(gamma).isEqualTo(new PoolConfig("gamma", new PoolConfig.ListenAddress("127.0.0.1", 22123),
        KeyHashes.byName("fnv1a_64"), HashTag.NONE, Distribution.KETAMA, Duration.ofMillis(400), 1024, 0, false, "",
        0, true, true, 1, Duration.ofMillis(2000), 3,
        List.of(Member.of("127.0.0.1", 11212, 1), Member.of("127.0.0.1", 11213, 1))));
  }

  @Test
  void parse_unsetKeys_takeTwemproxysDefaults() {
    PoolConfig pool = NutcrackerConfig.parse(MINIMAL, "nutcracker.yml").get(0);

    assertThat(pool).isEqualTo(new PoolConfig("alpha", new PoolConfig.ListenAddress("127.0.0.1", 22121),
        KeyHashes.byName("fnv1a_64"), HashTag.NONE, Distribution.KETAMA, Duration.ZERO, 512, 0, true, "", 0,
        false, false, 1, Duration.ofMillis(30000), 2, List.of(Member.of("127.0.0.1", 6379, 1))));
  }

  @Test
  void parse_everyKey_isRead() {
    String yaml = """
        beta:
          listen: 0.0.0.0:6000
          hash: murmur
          hash_tag: "::"
          distribution: modula
          timeout: 250
          backlog: 64
          client_connections: 100
          redis: true
          tcpkeepalive: false
          redis_auth: s3cret pass
          redis_db: 3
          preconnect: true
          auto_eject_hosts: true
          server_connections: 4
          server_retry_timeout: 1500
          server_failure_limit: 5
          servers:
           - 10.0.0.1:7001:2
           - 10.0.0.2:7002:3 cache-b
        """;

    PoolConfig pool = NutcrackerConfig.parse(yaml, "nutcracker.yml").get(0);

    assertThat(pool).isEqualTo(new PoolConfig("beta", new PoolConfig.ListenAddress("0.0.0.0", 6000),
        KeyHashes.byName("murmur"), HashTag.of("::"), Distribution.MODULA, Duration.ofMillis(250), 64, 100, true,
        "s3cret pass", 3, true, true, 4, Duration.ofMillis(1500), 5,
        List.of(Member.of("10.0.0.1", 7001, 2), Member.named("cache-b", "10.0.0.2", 7002, 3))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"one_at_a_time", "md5", "crc16", "crc32", "crc32a", "fnv1_64", "fnv1a_64", "fnv1_32",
      "fnv1a_32", "hsieh", "murmur", "jenkins"})
  void parse_everyTwemproxyHash_isKnown(String name) {
    assertThat(parse(pool("hash: " + name)).hash()).isEqualTo(KeyHashes.byName(name));
  }

  @ParameterizedTest
  @CsvSource({"ketama, KETAMA", "modula, MODULA", "random, RANDOM"})
  void parse_everyTwemproxyDistribution_isKnown(String name, Distribution distribution) {
    assertThat(parse(pool("distribution: " + name)).distribution()).isEqualTo(distribution);
  }

  @Test
  void parse_poolsComeInFileOrder() {
    String yaml = MINIMAL.replace("alpha", "zulu") + MINIMAL.replace("22121", "22122");

    assertThat(NutcrackerConfig.parse(yaml, "f.yml")).extracting(PoolConfig::name).containsExactly("zulu", "alpha");
  }

  @Test
  void parse_valuesAreTheTextWritten_notYamlTypes() {
    PoolConfig pool = parse(pool("timeout: 010\n  redis_auth: 123\n  redis_db: '2'"));

    assertThat(pool.timeout()).isEqualTo(Duration.ofMillis(10));
    assertThat(pool.redisAuth()).isEqualTo("123");
    assertThat(pool.redisDb()).isEqualTo(2);
  }

  @Test
  void parse_serversKeyMayComeFirst_andQuotedKeysAreKeys() {
    String yaml = """
        alpha:
          servers:
           - 127.0.0.1:6379:1
          "redis": true
          listen: 127.0.0.1:22121
        """;

    assertThat(NutcrackerConfig.parse(yaml, "f.yml").get(0).servers()).containsExactly(Member.of("127.0.0.1", 6379, 1));
  }

  @Test
  void parse_documentedExample_isThreeLocalServers() {
    List<PoolConfig> pools = NutcrackerConfig.parse(Path.of("..", "configs", "nutcracker.yml"));

    assertThat(pools).hasSize(1);
    assertThat(pools.get(0).listen()).isEqualTo(new PoolConfig.ListenAddress("127.0.0.1", 22121));
    assertThat(pools.get(0).servers()).containsExactly(Member.of("127.0.0.1", 7001, 1),
        Member.of("127.0.0.1", 7002, 1), Member.of("127.0.0.1", 7003, 1));
  }

  @Test
  void parse_file_namesItInErrors() throws IOException {
    Path file = Files.writeString(dir.resolve("nutcracker.yml"), pool("hash: foo"));

    assertThatThrownBy(() -> NutcrackerConfig.parse(file))
        .hasMessageStartingWith(file + ": alpha.hash: unknown hash 'foo' (one of: one_at_a_time, md5, ");
  }

  @Test
  void parse_missingFile_isNamed() {
    Path missing = dir.resolve("missing.yml");

    assertThatThrownBy(() -> NutcrackerConfig.parse(missing)).hasMessage(missing + ": no such file");
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        arguments("hash: foo", "alpha.hash: unknown hash 'foo' (one of: one_at_a_time, md5, crc16, crc32, crc32a, "
            + "fnv1_64, fnv1a_64, fnv1_32, fnv1a_32, hsieh, murmur, jenkins)"),
        arguments("hash: MD5", "alpha.hash: unknown hash 'MD5' (one of: "),
        arguments("distribution: vnode",
            "alpha.distribution: unknown distribution 'vnode' (one of: ketama, modula, random)"),
        arguments("hash_tag: '{'", "alpha.hash_tag: must be two single-byte characters, such as \"{}\" (was '{')"),
        arguments("hash_tag: '{}}'", "alpha.hash_tag: must be two single-byte characters"),
        arguments("hash_tag: 'éé'", "alpha.hash_tag: must be two single-byte characters"),
        arguments("timeout: -1", "alpha.timeout: must be a whole number within 0..2147483647 (was '-1')"),
        arguments("timeout: 1.5", "alpha.timeout: must be a whole number within 0..2147483647 (was '1.5')"),
        arguments("timeout: +400", "alpha.timeout: must be a whole number"),
        arguments("timeout: 0x10", "alpha.timeout: must be a whole number"),
        arguments("backlog: 2147483648", "alpha.backlog: must be a whole number"),
        arguments("preconnect: yes", "alpha.preconnect: must be true or false (was 'yes')"),
        arguments("auto_eject_hosts: True", "alpha.auto_eject_hosts: must be true or false (was 'True')"),
        arguments("server_connections: 0", "alpha.server_connections: must be positive"),
        arguments("backlog: 0", "alpha.backlog: must be positive"),
        arguments("server_retry_timeout: 0", "alpha.server_retry_timeout: must be positive"),
        arguments("server_failure_limit: 0", "alpha.server_failure_limit: must be positive"),
        arguments("tcpkeepalive: true", "alpha.tcpkeepalive: true is not supported yet"),
        arguments("tcpkeepalive: on", "alpha.tcpkeepalive: must be true or false (was 'on')"),
        arguments("reuseport: true",
            "alpha.reuseport: unknown key (one of: listen, hash, hash_tag, distribution, timeout, "),
        arguments("Hash: md5", "alpha.Hash: unknown key"),
        arguments("command: x", "alpha.command: unknown key"),
        arguments("hash:\n   - md5", "alpha.hash: must be a single value, not a list"),
        arguments("extra:\n    x: 1", "alpha.extra: must be a value or a list of values (line "),
        arguments("redis_auth: ''", "alpha.redis_auth: must not be empty (line 4)"),
        arguments("hash: md5\n  hash: md5", "alpha.hash: is given twice (lines 4 and 5)"),
        arguments("redis: true", "alpha.redis: is given twice (lines 3 and 4)"));
  }

  @ParameterizedTest
  @MethodSource("badSettings")
  void parse_badSetting_namesFilePoolAndKey(String setting, String message) {
    assertThatThrownBy(() -> parse(pool(setting)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("nutcracker.yml: " + message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "127.0.0.1:0|invalid port in '127.0.0.1:0' (must be within 1..65535)",
      "127.0.0.1:65536|invalid port in '127.0.0.1:65536' (must be within 1..65535)",
      "22121|'22121' is not host:port",
      "':22121'|no host in ':22121'",
      "'127.0.0.1:22121 x'|invalid port in '127.0.0.1:22121 x'",
      "/tmp/gamma|unix sockets ('/tmp/gamma') are not supported yet; listen on host:port",
      "'/tmp/gamma 0666'|unix sockets ('/tmp/gamma 0666') are not supported yet"})
  void parse_badListen_isRefused(String listen, String reason) {
    String yaml = MINIMAL.replace("127.0.0.1:22121", listen);

    assertThatThrownBy(() -> parse(yaml)).hasMessageStartingWith("nutcracker.yml: alpha.listen: " + reason);
  }

  @Test
  void parse_listenAcceptsNamesAndIpv6() {
    assertThat(parse(MINIMAL.replace("127.0.0.1:22121", "localhost:1")).listen())
        .isEqualTo(new PoolConfig.ListenAddress("localhost", 1));
    assertThat(parse(MINIMAL.replace("127.0.0.1:22121", "'::1:22121'")).listen())
        .isEqualTo(new PoolConfig.ListenAddress("::1", 22121));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "127.0.0.1:6379|'127.0.0.1:6379' is not \"host:port:weight [name]\"",
      "127.0.0.1:6379:0|zero weight in '127.0.0.1:6379:0' (must be a positive integer)",
      "127.0.0.1:6379:-1|invalid weight in '127.0.0.1:6379:-1' (must be a positive integer)",
      "127.0.0.1:0:1|invalid port in '127.0.0.1:0:1' (must be within 1..65535)",
      "127.0.0.1:65536:1|invalid port in '127.0.0.1:65536:1'",
      "'127.0.0.1:6379:1  x'|invalid weight in '127.0.0.1:6379:1  x'",
      "127.0.0.1:6379:1 a b|invalid weight in '127.0.0.1:6379:1 a b'",
      "'127.0.0.1 :6379:1'|'127.0.0.1 :6379:1' is not",
      "':6379:1'|no host in ':6379:1'",
      "'127.0.0.1:6379:1 '|empty name after the space in '127.0.0.1:6379:1 '",
      "/tmp/redis.sock:1|unix socket servers ('/tmp/redis.sock:1') are not supported yet"})
  void parse_badServer_namesItsIndex(String line, String reason) {
    String yaml = MINIMAL + "   - " + line + "\n";

    assertThatThrownBy(() -> parse(yaml)).hasMessageStartingWith("nutcracker.yml: alpha.servers[1]: " + reason);
  }

  @Test
  void parse_duplicateServerIdentity_isRefused() {
    String yaml = MINIMAL + "   - 127.0.0.1:6380:1 127.0.0.1:6379\n";

    assertThatThrownBy(() -> parse(yaml))
        .hasMessage("nutcracker.yml: alpha.servers: name '127.0.0.1:6379' appears twice");
  }

  @Test
  void parse_serversMissingOrNotAList_isRefused() {
    assertThatThrownBy(() -> parse("alpha:\n  listen: 127.0.0.1:22121\n  redis: true\n"))
        .hasMessage("nutcracker.yml: alpha.servers: is required: a list of \"host:port:weight [name]\" lines");
    assertThatThrownBy(() -> parse("alpha:\n  listen: 127.0.0.1:22121\n  redis: true\n  servers: 127.0.0.1:6379:1\n"))
        .hasMessageStartingWith("nutcracker.yml: alpha.servers: must be a list of");
  }

  @Test
  void parse_listenMissing_isRefused() {
    assertThatThrownBy(() -> parse(MINIMAL.replace("  listen: 127.0.0.1:22121\n", "")))
        .hasMessage("nutcracker.yml: alpha.listen: is required (host:port)");
  }

  @Test
  void parse_memcachedPoolWithRedisAuth_isRefused_asTwemproxyRefusesIt() {
    assertThat(parse(MINIMAL.replace("redis: true", "redis: false")).redis()).isFalse();
    assertThatThrownBy(() -> parse(MINIMAL.replace("redis: true", "redis: false\n  redis_auth: pw")))
        .hasMessage("nutcracker.yml: alpha.redis_auth: needs redis: true (memcached has no AUTH), as in Twemproxy");
  }

  @Test
  void parse_twoPoolsOnOneListenAddress_isRefused() {
    assertThatThrownBy(() -> parse(MINIMAL + MINIMAL.replace("alpha", "beta")))
        .hasMessage("nutcracker.yml: pools 'alpha' and 'beta' both listen on '127.0.0.1:22121'");
  }

  @Test
  void parse_poolDefinedTwice_isRefused() {
    assertThatThrownBy(() -> parse(MINIMAL + MINIMAL.replace("22121", "22122")))
        .hasMessage("nutcracker.yml: pool 'alpha' is defined twice (lines 1 and 6)");
  }

  static Stream<Arguments> refusedYaml() {
    return Stream.of(
        arguments("", "nutcracker.yml: has no pools"),
        arguments("# only a comment\n", "nutcracker.yml: has no pools"),
        arguments("---\nalpha:\n", "nutcracker.yml: line 1: '---', '...' and YAML directives are not allowed"),
        arguments("%YAML 1.1\n---\nalpha:\n", "nutcracker.yml: line 1: '---', '...' and YAML directives are not"),
        arguments(MINIMAL + "...\n", "nutcracker.yml: line 6: '---', '...' and YAML directives are not allowed"),
        arguments("alpha\n", "nutcracker.yml: line 1: must be a mapping of pool names to pools"),
        arguments("- alpha\n", "nutcracker.yml: line 1: must be a mapping of pool names to pools"),
        arguments("alpha: beta\n",
            "nutcracker.yml: alpha: must be a mapping of settings (listen:, servers:, ...) (line 1)"),
        arguments("alpha:\n", "nutcracker.yml: alpha: must be a mapping of settings"),
        arguments("alpha: {listen: 127.0.0.1:22121}\n",
            "nutcracker.yml: line 1: flow style ([...] or {...}) is not allowed"),
        arguments("alpha:\n  servers: [127.0.0.1:6379:1]\n", "nutcracker.yml: line 2: flow style"),
        arguments("alpha:\n  listen: &l 127.0.0.1:22121\n", "nutcracker.yml: line 2: YAML anchors (&l) are not"),
        arguments("alpha:\n  listen: *l\n", "nutcracker.yml: line 2: YAML aliases (*name) are not allowed"),
        arguments("alpha:\n  listen: !!str 127.0.0.1:22121\n", "nutcracker.yml: line 2: YAML tags (!tag) are not"),
        arguments("alpha:\n  servers:\n   - - 127.0.0.1:6379:1\n",
            "nutcracker.yml: line 3: expected a value for alpha.servers[0]"),
        arguments("alpha:\n  servers:\n   -\n", "nutcracker.yml: alpha.servers[0]: must not be empty (line "),
        arguments("'':\n  redis: true\n", "nutcracker.yml: <pool name>: must not be empty (line 1)"),
        arguments("alpha:\n  listen: [\n", "nutcracker.yml: line "));
  }

  @ParameterizedTest
  @MethodSource("refusedYaml")
  void parse_yamlThatTwemproxyRefuses_isRefused(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }

  @Test
  void server_withoutName_isNamedAsTwemproxyNamesIt() {
    assertThat(NutcrackerConfig.server("10.0.0.1:6379:1")).isEqualTo(Member.of("10.0.0.1", 6379, 1));
    assertThat(NutcrackerConfig.server("10.0.0.1:6379:1").name()).isEqualTo("10.0.0.1:6379");
    assertThat(NutcrackerConfig.server("10.0.0.1:11211:1").name()).isEqualTo("10.0.0.1");
  }

  @Test
  void server_portWrittenWithLeadingZeros_keepsTheTextInItsIdentity() {
    assertThat(NutcrackerConfig.server("10.0.0.1:06379:1"))
        .isEqualTo(Member.named("10.0.0.1:06379", "10.0.0.1", 6379, 1));
  }

  @Test
  void server_withName_isNamed() {
    assertThat(NutcrackerConfig.server("10.0.0.1:6379:20 cache-a"))
        .isEqualTo(Member.named("cache-a", "10.0.0.1", 6379, 20));
  }

  @Test
  void server_splitsFromTheEnd_soHostsMayHoldColons() {
    assertThat(NutcrackerConfig.server("::1:6379:1")).isEqualTo(Member.of("::1", 6379, 1));
    assertThat(NutcrackerConfig.server("a:b:6379:1 n:x")).isEqualTo(Member.named("n:x", "a:b", 6379, 1));
  }

  @Test
  void listen_allowsPortZero_forAFreePort() {
    assertThat(NutcrackerConfig.listen("127.0.0.1:0")).isEqualTo(new PoolConfig.ListenAddress("127.0.0.1", 0));
  }

  @Test
  void hashTag_needsTwoAsciiCharacters() {
    assertThat(NutcrackerConfig.hashTag("$$")).isEqualTo(HashTag.of("$$"));
    assertThatThrownBy(() -> NutcrackerConfig.hashTag("é"))
        .hasMessage("must be two single-byte characters, such as \"{}\" (was 'é')");
  }

  private static PoolConfig parse(String yaml) {
    return NutcrackerConfig.parse(yaml, "nutcracker.yml").get(0);
  }

  /** A valid pool with {@code setting} as its fourth line. */
  private static String pool(String setting) {
    return "alpha:\n  listen: 127.0.0.1:22121\n  redis: true\n  " + setting + "\n  servers:\n   - 127.0.0.1:6379:1\n";
  }
}
