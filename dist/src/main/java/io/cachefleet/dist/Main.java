package io.cachefleet.dist;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code cachefleet} command line: {@code cachefleet node}, {@code cachefleet proxy} and
 * {@code cachefleet local}, each with its own {@code --help}.
 *
 * <p>Exit codes: 0 on success, 1 when a server cannot start (a bad setting, a port in
 * use), 2 for a command line it does not understand.
 */
public final class Main {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  static final String USAGE_TEXT = """
      Usage: cachefleet <command> [options]
             cachefleet --help | --version

      Commands:
        node    run a memory node, a Redis-compatible server (cachefleet node --help)
        proxy   run a Redis proxy, a drop-in for Twemproxy (cachefleet proxy --help)
        local   run a cluster on this machine: 3 nodes and a proxy (cachefleet local --help)
      """;

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != OK) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    switch (args[0]) {
      case "--help", "-h" -> {
        out.print(USAGE_TEXT);
        return OK;
      }
      case "--version" -> {
        out.println("cachefleet " + version());
        return OK;
      }
      case "node" -> {
        return NodeCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
      }
      case "proxy" -> {
        return ProxyCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
      }
      case "local" -> {
        return LocalCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
      }
      default -> {
        err.println("cachefleet: unknown " + (args[0].startsWith("-") ? "option" : "command") + " '" + args[0] + "'");
        err.print(USAGE_TEXT);
        return USAGE;
      }
    }
  }

  /** The version the jar's manifest carries; "dev" when run from a build's classes. */
  static String version() {
    String version = Main.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
