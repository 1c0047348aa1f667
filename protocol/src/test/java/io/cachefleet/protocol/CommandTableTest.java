package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandTableTest {

  private static final CommandTable TABLE = CommandTable.redis();

  @Test
  void lookup_ignoresCase() {
    CommandSpec get = TABLE.lookup("get");
    assertThat(get).isNotNull();
    assertThat(get.name()).isEqualTo("get");
    assertThat(TABLE.lookup("GET")).isSameAs(get);
    assertThat(TABLE.lookup("GeT")).isSameAs(get);
  }

  @Test
  void lookup_unknownNamesAreNull() {
    for (String name : new String[] {"", "ge", "gett", "nosuchcommand", "client|setname", "get ", "g\u00e9t"}) {
      assertThat(TABLE.lookup(name)).as(name).isNull();
    }
  }

  @Test
  void lookup_findsEveryTopLevelCommandByItsNameInAnyCase() {
    int topLevel = 0;
    for (CommandSpec spec : TABLE.all()) {
      if (spec.parent() == null) {
        topLevel++;
        assertThat(TABLE.lookup(spec.name())).isSameAs(spec);
        assertThat(TABLE.lookup(spec.name().toUpperCase(Locale.ROOT))).isSameAs(spec);
      }
    }
    assertThat(topLevel).isGreaterThan(200);
  }

  @Test
  void lookup_readsTheNameFromACommand() {
    RespCommand cmd = command("sEt", "k", "v");
    try {
      assertThat(TABLE.lookup(cmd)).isSameAs(TABLE.lookup("set"));
    } finally {
      cmd.release();
    }
  }

  @Test
  void all_idsAreDenseIndexes() {
    assertThat(TABLE.size()).isEqualTo(TABLE.all().size());
    for (int i = 0; i < TABLE.size(); i++) {
      assertThat(TABLE.all().get(i).id()).isEqualTo(i);
    }
  }

  @Test
  void subcommand_ignoresCase() {
    CommandSpec client = TABLE.lookup("CLIENT");
    RespCommand cmd = command("client", "SetName", "conn");
    try {
      CommandSpec setname = client.subcommand(cmd, 1);
      assertThat(setname).isNotNull();
      assertThat(setname.name()).isEqualTo("setname");
      assertThat(setname.fullName()).isEqualTo("client|setname");
      assertThat(setname.parent()).isSameAs(client);
      assertThat(setname.arity()).isEqualTo(3);
      assertThat(client.hasSubcommands()).isTrue();
      assertThat(client.subcommands()).contains(setname);
    } finally {
      cmd.release();
    }
  }

  @Test
  void subcommand_unknownIsNull() {
    RespCommand cmd = command("client", "setnam");
    try {
      assertThat(TABLE.lookup("client").subcommand(cmd, 1)).isNull();
      assertThat(TABLE.lookup("get").subcommand(cmd, 1)).isNull();
    } finally {
      cmd.release();
    }
  }

  @Test
  void acceptsArgc_exactAndMinimumArity() {
    CommandSpec get = TABLE.lookup("get");
    assertThat(get.arity()).isEqualTo(2);
    assertThat(get.acceptsArgc(1)).isFalse();
    assertThat(get.acceptsArgc(2)).isTrue();
    assertThat(get.acceptsArgc(3)).isFalse();
    CommandSpec set = TABLE.lookup("set");
    assertThat(set.arity()).isEqualTo(-3);
    assertThat(set.acceptsArgc(2)).isFalse();
    assertThat(set.acceptsArgc(3)).isTrue();
    assertThat(set.acceptsArgc(9)).isTrue();
    assertThat(TABLE.lookup("ping").acceptsArgc(1)).isTrue();
    assertThat(TABLE.lookup("ping").acceptsArgc(2)).isTrue();
  }

  @Test
  void flagsAndGroups() {
    assertThat(TABLE.lookup("set").isWrite()).isTrue();
    assertThat(TABLE.lookup("set").group()).isEqualTo("string");
    assertThat(TABLE.lookup("get").has(CommandFlag.READONLY)).isTrue();
    assertThat(TABLE.lookup("get").has(CommandFlag.FAST)).isTrue();
    assertThat(TABLE.lookup("blpop").has(CommandFlag.BLOCKING)).isTrue();
    assertThat(TABLE.lookup("auth").has(CommandFlag.NO_AUTH)).isTrue();
    assertThat(TABLE.lookup("zadd").group()).isEqualTo("sorted-set");
  }

  /**
   * Expected positions are what {@code COMMAND GETKEYS <command>} answered on redis-server
   * 7.0.15, each returned key mapped back to its argument index.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET k | 1",
      "SET k v | 1",
      "SET k v GET | 1",
      "MSET a 1 b 2 | 1 3",
      "MGET a b c | 1 2 3",
      "DEL a b c | 1 2 3",
      "EXISTS a b a | 1 2 3",
      "ZUNIONSTORE d 2 a b WEIGHTS 1 2 | 1 3 4",
      "ZDIFFSTORE d 2 a b | 1 3 4",
      "ZINTERCARD 2 a b LIMIT 1 | 2 3",
      "XREAD COUNT 2 STREAMS s1 s2 0 0 | 4 5",
      "XREADGROUP GROUP g c COUNT 1 STREAMS s1 s2 > > | 7 8",
      "EVAL script 2 k1 k2 a1 | 3 4",
      "EVALSHA sha 1 k1 | 3",
      "FCALL f 1 k1 a | 3",
      "MIGRATE host 6379 k 0 5000 | 3",
      "MIGRATE host 6379 k 0 5000 COPY | 3",
      "LMPOP 2 a b LEFT | 2 3",
      "LMPOP 3 a b LEFT | 2 3 4",
      "BLMPOP 0 2 a b LEFT | 3 4",
      "ZMPOP 1 z MIN | 2",
      "BZMPOP 0 2 z1 z2 MAX COUNT 2 | 3 4",
      "SINTERCARD 2 a b | 2 3",
      "SINTERCARD 3 a b c LIMIT 5 | 2 3 4",
      "GEORADIUS g 0 0 1 km STORE dst | 1 7",
      "GEORADIUS g 0 0 1 km STOREDIST dst | 1 7",
      "GEORADIUS g 0 0 1 km | 1",
      "GEORADIUSBYMEMBER g m 1 km STORE dst | 1 6",
      "GEOSEARCHSTORE d s FROMMEMBER m BYRADIUS 1 km | 1 2",
      "OBJECT FREQ k | 2",
      "XINFO STREAM s | 2",
      "MEMORY USAGE k SAMPLES 5 | 2",
      "SORT k | 1",
      "SORT k BY w STORE dst | 1 5",
      "SORT k LIMIT 0 1 GET # STORE d1 STORE d2 | 1 10",
      "SORT k GET store STORE dst | 1 5",
      "SORT_RO k BY w | 1",
      "RENAME a b | 1 2",
      "LMOVE a b LEFT RIGHT | 1 2",
      "BLPOP a b 0 | 1 2",
      "BITOP AND d a b | 2 3 4",
      "BITFIELD k GET u8 0 | 1",
      "XADD s * f v | 1"})
  void keys_matchRedisGetkeys(String line, String positions) {
    int[] expected = Arrays.stream(positions.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    assertThat(keys(TABLE, line.trim().split(" "))).isEqualTo(expected);
  }

  /** Redis answers "Invalid arguments" or, for EVAL (no mandatory keys), an empty list. */
  @ParameterizedTest
  @CsvSource({"ZUNIONSTORE d 0 a", "EVAL script 0", "EVAL s 3 a b", "XREAD STREAMS s", "LMPOP x a LEFT"})
  void keys_contradictedSpecsFindNoKey(String line) {
    assertThat(keyCount(TABLE, line.split(" "))).isEqualTo(-1);
  }

  @Test
  void keys_keylessCommands() {
    assertThat(TABLE.lookup("publish").isKeyless()).isTrue();
    assertThat(TABLE.lookup("ping").isKeyless()).isTrue();
    assertThat(TABLE.lookup("get").isKeyless()).isFalse();
    assertThat(keyCount(TABLE, "PUBLISH", "ch", "m")).isZero();
  }

  /**
   * Redis marks MIGRATE's KEYS spec INCOMPLETE and the shard-channel specs NOT_KEY. The shipped
   * commands.tsv does not carry key-spec flags yet, so these lines are written as the generator
   * writes them once it does; expected positions are again redis-server 7.0.15's.
   */
  @Test
  void keys_flaggedSpecsMatchRedisGetkeys() throws Exception {
    CommandTable table = CommandTable.parse(new BufferedReader(new StringReader(String.join("\n",
        "migrate\t-6\twrite,movablekeys\t3\t3\t1\tgeneric\tindex:3/range:0:1:0;keyword:KEYS:-2/range:-1:1:0/incomplete",
        "spublish\t3\tpubsub,loading,stale,fast\t1\t1\t1\tpubsub\tindex:1/range:0:1:0/not_key",
        "ssubscribe\t-2\tpubsub,noscript,loading,stale\t1\t-1\t1\tpubsub\tindex:1/range:-1:1:0/not_key"))));
    assertThat(keys(table, "MIGRATE", "host", "6379", "", "0", "5000", "KEYS", "k1", "k2")).containsExactly(7, 8);
    assertThat(keys(table, "MIGRATE", "host", "6379", "", "0", "5000", "COPY", "REPLACE", "AUTH", "pw", "KEYS", "k1",
        "k2", "k3")).containsExactly(11, 12, 13);
    assertThat(keys(table, "MIGRATE", "host", "6379", "", "0", "5000", "AUTH2", "keys", "KEYS", "KEYS", "k1"))
        .containsExactly(10);
    assertThat(keys(table, "MIGRATE", "host", "6379", "k", "0", "5000")).containsExactly(3);
    assertThat(keyCount(table, "MIGRATE", "host", "6379", "k", "0", "5000", "KEYS", "k1")).isEqualTo(-1);
    assertThat(table.lookup("spublish").isKeyless()).isTrue();
    assertThat(keyCount(table, "SPUBLISH", "ch", "m")).isZero();
    assertThat(keyCount(table, "SSUBSCRIBE", "c1", "c2")).isZero();
  }

  @Test
  void parse_refusesMalformedTables() {
    assertThatThrownBy(() -> parse("get\t2\treadonly\t1\t1\t1\tstring"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 1: expected 8 fields");
    assertThatThrownBy(() -> parse("client|setname\t3\t-\t0\t0\t0\tconnection\t-"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("subcommand before its command");
    assertThatThrownBy(() -> parse("get\t2\t-\t1\t1\t1\tstring\t-\nget\t2\t-\t1\t1\t1\tstring\t-"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("line 2: duplicate command get");
    assertThatThrownBy(() -> parse("get\t2\t-\t1\t1\t1\tstring\tindex:1/range:0:1:0/sticky"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key spec flag sticky");
  }

  private static CommandTable parse(String text) throws Exception {
    return CommandTable.parse(new BufferedReader(new StringReader(text)));
  }

  /** Key positions of the command, looked up in {@code table} down to its subcommand. */
  private static int[] keys(CommandTable table, String... args) {
    RespCommand cmd = command(args);
    try {
      int[] out = new int[cmd.argc()];
      int n = spec(table, cmd).keys(cmd, out);
      assertThat(n).as("key count").isNotNegative();
      return Arrays.copyOf(out, n);
    } finally {
      cmd.release();
    }
  }

  private static int keyCount(CommandTable table, String... args) {
    RespCommand cmd = command(args);
    try {
      return spec(table, cmd).keys(cmd, new int[cmd.argc()]);
    } finally {
      cmd.release();
    }
  }

  private static CommandSpec spec(CommandTable table, RespCommand cmd) {
    CommandSpec spec = table.lookup(cmd);
    CommandSpec sub = spec.hasSubcommands() ? spec.subcommand(cmd, 1) : null;
    return sub != null ? sub : spec;
  }

  private static RespCommand command(String... args) {
    return RespCommand.of(Unpooled.buffer(), args);
  }

  @Test
  void route_keyedByDefaultWhenTheCommandHasKeys() {
    assertThat(TABLE.lookup("get").route()).isEqualTo(ProxyRoute.KEYED);
    assertThat(TABLE.lookup("rename").route()).isEqualTo(ProxyRoute.KEYED);
    assertThat(TABLE.lookup("blpop").route()).isEqualTo(ProxyRoute.KEYED);
    assertThat(TABLE.lookup("object").subcommands()).allMatch(s -> s.route() == ProxyRoute.KEYED
        || s.name().equals("help"));
  }

  @Test
  void route_unsupportedByDefaultWhenTheCommandHasNoKeys() {
    assertThat(TABLE.lookup("config").subcommands()).allMatch(s -> s.route() == ProxyRoute.UNSUPPORTED);
    assertThat(TABLE.lookup("shutdown").route()).isEqualTo(ProxyRoute.UNSUPPORTED);
    assertThat(TABLE.lookup("spublish").route()).isEqualTo(ProxyRoute.UNSUPPORTED);
    assertThat(TABLE.lookup("migrate").route()).isEqualTo(ProxyRoute.UNSUPPORTED);
  }

  @Test
  void route_listedExceptions() {
    assertThat(TABLE.lookup("ping").route()).isEqualTo(ProxyRoute.LOCAL);
    assertThat(TABLE.lookup("mget").route()).isEqualTo(ProxyRoute.FANOUT);
    assertThat(TABLE.lookup("scan").route()).isEqualTo(ProxyRoute.ALL_BACKENDS);
    assertThat(TABLE.lookup("watch").route()).isEqualTo(ProxyRoute.TRANSACTION);
    assertThat(TABLE.lookup("publish").route()).isEqualTo(ProxyRoute.PUBSUB);
  }

  @Test
  void applyRoutes_unknownCommandFails() {
    CommandTable table = CommandTable.redis();
    assertThatThrownBy(() -> table.applyRoutes(new BufferedReader(new StringReader("nosuch\tlocal\n"))))
        .hasMessage("proxy-routes.tsv line 1: expected a known command and a route");
  }
}
