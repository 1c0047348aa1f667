package io.cachefleet.protocol;

import java.util.Locale;

/** The texts of Redis's central command checks, shared by every server that runs them. */
public final class CommandErrors {

  /** Redis prints at most this many characters of a client's name or argument in an error. */
  private static final int MAX_ECHOED = 128;

  private CommandErrors() {}

  /** Redis's {@code unknown command '%.128s', with args beginning with: '%.*s' ...}. */
  public static String unknownCommand(RespCommand cmd) {
    StringBuilder args = new StringBuilder();
    for (int i = 1; i < cmd.argc() && args.length() < MAX_ECHOED; i++) {
      args.append('\'').append(truncate(cmd.argString(i), MAX_ECHOED - args.length())).append("' ");
    }
    return "ERR unknown command '" + truncate(cmd.argString(0), MAX_ECHOED) + "', with args beginning with: "
        + args;
  }

  /** Redis's {@code unknown subcommand '%.128s'. Try CONTAINER HELP.}; the subcommand is argument 1. */
  public static String unknownSubcommand(CommandSpec container, RespCommand cmd) {
    return "ERR unknown subcommand '" + truncate(cmd.argString(1), MAX_ECHOED) + "'. Try "
        + container.name().toUpperCase(Locale.ROOT) + " HELP.";
  }

  /** Redis's arity error. */
  public static String wrongArity(CommandSpec spec) {
    return "ERR wrong number of arguments for '" + spec.fullName() + "' command";
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
