package io.cachefleet.node.command;

import io.cachefleet.protocol.CommandSpec;
import java.util.function.Predicate;

/** Connection and server commands: PING, ECHO, HELLO, AUTH, CLIENT, INFO, CONFIG, COMMAND, ... */
final class ServerCommands implements CommandFamily {

  private final Predicate<CommandSpec> implemented;

  ServerCommands(Predicate<CommandSpec> implemented) {
    this.implemented = implemented;
  }

  @Override
  public void register(CommandRegistry r) {
    r.bind("ping", this::ping);
  }

  private void ping(Call c) {
    if (c.client.isSubscriber() && !c.resp3()) {
      c.arrayHeader(2);
      c.bulk("pong");
      c.bulk(c.argc() > 1 ? c.arg(1) : new byte[0]);
      return;
    }
    if (c.argc() > 1) {
      c.bulk(c.arg(1));
    } else {
      c.simple("PONG");
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
}
