package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/** Twemproxy's {@code hash_fnv1a_32} (src/hashkit/nc_fnv.c): FNV-1a over sign-extended C {@code char}. */
final class Fnv1a32 implements KeyHash {

  @Override
  public String name() {
    return "fnv1a_32";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int hash = Fnv132.OFFSET;
    for (int i = index, end = index + length; i < end; i++) {
      hash ^= buf.getByte(i);
      hash *= Fnv132.PRIME;
    }
    return hash;
  }
}
