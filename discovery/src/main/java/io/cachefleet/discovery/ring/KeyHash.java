package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A key hash function, computed exactly as Twemproxy computes the function of the same
 * {@linkplain #name() name}.
 *
 * <p>The result is Twemproxy's {@code uint32_t} carried in an {@code int}: compare results with
 * {@link Integer#compareUnsigned} and widen them with {@link Integer#toUnsignedLong}.
 */
public interface KeyHash {

  /** The name Twemproxy's {@code hash:} setting uses for this function. */
  String name();

  /**
   * The hash of {@code buf[index, index + length)}. Runs on the proxy's request path: reads with
   * absolute gets, never allocates and never moves the reader or writer index.
   */
  int hash(ByteBuf buf, int index, int length);

  /** The hash of {@code key}; wraps the array, so keep it off the request path. */
  default int hash(byte[] key) {
    return hash(Unpooled.wrappedBuffer(key), 0, key.length);
  }
}
