package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * Twemproxy's {@code hash_fnv1_64} (src/hashkit/nc_fnv.c): 64-bit FNV-1 over the key's bytes as
 * sign-extended C {@code char}, truncated to its low 32 bits.
 */
final class Fnv164 implements KeyHash {

  /** The 64-bit FNV offset basis. */
  private static final long OFFSET = 0xcbf29ce484222325L;

  /** The 64-bit FNV prime. */
  private static final long PRIME = 0x100000001b3L;

  @Override
  public String name() {
    return "fnv1_64";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    long hash = OFFSET;
    for (int i = index, end = index + length; i < end; i++) {
      hash *= PRIME;
      hash ^= buf.getByte(i);
    }
    return (int) hash;
  }
}
