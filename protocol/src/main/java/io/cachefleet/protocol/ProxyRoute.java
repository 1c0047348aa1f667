package io.cachefleet.protocol;

import java.util.Locale;

/**
 * How a proxy serves a command: the routing column of the command table.
 *
 * <p>Most commands need no entry: one with keys is {@link #KEYED}, one without keys is
 * {@link #UNSUPPORTED}. The exceptions are listed in the {@code proxy-routes.tsv} resource.
 */
public enum ProxyRoute {
  /** Answered by the proxy itself: PING, ECHO, QUIT, AUTH, HELLO, SELECT, TIME, COMMAND, CLIENT, INFO. */
  LOCAL,
  /** Sent to the backend that owns its keys; a command with several keys needs them on one backend. */
  KEYED,
  /** Split by key across backends and reassembled in key order: MGET, MSET, DEL, EXISTS, ... */
  FANOUT,
  /** Sent to every backend and the replies combined: DBSIZE, KEYS, RANDOMKEY, SCAN, FLUSHDB, FLUSHALL, SCRIPT. */
  ALL_BACKENDS,
  /** MULTI, EXEC, DISCARD, WATCH, UNWATCH: a transaction whose keys live on one backend. */
  TRANSACTION,
  /** Channels hashed to backends like keys; pattern subscriptions on every backend. */
  PUBSUB,
  /** Refused with {@code -ERR unknown command}; the connection stays open. */
  UNSUPPORTED;

  static ProxyRoute of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
