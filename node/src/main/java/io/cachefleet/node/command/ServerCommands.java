package io.cachefleet.node.command;

import io.cachefleet.protocol.CommandFlag;
import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Server commands: INFO, TIME, COMMAND (COUNT, INFO, DOCS, LIST, GETKEYS), CONFIG (GET, SET,
 * RESETSTAT, REWRITE), DBSIZE, FLUSHDB and FLUSHALL, as Redis 7.0's server.c and config.c answer
 * them. COMMAND describes only the commands this node implements.
 */
final class ServerCommands implements CommandFamily {

  private static final AsciiString ASYNC = AsciiString.of("ASYNC");
  private static final AsciiString SYNC = AsciiString.of("SYNC");
  private static final AsciiString FILTERBY = AsciiString.of("FILTERBY");
  private static final AsciiString MODULE = AsciiString.of("MODULE");
  private static final AsciiString PATTERN = AsciiString.of("PATTERN");

  private final Predicate<CommandSpec> implemented;
  private final ConfigParameters config = new ConfigParameters();

  ServerCommands(Predicate<CommandSpec> implemented) {
    this.implemented = implemented;
  }

  @Override
  public void register(CommandRegistry r) {
    r.bind("info", c -> c.verbatim(InfoSections.render(c)));
    r.bind("time", this::time);
    r.bind("dbsize", c -> c.integer(c.ks().size()));
    r.bind("flushdb", this::flush);
    r.bind("flushall", this::flush);
    r.bind("command", this::commandAll);
    r.bind("command|count", c -> c.integer(implementedCommands(c).size()));
    r.bind("command|info", this::commandInfo);
    r.bind("command|docs", this::commandDocs);
    r.bind("command|list", this::commandList);
    r.bind("command|getkeys", this::getkeys);
    r.bind("command|help", c -> help(c, "COMMAND",
        "(no subcommand)", "    Return details about all Redis commands.",
        "COUNT", "    Return the total number of commands in this Redis server.",
        "LIST", "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all",
        "    commands are returned.",
        "GETKEYS <full-command>", "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>", "    Return the keys and the access flags from a full Redis command."));
    r.bind("config|get", config::get);
    r.bind("config|set", config::set);
    r.bind("config|resetstat", this::resetstat);
    r.bind("config|rewrite", c -> {
      throw RedisError.err("The server is running without a config file");
    });
    r.bind("config|help", c -> help(c, "CONFIG",
        "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
        "RESETSTAT", "    Reset statistics reported by the INFO command.",
        "REWRITE", "    Rewrite the configuration file."));
  }

  /** TIME: seconds and microseconds of the node's clock, which counts milliseconds. */
  private void time(Call c) {
    long now = c.now();
    c.arrayHeader(2);
    RespWriter.bulk(c.out, now / 1000);
    RespWriter.bulk(c.out, now % 1000 * 1000);
  }

  /** FLUSHDB / FLUSHALL [ASYNC|SYNC]: one database, so both empty it; WATCHers of existing keys fail. */
  private void flush(Call c) {
    if (c.argc() > 2 || (c.argc() == 2 && !c.argIs(1, ASYNC) && !c.argIs(1, SYNC))) {
      throw RedisError.SYNTAX;
    }
    c.node.watches.touchExisting(c.ks());
    c.ks().flush();
    c.ok();
  }

  /** CONFIG RESETSTAT: the counters this package keeps (the keyspace's own cannot be reset yet). */
  private void resetstat(Call c) {
    NodeContext n = c.node;
    n.totalCommands = 0;
    n.totalConnections = 0;
    n.rejectedConnections = 0;
    n.peakMemory = 0;
    c.ok();
  }

  private List<CommandSpec> implementedCommands(Call c) {
    List<CommandSpec> list = new ArrayList<>();
    for (CommandSpec spec : c.node.table.all()) {
      if (spec.parent() == null && implemented.test(spec)) {
        list.add(spec);
      }
    }
    return list;
  }

  private void commandAll(Call c) {
    List<CommandSpec> all = implementedCommands(c);
    c.arrayHeader(all.size());
    for (CommandSpec spec : all) {
      RespWriter.raw(c.out, c.node.docs.info(spec.name(), c.resp3()));
    }
  }

