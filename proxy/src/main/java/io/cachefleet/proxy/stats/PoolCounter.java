package io.cachefleet.proxy.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A pool's counters: Twemproxy's pool fields in the order its stats document lists them, then the
 * proxy's own. See {@link PoolStats} for what each one counts here.
 */
enum PoolCounter {
  CLIENT_EOF,
  CLIENT_ERR,
  CLIENT_CONNECTIONS,
  SERVER_EJECTS,
  FORWARD_ERROR,
  FRAGMENTS,
  /** Clients accepted since the start: part of the document's {@code total_connections}. */
  CLIENTS_ACCEPTED,
  /** Commands read from clients: INFO's {@code total_commands_processed}. */
  COMMANDS;

  /** Twemproxy's fields, which the stats document lists under each pool. */
  static final List<PoolCounter> REPORTED = Arrays.asList(values()).subList(0, CLIENTS_ACCEPTED.ordinal());

  /** The field's name in Twemproxy's stats document. */
  String field() {
    return name().toLowerCase(Locale.ROOT);
  }
}
