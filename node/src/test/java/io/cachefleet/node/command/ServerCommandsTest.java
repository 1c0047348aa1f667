package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server commands against replies recorded from Redis 7.0.15. */
class ServerCommandsTest {

  private static final String SYNTAX = error("ERR syntax error");

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client c = h.client();

  @AfterEach
  void close() {
    c.close();
  }

  /** The text of a bulk string reply. */
  private static String text(String reply) {
    return reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
  }

  private static List<String> headers(String info) {
    List<String> out = new ArrayList<>();
    for (String line : info.split("\r\n")) {
      if (line.startsWith("#")) {
        out.add(line);
      }
    }
    return out;
  }

  /** A map reply of bulk strings: a flat array in RESP2. */
  private static String map(String... kv) {
    return array(kv);
  }

  // ---------------------------------------------------------------- INFO

  @Test
  void info_defaultSectionsInRedisOrder() {
    String info = text(c.call("INFO"));
    List<String> expected = List.of("# Server", "# Clients", "# Memory", "# Persistence", "# Stats",
        "# Replication", "# CPU", "# Modules", "# Errorstats", "# Cluster", "# Keyspace");
    assertThat(headers(info)).isEqualTo(expected);
    assertThat(headers(text(c.call("INFO", "all")))).isEqualTo(expected);
    assertThat(headers(text(c.call("INFO", "EVERYTHING")))).isEqualTo(expected);
    assertThat(info).contains("\r\n\r\n# Clients\r\n").endsWith("# Keyspace\r\n");
  }

  @Test
  void info_redisFieldNames() {
    c.call("SET", "k", "v", "EX", "100");
    c.call("GET", "k");
    c.call("GET", "missing");
    String info = text(c.call("INFO"));
    assertThat(info).contains("\r\nredis_version:7.0.15\r\n", "\r\nredis_mode:standalone\r\n",
        "\r\nconnected_clients:1\r\n", "\r\nmaxclients:10000\r\n", "\r\nblocked_clients:0\r\n",
        "\r\nused_memory:", "\r\nmaxmemory:0\r\n", "\r\nmaxmemory_human:0B\r\n", "\r\nmaxmemory_policy:noeviction\r\n",
        "\r\nloading:0\r\n", "\r\naof_enabled:0\r\n", "\r\ntotal_connections_received:1\r\n",
        "\r\nkeyspace_hits:1\r\n", "\r\nkeyspace_misses:1\r\n", "\r\nexpired_keys:0\r\n", "\r\nevicted_keys:0\r\n",
        "\r\npubsub_channels:0\r\n", "\r\nrole:master\r\n", "\r\nconnected_slaves:0\r\n", "\r\nused_cpu_user:",
        "\r\ncluster_enabled:0\r\n", "\r\ndb0:keys=1,expires=1,avg_ttl=0");
    assertThat(info).containsPattern("\r\nrun_id:[0-9a-f]{40}\r\n");
    assertThat(info).containsPattern("\r\nuptime_in_seconds:\\d+\r\n");
  }

  @Test
  void info_namedSectionsInRedisOrder() {
    assertThat(c.call("INFO", "keyspace", "CLUSTER", "cluster"))
        .isEqualTo(bulk("# Cluster\r\ncluster_enabled:0\r\n\r\n# Keyspace\r\n"));
    c.call("SET", "k", "v");
    assertThat(c.call("INFO", "keyspace")).isEqualTo(bulk("# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n"));
    assertThat(c.call("INFO", "modules")).isEqualTo(bulk("# Modules\r\n"));
    assertThat(headers(text(c.call("INFO", "clients", "server")))).containsExactly("# Server", "# Clients");
    assertThat(c.call("INFO", "foo")).isEqualTo(bulk(""));
  }

  @Test
  void info_resp3Verbatim() {
    c.call("HELLO", "3");
    String reply = c.call("INFO", "cluster");
    assertThat(reply).isEqualTo("=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n");
  }

  // ---------------------------------------------------------------- TIME / DBSIZE / FLUSH

  @Test
  void time_secondsAndMicroseconds() {
    assertThat(c.call("TIME")).isEqualTo(array("1700000000", "0"));
    h.advance(1234);
    assertThat(c.call("TIME")).isEqualTo(array("1700000001", "234000"));
    assertThat(c.call("TIME", "x")).isEqualTo(error("ERR wrong number of arguments for 'time' command"));
  }

