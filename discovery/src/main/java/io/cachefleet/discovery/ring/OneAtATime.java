package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * Bob Jenkins' one-at-a-time hash, as Twemproxy's {@code hash_one_at_a_time}
 * (src/hashkit/nc_one_at_a_time.c, from libmemcached's hashkit).
 *
 * <p>Twemproxy reads the key as C {@code char}, which is signed on x86: a byte of 0x80 or more is
 * sign-extended before it is added.
 */
final class OneAtATime implements KeyHash {

  @Override
  public String name() {
    return "one_at_a_time";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int value = 0;
    for (int i = index, end = index + length; i < end; i++) {
      value += buf.getByte(i);
      value += value << 10;
      value ^= value >>> 6;
    }
    value += value << 3;
    value ^= value >>> 11;
    value += value << 15;
    return value;
  }
}
