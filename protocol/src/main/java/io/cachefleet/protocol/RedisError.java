package io.cachefleet.protocol;

/**
 * An error reply in Redis's exact words, thrown by a command and written by the server as
 * {@code -<message>\r\n}. It has no stack trace: it is a reply, not a fault.
 *
 * <p>Commands validate every argument before they change anything, so throwing one leaves the
 * data as it was; the server discards whatever part of the reply the command had written.
 */
public final class RedisError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public static final RedisError SYNTAX = new RedisError("ERR syntax error");
  public static final RedisError NOT_AN_INTEGER = new RedisError("ERR value is not an integer or out of range");
  public static final RedisError NOT_A_FLOAT = new RedisError("ERR value is not a valid float");
  public static final RedisError WRONGTYPE =
      new RedisError("WRONGTYPE Operation against a key holding the wrong kind of value");
  public static final RedisError NO_SUCH_KEY = new RedisError("ERR no such key");
  public static final RedisError OVERFLOW = new RedisError("ERR increment or decrement would overflow");
  public static final RedisError OUT_OF_RANGE = new RedisError("ERR index out of range");
  public static final RedisError TIMEOUT_NEGATIVE = new RedisError("ERR timeout is negative");
  public static final RedisError TIMEOUT_INVALID = new RedisError("ERR timeout is not a float or out of range");
  public static final RedisError NOT_POSITIVE = new RedisError("ERR value is out of range, must be positive");

  /** @param message the whole error line without the leading '-', e.g. {@code "ERR syntax error"} */
  public RedisError(String message) {
    super(message, null, false, false);
  }

  /** An {@code ERR}-prefixed error. */
  public static RedisError err(String text) {
    return new RedisError("ERR " + text);
  }
}
