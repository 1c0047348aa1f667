package io.cachefleet.dist;

/** A setting that cannot be used; the message names its path, the reason and where it was set. */
final class BadConfigException extends RuntimeException {

  BadConfigException(String message) {
    super(message, null, false, false);
  }
}
