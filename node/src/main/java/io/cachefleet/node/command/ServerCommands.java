package io.cachefleet.node.command;

import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Server commands: INFO, TIME, COMMAND, CONFIG, DBSIZE, FLUSHDB, FLUSHALL. */
final class ServerCommands implements CommandFamily {

  private static final AsciiString ASYNC = AsciiString.of("ASYNC");
  private static final AsciiString SYNC = AsciiString.of("SYNC");

  private final Predicate<CommandSpec> implemented;
  private final ConfigParameters config = new ConfigParameters();

  ServerCommands(Predicate<CommandSpec> implemented) {
    this.implemented = implemented;
  }

  @Override
  public void register(CommandRegistry r) {
    r.bind("info", c -> c.verbatim(InfoSections.render(c, c.argc() == 1 ? List.of("default") : sections(c))));
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
        "GETKEYS <full-command>", "    Return the keys from a full Redis command."));
    r.bind("config|get", config::get);
    r.bind("config|set", config::set);
    r.bind("config|resetstat", c -> {
      c.node.totalCommands = 0;
      c.ok();
    });
    r.bind("config|rewrite", c -> {
      throw RedisError.err("The server is running without a config file");
    });
    r.bind("config|help", c -> help(c, "CONFIG",
        "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
        "RESETSTAT", "    Reset statistics reported by the INFO command.",
        "REWRITE", "    Rewrite the configuration file."));
  }

  private static List<String> sections(Call c) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i < c.argc(); i++) {
      names.add(c.argString(i).toLowerCase(Locale.ROOT));
    }
    return names;
  }

  private void time(Call c) {
    long micros = Math.multiplyExact(c.now(), 1000L) + (System.nanoTime() / 1000) % 1000;
    c.arrayHeader(2);
    c.bulk(Long.toString(micros / 1_000_000));
    c.bulk(Long.toString(micros % 1_000_000));
  }

  private void flush(Call c) {
    if (c.argc() > 2 || (c.argc() == 2 && !c.argIs(1, ASYNC) && !c.argIs(1, SYNC))) {
      throw RedisError.SYNTAX;
    }
    c.ks().flush();
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
        c.nullArray();
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

  private void commandList(Call c) {
    if (c.argc() > 2) {
      throw RedisError.SYNTAX;
    }
    List<CommandSpec> all = implementedCommands(c);
    c.arrayHeader(all.size());
    for (CommandSpec spec : all) {
      c.bulk(spec.name());
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
      if (spec == null) {
        throw RedisError.err("Invalid command specified");
      }
      if (spec.hasSubcommands() && full.argc() > 1 && spec.subcommand(full, 1) != null) {
        spec = spec.subcommand(full, 1);
      }
      if (!spec.acceptsArgc(full.argc())) {
        throw RedisError.err("Invalid number of arguments specified for command");
      }
      int[] positions = new int[full.argc()];
      int n = spec.keys(full, positions);
      if (n == 0) {
        throw RedisError.err("The command has no key arguments");
      }
      if (n < 0) {
        throw RedisError.err("Invalid arguments specified for command");
      }
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
    c.simple("    Print this help.");
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
