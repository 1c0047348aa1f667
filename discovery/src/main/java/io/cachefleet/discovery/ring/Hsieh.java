package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * Paul Hsieh's SuperFastHash, as Twemproxy's {@code hash_hsieh} (src/hashkit/nc_hsieh.c; see
 * http://www.azillionmonkeys.com/qed/hash.html).
 *
 * <p>Twemproxy reads 16-bit words as unsigned little-endian bytes, except for the third byte of a
 * three-byte tail, which it reads as a sign-extended C {@code char}; that quirk is kept. An empty
 * key hashes to 0.
 */
final class Hsieh implements KeyHash {

  @Override
  public String name() {
    return "hsieh";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    if (length <= 0) {
      return 0;
    }
    int hash = 0;
    int p = index;
    for (int words = length >>> 2; words > 0; words--) {
      hash += get16(buf, p);
      int tmp = (get16(buf, p + 2) << 11) ^ hash;
      hash = (hash << 16) ^ tmp;
      hash += hash >>> 11;
      p += 4;
    }
    switch (length & 3) {
      case 3 -> {
        hash += get16(buf, p);
        hash ^= hash << 16;
        hash ^= buf.getByte(p + 2) << 18;
        hash += hash >>> 11;
      }
      case 2 -> {
        hash += get16(buf, p);
        hash ^= hash << 11;
        hash += hash >>> 17;
      }
      case 1 -> {
        hash += buf.getByte(p) & 0xff;
        hash ^= hash << 10;
        hash += hash >>> 1;
      }
      default -> { }
    }
    hash ^= hash << 3;
    hash += hash >>> 5;
    hash ^= hash << 4;
    hash += hash >>> 17;
    hash ^= hash << 25;
    hash += hash >>> 6;
    return hash;
  }

  private static int get16(ByteBuf buf, int index) {
    return buf.getShortLE(index) & 0xffff;
  }
}
