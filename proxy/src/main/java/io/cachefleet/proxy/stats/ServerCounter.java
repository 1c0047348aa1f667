package io.cachefleet.proxy.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A backend's counters: Twemproxy's server fields in the order its stats document lists them,
 * then the proxy's own. See {@link PoolStats} for what each one counts here.
 */
enum ServerCounter {
  SERVER_EOF,
  SERVER_ERR,
  SERVER_TIMEDOUT,
  SERVER_CONNECTIONS,
  SERVER_EJECTED_AT,
  REQUESTS,
  REQUEST_BYTES,
  RESPONSES,
  RESPONSE_BYTES,
  IN_QUEUE,
  IN_QUEUE_BYTES,
  OUT_QUEUE,
  OUT_QUEUE_BYTES,
  /** Connections opened since the start: part of the document's {@code total_connections}. */
  CONNECTIONS_OPENED;

  /** Twemproxy's fields, which the stats document lists under each server. */
  static final List<ServerCounter> REPORTED = Arrays.asList(values()).subList(0, CONNECTIONS_OPENED.ordinal());

  /** The field's name in Twemproxy's stats document. */
  String field() {
    return name().toLowerCase(Locale.ROOT);
  }
}
