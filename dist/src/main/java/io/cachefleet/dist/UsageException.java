package io.cachefleet.dist;

/** A command line that cannot be understood; the launcher prints the message and the usage. */
final class UsageException extends Exception {

  UsageException(String message) {
    super(message, null, false, false);
  }
}
