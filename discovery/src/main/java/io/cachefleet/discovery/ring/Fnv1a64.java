package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * Twemproxy's {@code hash_fnv1a_64} (src/hashkit/nc_fnv.c), its default hash. Despite the name it
 * is a 32-bit FNV-1a: Twemproxy keeps the state in a {@code uint32_t}, so the 64-bit offset basis
 * and prime are truncated to their low 32 bits. Bytes are sign-extended C {@code char}.
 */
final class Fnv1a64 implements KeyHash {

  /** The 64-bit FNV offset basis 0xcbf29ce484222325 truncated to 32 bits, as Twemproxy does. */
  private static final int OFFSET = 0x84222325;

  /** The 64-bit FNV prime 0x100000001b3 truncated to 32 bits, as Twemproxy does. */
  private static final int PRIME = 0x1b3;

  @Override
  public String name() {
    return "fnv1a_64";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int hash = OFFSET;
    for (int i = index, end = index + length; i < end; i++) {
      hash ^= buf.getByte(i);
      hash *= PRIME;
    }
    return hash;
  }
}
