package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * MurmurHash2 as Twemproxy's {@code hash_murmur} (src/hashkit/nc_murmur.c, from libmemcached):
 * words are read little-endian, as on the x86 machines Twemproxy reads them on, and the seed
 * depends on the key length.
 */
final class Murmur implements KeyHash {

  /** MurmurHash2's multiplier. */
  private static final int M = 0x5bd1e995;

  /** MurmurHash2's mixing shift. */
  private static final int R = 24;

  /** libmemcached's seed is this constant times the key length, not a fixed value. */
  private static final int SEED_FACTOR = 0xdeadbeef;

  @Override
  public String name() {
    return "murmur";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int h = (SEED_FACTOR * length) ^ length;
    int p = index;
    int left = length;
    for (; left >= 4; left -= 4, p += 4) {
      int k = buf.getIntLE(p);
      k *= M;
      k ^= k >>> R;
      k *= M;
      h *= M;
      h ^= k;
    }
    if (left == 3) {
      h ^= (buf.getByte(p + 2) & 0xff) << 16;
    }
    if (left >= 2) {
      h ^= (buf.getByte(p + 1) & 0xff) << 8;
    }
    if (left >= 1) {
      h ^= buf.getByte(p) & 0xff;
      h *= M;
    }
    h ^= h >>> 13;
    h *= M;
    h ^= h >>> 15;
    return h;
  }
}
