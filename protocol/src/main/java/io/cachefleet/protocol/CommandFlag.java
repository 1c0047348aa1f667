package io.cachefleet.protocol;

import java.util.Locale;

/** A command's flags, by the names Redis gives them in {@code COMMAND INFO}. */
public enum CommandFlag {
  WRITE,
  READONLY,
  DENYOOM,
  MODULE,
  ADMIN,
  PUBSUB,
  NOSCRIPT,
  BLOCKING,
  LOADING,
  STALE,
  SKIP_MONITOR,
  SKIP_SLOWLOG,
  ASKING,
  FAST,
  NO_AUTH,
  MAY_REPLICATE,
  NO_MANDATORY_KEYS,
  NO_ASYNC_LOADING,
  NO_MULTI,
  MOVABLEKEYS,
  ALLOW_BUSY,
  SENTINEL,
  ONLY_SENTINEL;

  /** The flag named {@code name} as Redis spells it ({@code "readonly"}, {@code "no_auth"}). */
  static CommandFlag of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  final long bit() {
    return 1L << ordinal();
  }
}