  private CommandSpec implementedLookup(Call c, String name) {
    CommandSpec spec = c.node.table.lookup(name);
    return spec != null && implemented.test(spec) ? spec : null;
  }

  private void commandInfo(Call c) {
    if (c.argc() == 2) {
      commandAll(c);
      return;
    }
    c.arrayHeader(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      CommandSpec spec = implementedLookup(c, c.argString(i));
      if (spec == null) {
        c.nullBulk();
      } else {
        RespWriter.raw(c.out, c.node.docs.info(spec.name(), c.resp3()));
      }
    }
  }

  private void commandDocs(Call c) {
    List<CommandSpec> specs = new ArrayList<>();
    if (c.argc() == 2) {
      specs.addAll(implementedCommands(c));
    } else {
      for (int i = 2; i < c.argc(); i++) {
        CommandSpec spec = implementedLookup(c, c.argString(i));
        if (spec != null) {
          specs.add(spec);
        }
      }
    }
    c.mapHeader(specs.size());
    for (CommandSpec spec : specs) {
      c.bulk(spec.name());
      RespWriter.raw(c.out, c.node.docs.docs(spec.name(), c.resp3()));
    }
  }

  /**
   * COMMAND LIST [FILTERBY MODULE name | PATTERN glob | ...]: full names of the implemented
   * commands and subcommands; no command comes from a module. ACLCAT is not supported: the node
   * has no ACL categories.
   */
  private void commandList(Call c) {
    byte[] pattern = null;
    if (c.argc() != 2) {
      if (c.argc() != 5 || !c.argIs(2, FILTERBY) || !(c.argIs(3, MODULE) || c.argIs(3, PATTERN))) {
        throw RedisError.SYNTAX;
      }
      if (c.argIs(3, MODULE)) {
        c.arrayHeader(0);
        return;
      }
      pattern = c.arg(4);
    }
    List<String> names = new ArrayList<>();
    for (CommandSpec spec : implementedCommands(c)) {
      addName(names, spec.fullName(), pattern);
      for (CommandSpec sub : spec.subcommands()) {
        if (implemented.test(sub)) {
          addName(names, sub.fullName(), pattern);
        }
      }
    }
    c.arrayHeader(names.size());
    for (String name : names) {
      c.bulk(name);
    }
  }

  private static void addName(List<String> names, String name, byte[] pattern) {
    if (pattern == null || Glob.matches(pattern, ascii(name), true)) {
      names.add(name);
    }
  }

  /** COMMAND GETKEYS cmd args...: the keys Redis's key specs find in a full command. */
  private void getkeys(Call c) {
    RespCommand cmd = c.cmd;
    byte[][] inner = new byte[cmd.argc() - 2][];
    for (int i = 2; i < cmd.argc(); i++) {
      inner[i - 2] = cmd.argBytes(i);
    }
    RespCommand full = RespCommand.of(c.out.alloc().heapBuffer(), inner);
    try {
      CommandSpec spec = c.node.table.lookup(full);
      if (spec != null && spec.hasSubcommands() && full.argc() > 1) {
        spec = spec.subcommand(full, 1);
      }
      if (spec == null) {
        throw RedisError.err("Invalid command specified");
      }
      if (spec.isKeyless()) {
        throw RedisError.err("The command has no key arguments");
      }
      if (!spec.acceptsArgc(full.argc())) {
        throw RedisError.err("Invalid number of arguments specified for command");
      }
      int[] positions = new int[full.argc()];
      int n = spec.keys(full, positions);
      if (n <= 0 && !spec.has(CommandFlag.NO_MANDATORY_KEYS)) {
        throw RedisError.err("Invalid arguments specified for command");
      }
      n = Math.max(n, 0);
      c.arrayHeader(n);
      for (int i = 0; i < n; i++) {
        c.bulk(full.argBytes(positions[i]));
      }
    } finally {
      full.release();
    }
  }

  /** Writes a HELP reply in Redis's shape: a title line, then the lines, then the HELP line. */
  static void help(Call c, String command, String... lines) {
    c.arrayHeader(lines.length + 3);
    c.simple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    for (String line : lines) {
      c.simple(line);
    }
    c.simple("HELP");
    c.simple("    Prints this help.");
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
