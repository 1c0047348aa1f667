package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/** Twemproxy's {@code hash_fnv1_32} (src/hashkit/nc_fnv.c): FNV-1 over sign-extended C {@code char}. */
final class Fnv132 implements KeyHash {

  /** The 32-bit FNV offset basis. */
  static final int OFFSET = 0x811c9dc5;

  /** The 32-bit FNV prime. */
  static final int PRIME = 0x01000193;

  @Override
  public String name() {
    return "fnv1_32";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int hash = OFFSET;
    for (int i = index, end = index + length; i < end; i++) {
      hash *= PRIME;
      hash ^= buf.getByte(i);
    }
    return hash;
  }
}
