package io.cachefleet.node.store;

import io.netty.buffer.ByteBuf;

/**
 * A per-thread byte array that buffer regions are copied into for hashing and comparing, so that
 * looking a key up from a direct buffer costs one bulk copy instead of a checked read per word.
 * Keys are short; a region longer than {@link #RETAINED} gets an array of its own that is not kept.
 */
final class Scratch {

  /** Longest region whose scratch array a thread keeps between lookups. */
  static final int RETAINED = 64 * 1024;

  private static final ThreadLocal<byte[]> ARRAY = ThreadLocal.withInitial(() -> new byte[256]);

  private Scratch() {}

  /** The region's bytes, at the start of an array that stays valid until this thread's next copy. */
  static byte[] copy(ByteBuf buf, int index, int length) {
    byte[] bytes = ARRAY.get();
    if (bytes.length < length) {
      bytes = new byte[length];
      if (length <= RETAINED) {
        ARRAY.set(bytes);
      }
    }
    buf.getBytes(index, bytes, 0, length);
    return bytes;
  }
}
