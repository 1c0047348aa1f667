package io.cachefleet.node.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Seeded MurmurHash3 (x86, 32-bit) over byte arrays. The seed is chosen per process so that
 * clients cannot aim keys at one bucket.
 *
 * <p>Reference: Austin Appleby, MurmurHash3, public domain.
 */
public final class Hashing {

  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Hashing() {}

  public static int hash(byte[] key, int seed) {
    return hash(key, 0, key.length, seed);
  }

  /** The hash of {@code len} bytes of {@code bytes} from {@code off}. */
  public static int hash(byte[] bytes, int off, int len, int seed) {
    int h = seed;
    int blocks = len & ~3;
    for (int i = 0; i < blocks; i += 4) {
      h = mixBlock(h, (int) INT_LE.get(bytes, off + i));
    }
    int tail = 0;
    int t = off + blocks;
    switch (len & 3) {
      case 3:
        tail ^= (bytes[t + 2] & 0xff) << 16;
      case 2:
        tail ^= (bytes[t + 1] & 0xff) << 8;
      case 1:
        tail ^= bytes[t] & 0xff;
        h ^= mixTail(tail);
      default:
    }
    return finish(h, len);
  }

  private static int mixBlock(int h, int k) {
    h ^= mixTail(k);
    h = Integer.rotateLeft(h, 13);
    return h * 5 + 0xe6546b64;
  }

  private static int mixTail(int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    return k * C2;
  }

  private static int finish(int h, int len) {
    h ^= len;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
