package io.cachefleet.dist;

/** Pieces of command-line parsing shared by the subcommands: option values, given once, numbers. */
final class Args {

  private Args() {}

  /** The value after option {@code option} at {@code args[i]}; a usage error when missing or empty. */
  static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length || args[i].isEmpty()) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  /** {@code value}, unless the option was given before. */
  static <T> T once(T previous, T value, String option) throws UsageException {
    if (previous != null) {
      throw new UsageException(option + " was given twice");
    }
    return value;
  }

  /** {@code value} as an integer; the usage error says it must be {@code what}. */
  static Integer number(String value, String option, String what) throws UsageException {
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs " + what + " (was '" + value + "')");
    }
  }
}
