package io.cachefleet.protocol;

/**
 * Limits the decoder enforces on what a client may send, with Redis's defaults.
 *
 * @param maxBulkLength largest bulk string, Redis's {@code proto-max-bulk-len} (512 MB)
 * @param maxArguments largest number of arguments in one command; Redis 7.0 accepts up to
 *     {@code INT_MAX}, cachefleet caps at one million by default (Redis 6's limit)
 * @param maxInlineLength longest inline command or length line, Redis's {@code PROTO_INLINE_MAX_SIZE}
 * @param maxPendingBytes most bytes buffered for one incomplete command, Redis's
 *     {@code client-query-buffer-limit}
 */
public record RespLimits(long maxBulkLength, int maxArguments, int maxInlineLength, long maxPendingBytes) {

  /** Redis 7.0's defaults (512 MB bulks, 1 GB query buffer, 64 KB inline lines) and 1M arguments. */
  public static final RespLimits REDIS_DEFAULTS =
      new RespLimits(512L * 1024 * 1024, 1024 * 1024, 64 * 1024, 1024L * 1024 * 1024);

  /** Before AUTH, Redis accepts at most this many arguments in a command. */
  static final int UNAUTHENTICATED_MAX_ARGUMENTS = 10;

  /** Before AUTH, Redis accepts at most this long a bulk string. */
  static final int UNAUTHENTICATED_MAX_BULK = 16384;

  public RespLimits {
    if (maxBulkLength < 1) {
      throw new IllegalArgumentException("maxBulkLength must be positive: " + maxBulkLength);
    }
    if (maxArguments < 1) {
      throw new IllegalArgumentException("maxArguments must be positive: " + maxArguments);
    }
    if (maxInlineLength < 16) {
      throw new IllegalArgumentException("maxInlineLength must be at least 16: " + maxInlineLength);
    }
    if (maxPendingBytes < maxInlineLength) {
      throw new IllegalArgumentException("maxPendingBytes must be at least maxInlineLength: " + maxPendingBytes);
    }
  }

  /** Returns these limits with another bulk length limit (CONFIG SET proto-max-bulk-len). */
  public RespLimits withMaxBulkLength(long value) {
    return new RespLimits(value, maxArguments, maxInlineLength, maxPendingBytes);
  }
}
