package io.cachefleet.protocol;

/**
 * What the decoder emits, in order with the commands before it, when a client breaks the
 * protocol. The server answers {@link #reply()} (when not null) and closes the connection after
 * it, as Redis does; the decoder discards all later input.
 *
 * @param reply the error line, e.g. {@code "ERR Protocol error: invalid bulk length"}, or null
 *     when the connection closes without a reply (query buffer overflow)
 */
public record RespProtocolError(String reply) {

  static RespProtocolError of(String reason) {
    return new RespProtocolError("ERR Protocol error: " + reason);
  }
}
