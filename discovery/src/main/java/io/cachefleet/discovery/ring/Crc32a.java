package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/** Twemproxy's {@code hash_crc32a} (src/hashkit/nc_crc32.c): the standard CRC-32 of the key. */
final class Crc32a implements KeyHash {

  @Override
  public String name() {
    return "crc32a";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int crc = 0xffffffff;
    for (int i = index, end = index + length; i < end; i++) {
      crc = Crc32.update(crc, buf.getByte(i));
    }
    return ~crc;
  }
}