  @Test
  void dbsize_countsKeys() {
    assertThat(c.call("DBSIZE")).isEqualTo(integer(0));
    c.call("MSET", "a", "1", "b", "2");
    assertThat(c.call("DBSIZE")).isEqualTo(integer(2));
    assertThat(c.call("DBSIZE", "x")).isEqualTo(error("ERR wrong number of arguments for 'dbsize' command"));
  }

  @Test
  void flush_emptiesWithOrWithoutMode() {
    c.call("SET", "a", "1");
    assertThat(c.call("FLUSHDB")).isEqualTo(ok());
    assertThat(c.call("DBSIZE")).isEqualTo(integer(0));
    c.call("SET", "a", "1");
    assertThat(c.call("FLUSHALL", "sync")).isEqualTo(ok());
    c.call("SET", "a", "1");
    assertThat(c.call("FLUSHDB", "ASYNC")).isEqualTo(ok());
    assertThat(c.call("DBSIZE")).isEqualTo(integer(0));
  }

  @Test
  void flush_badArguments() {
    c.call("SET", "a", "1");
    assertThat(c.call("FLUSHDB", "x")).isEqualTo(SYNTAX);
    assertThat(c.call("FLUSHALL", "a", "b")).isEqualTo(SYNTAX);
    assertThat(c.call("FLUSHALL", "SYNC", "ASYNC")).isEqualTo(SYNTAX);
    assertThat(c.call("DBSIZE")).isEqualTo(integer(1));
  }

  // ---------------------------------------------------------------- COMMAND

  @Test
  void commandCount_matchesTopLevelList() {
    List<String> names = KeyCommandsTest.bulks(c.call("COMMAND", "LIST"));
    long topLevel = names.stream().filter(n -> !n.contains("|")).count();
    assertThat(names).contains("get", "set", "config|get", "client|list", "scan");
    assertThat(c.call("COMMAND", "COUNT")).isEqualTo(integer(topLevel));
    assertThat(c.call("COMMAND", "COUNT", "x")).isEqualTo(error("ERR wrong number of arguments for 'command|count' command"));
  }

  @Test
  void commandList_filters() {
    assertThat(KeyCommandsTest.bulks(c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "CONFIG*")))
        .containsExactlyInAnyOrder("config", "config|get", "config|set", "config|resetstat", "config|rewrite",
            "config|help");
    assertThat(c.call("COMMAND", "LIST", "FILTERBY", "pattern", "xx*")).isEqualTo("*0\r\n");
    assertThat(c.call("COMMAND", "LIST", "FILTERBY", "MODULE", "x")).isEqualTo("*0\r\n");
    assertThat(c.call("COMMAND", "LIST", "FILTERBY")).isEqualTo(SYNTAX);
    assertThat(c.call("COMMAND", "LIST", "x")).isEqualTo(SYNTAX);
    assertThat(c.call("COMMAND", "LIST", "FILTERBY", "foo", "x")).isEqualTo(SYNTAX);
  }

  @Test
  void commandInfo_knownAndUnknown() {
    assertThat(c.call("COMMAND", "INFO", "get", "foo"))
        .startsWith("*2\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n")
        .endsWith("$-1\r\n");
    c.call("HELLO", "3");
    assertThat(c.call("COMMAND", "INFO", "foo")).isEqualTo("*1\r\n_\r\n");
  }

  @Test
  void commandDocs_mapOfKnownCommands() {
    assertThat(c.call("COMMAND", "DOCS", "foo")).isEqualTo("*0\r\n");
    assertThat(c.call("COMMAND", "DOCS", "get")).startsWith("*2\r\n$3\r\nget\r\n");
    c.call("HELLO", "3");
    assertThat(c.call("COMMAND", "DOCS", "foo")).isEqualTo("%0\r\n");
    assertThat(c.call("COMMAND", "DOCS", "get")).startsWith("%1\r\n$3\r\nget\r\n%5\r\n$7\r\nsummary\r\n"
        + "$22\r\nGet the value of a key\r\n");
  }

  @Test
  void commandGetkeys_findsKeys() {
    assertThat(c.call("COMMAND", "GETKEYS", "set", "a", "b")).isEqualTo(array("a"));
    assertThat(c.call("COMMAND", "GETKEYS", "GET", "a")).isEqualTo(array("a"));
    assertThat(c.call("COMMAND", "GETKEYS", "mset", "a", "1", "b", "2")).isEqualTo(array("a", "b"));
    assertThat(c.call("COMMAND", "GETKEYS", "lcs", "a", "b")).isEqualTo(array("a", "b"));
    assertThat(c.call("COMMAND", "GETKEYS", "zunionstore", "d", "2", "a", "b")).isEqualTo(array("d", "a", "b"));
    assertThat(c.call("COMMAND", "GETKEYS", "object", "freq", "k")).isEqualTo(array("k"));
    assertThat(c.call("COMMAND", "GETKEYS", "eval", "x", "0")).isEqualTo("*0\r\n");
  }

  @Test
  void commandGetkeys_errors() {
    assertThat(c.call("COMMAND", "GETKEYS", "get"))
        .isEqualTo(error("ERR wrong number of arguments for 'command|getkeys' command"));
    assertThat(c.call("COMMAND", "GETKEYS", "foo", "bar")).isEqualTo(error("ERR Invalid command specified"));
    assertThat(c.call("COMMAND", "GETKEYS", "config", "foo")).isEqualTo(error("ERR Invalid command specified"));
    assertThat(c.call("COMMAND", "GETKEYS", "config", "get", "x"))
        .isEqualTo(error("ERR The command has no key arguments"));
    assertThat(c.call("COMMAND", "GETKEYS", "echo", "a", "b")).isEqualTo(error("ERR The command has no key arguments"));
    assertThat(c.call("COMMAND", "GETKEYS", "get", "a", "b"))
        .isEqualTo(error("ERR Invalid number of arguments specified for command"));
    assertThat(c.call("COMMAND", "GETKEYS", "object", "freq"))
        .isEqualTo(error("ERR Invalid number of arguments specified for command"));
    assertThat(c.call("COMMAND", "GETKEYS", "zunionstore", "d", "5", "a", "b"))
        .isEqualTo(error("ERR Invalid arguments specified for command"));
  }

  @Test
  void commandHelp_redisText() {
    String help = c.call("COMMAND", "HELP");
    assertThat(help).startsWith("*21\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        + "+(no subcommand)\r\n+    Return details about all Redis commands.\r\n");
    assertThat(help).endsWith("+GETKEYSANDFLAGS <full-command>\r\n"
        + "+    Return the keys and the access flags from a full Redis command.\r\n+HELP\r\n+    Prints this help.\r\n");
  }

  // ---------------------------------------------------------------- CONFIG

  @Test
  void configGet_exactNameAnsweredAsTyped() {
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "0"));
    assertThat(c.call("CONFIG", "GET", "MAXMEMORY")).isEqualTo(map("MAXMEMORY", "0"));
    assertThat(c.call("CONFIG", "GET", "Hz")).isEqualTo(map("Hz", "10"));
    assertThat(c.call("CONFIG", "GET", "hz", "HZ")).isEqualTo(map("hz", "10"));
    assertThat(c.call("CONFIG", "GET", "nothing")).isEqualTo("*0\r\n");
    assertThat(c.call("CONFIG", "GET", "requirepass")).isEqualTo(map("requirepass", ""));
    assertThat(c.call("CONFIG", "GET", "save")).isEqualTo(map("save", ""));
    assertThat(c.call("CONFIG", "GET", "appendonly")).isEqualTo(map("appendonly", "no"));
    assertThat(c.call("CONFIG", "GET", "databases")).isEqualTo(map("databases", "1"));
    assertThat(c.call("CONFIG", "GET")).isEqualTo(error("ERR wrong number of arguments for 'config|get' command"));
  }

  @Test
  void configGet_patternsMatchOncePerParameter() {
    assertThat(KeyCommandsTest.bulks(c.call("CONFIG", "GET", "MAXMEMORY*")))
        .containsExactlyInAnyOrder("maxmemory", "0", "maxmemory-policy", "noeviction", "maxmemory-samples", "5");
    assertThat(c.call("CONFIG", "GET", "maxmemory", "maxmemor?")).isEqualTo(map("maxmemory", "0"));
    assertThat(KeyCommandsTest.bulks(c.call("CONFIG", "GET", "hz", "maxmemory")))
        .containsExactlyInAnyOrder("hz", "10", "maxmemory", "0");
  }

  @Test
  void configGet_resp3Map() {
    c.call("HELLO", "3");
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo("%1\r\n" + bulk("maxmemory") + bulk("0"));
  }

  @Test
  void configSet_memoryUnits() {
    assertThat(c.call("CONFIG", "SET", "maxmemory", "1gb")).isEqualTo(ok());
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "1073741824"));
    c.call("CONFIG", "SET", "maxmemory", "100k");
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "100000"));
    c.call("CONFIG", "SET", "maxmemory", "1KB");
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "1024"));
    c.call("CONFIG", "SET", "maxmemory", "2M");
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "2000000"));
    c.call("CONFIG", "SET", "maxmemory", "10b");
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "10"));
    c.call("CONFIG", "SET", "maxmemory", "");
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "0"));
    assertThat(c.call("INFO", "memory")).contains("\r\nmaxmemory:0\r\n");
  }

  @Test
  void configSet_badValues() {
    String memory = error("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a "
        + "memory value");
    assertThat(c.call("CONFIG", "SET", "maxmemory", "abc")).isEqualTo(memory);
    assertThat(c.call("CONFIG", "SET", "maxmemory", "-1")).isEqualTo(memory);
    assertThat(c.call("CONFIG", "SET", "maxmemory", "+5")).isEqualTo(memory);
    assertThat(c.call("CONFIG", "SET", "maxmemory", "1.5")).isEqualTo(memory);
    assertThat(c.call("CONFIG", "SET", "hz", "01")).isEqualTo(error("ERR CONFIG SET failed (possibly related to "
        + "argument 'hz') - argument couldn't be parsed into an integer"));
    assertThat(c.call("CONFIG", "SET", "hz", "-1")).isEqualTo(error("ERR CONFIG SET failed (possibly related to "
        + "argument 'hz') - argument must be between 0 and 2147483647 inclusive"));
    assertThat(c.call("CONFIG", "SET", "maxclients", "0")).isEqualTo(error("ERR CONFIG SET failed (possibly related "
        + "to argument 'maxclients') - argument must be between 1 and 4294967295 inclusive"));
    assertThat(c.call("CONFIG", "SET", "maxclients", "abc")).isEqualTo(error("ERR CONFIG SET failed (possibly "
        + "related to argument 'maxclients') - argument couldn't be parsed into an integer"));
    assertThat(c.call("CONFIG", "SET", "proto-max-bulk-len", "10")).isEqualTo(error("ERR CONFIG SET failed (possibly "
        + "related to argument 'proto-max-bulk-len') - argument must be between 1048576 and 9223372036854775807 "
        + "inclusive"));
    assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "foo")).isEqualTo(error("ERR CONFIG SET failed (possibly "
        + "related to argument 'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, "
        + "volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"));
  }

  @Test
  void configSet_hzClamped() {
    assertThat(c.call("CONFIG", "SET", "hz", "0")).isEqualTo(ok());
    assertThat(c.call("CONFIG", "GET", "hz")).isEqualTo(map("hz", "1"));
    assertThat(c.call("CONFIG", "SET", "hz", "501")).isEqualTo(ok());
    assertThat(c.call("CONFIG", "GET", "hz")).isEqualTo(map("hz", "500"));
  }

  @Test
  void configSet_policyAnyCase() {
    assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "ALLKEYS-LRU")).isEqualTo(ok());
    assertThat(c.call("CONFIG", "GET", "maxmemory-policy")).isEqualTo(map("maxmemory-policy", "allkeys-lru"));
  }

  @Test
  void configSet_nameErrors() {
    assertThat(c.call("CONFIG", "SET", "maxmemory")).isEqualTo(error("ERR wrong number of arguments for 'config|set' command"));
    assertThat(c.call("CONFIG", "SET", "maxmemory", "10mb", "hz")).isEqualTo(SYNTAX);
    assertThat(c.call("CONFIG", "SET", "foo", "1")).isEqualTo(error("ERR Unknown option or number of arguments for "
        + "CONFIG SET - 'foo'"));
    assertThat(c.call("CONFIG", "SET", "foo", "1", "databases", "2")).isEqualTo(error("ERR Unknown option or number of "
        + "arguments for CONFIG SET - 'foo'"));
    assertThat(c.call("CONFIG", "SET", "databases", "1", "foo", "2")).isEqualTo(error("ERR CONFIG SET failed "
        + "(possibly related to argument 'databases') - can't set immutable config"));
    assertThat(c.call("CONFIG", "SET", "maxmemory", "5", "MAXMEMORY", "6")).isEqualTo(error("ERR CONFIG SET failed "
        + "(possibly related to argument 'MAXMEMORY') - duplicate parameter"));
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "0"));
  }

  @Test
  void configSet_multipleAllOrNothing() {
    assertThat(c.call("CONFIG", "SET", "maxmemory", "10mb", "hz", "20")).isEqualTo(ok());
    assertThat(c.call("CONFIG", "GET", "hz")).isEqualTo(map("hz", "20"));
    assertThat(c.call("CONFIG", "SET", "maxmemory", "0", "hz", "abc")).isEqualTo(error("ERR CONFIG SET failed "
        + "(possibly related to argument 'hz') - argument couldn't be parsed into an integer"));
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "10485760"));
    assertThat(c.call("CONFIG", "SET", "maxmemory", "1", "maxmemory-policy", "bad")).startsWith("-ERR CONFIG SET "
        + "failed (possibly related to argument 'maxmemory-policy')");
    assertThat(c.call("CONFIG", "GET", "maxmemory")).isEqualTo(map("maxmemory", "10485760"));
  }

  @Test
  void configSet_fixedParametersKeepTheirValue() {
    assertThat(c.call("CONFIG", "SET", "save", "")).isEqualTo(ok());
    assertThat(c.call("CONFIG", "SET", "appendonly", "no")).isEqualTo(ok());
    assertThat(c.call("CONFIG", "SET", "appendonly", "yes")).startsWith("-ERR CONFIG SET failed (possibly related to "
        + "argument 'appendonly') - ");
  }

  @Test
  void configSet_requirepassAppliesToNewConnections() {
    assertThat(c.call("CONFIG", "SET", "requirepass", "pw")).isEqualTo(ok());
    assertThat(c.call("GET", "k")).isEqualTo(NodeHarness.nil());
    try (NodeHarness.Client other = h.client()) {
      assertThat(other.call("GET", "k")).isEqualTo(error("NOAUTH Authentication required."));
      assertThat(other.call("AUTH", "pw")).isEqualTo(ok());
    }
    assertThat(c.call("CONFIG", "GET", "requirepass")).isEqualTo(map("requirepass", "pw"));
    assertThat(c.call("CONFIG", "SET", "requirepass", "")).isEqualTo(ok());
    assertThat(c.call("AUTH", "x")).startsWith("-ERR AUTH <password> called without any password configured");
  }

  @Test
  void configSet_protoMaxBulkLenLimitsStrings() {
    assertThat(c.call("CONFIG", "SET", "proto-max-bulk-len", "1mb")).isEqualTo(ok());
    assertThat(c.call("CONFIG", "GET", "proto-max-bulk-len")).isEqualTo(map("proto-max-bulk-len", "1048576"));
    assertThat(c.call("SETRANGE", "k", "1048576", "x"))
        .isEqualTo(error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
  }

  @Test
  void config_otherSubcommands() {
    assertThat(c.call("CONFIG", "RESETSTAT")).isEqualTo(ok());
    assertThat(c.call("INFO", "stats")).contains("\r\ntotal_commands_processed:1\r\n");
    assertThat(c.call("CONFIG", "REWRITE")).isEqualTo(error("ERR The server is running without a config file"));
    assertThat(c.call("CONFIG", "HELP")).isEqualTo("*11\r\n"
        + "+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        + "+GET <pattern>\r\n"
        + "+    Return parameters matching the glob-like <pattern> and their values.\r\n"
        + "+SET <directive> <value>\r\n"
        + "+    Set the configuration <directive> to <value>.\r\n"
        + "+RESETSTAT\r\n"
        + "+    Reset statistics reported by the INFO command.\r\n"
        + "+REWRITE\r\n"
        + "+    Rewrite the configuration file.\r\n"
        + "+HELP\r\n"
        + "+    Prints this help.\r\n");
  }
}
