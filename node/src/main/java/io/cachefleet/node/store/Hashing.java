package io.cachefleet.node.store;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Seeded MurmurHash3 (x86, 32-bit) over byte arrays and buffer regions, giving the same value
 * for the same bytes either way, so a key is found straight from the client's buffer without
 * copying it. The seed is chosen per process so that clients cannot aim keys at one bucket.
 *
 * <p>Reference: Austin Appleby, MurmurHash3, public domain.
 */
public final class Hashing {

  private static final VarHandle INT_LE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Hashing() {}

  public static int hash(byte[] key, int seed) {
    int h = seed;
    int len = key.length;
    int blocks = len & ~3;
    for (int i = 0; i < blocks; i += 4) {
      h = mixBlock(h, (int) INT_LE.get(key, i));
    }
    int tail = 0;
    switch (len & 3) {
      case 3:
        tail ^= (key[blocks + 2] & 0xff) << 16;
      case 2:
        tail ^= (key[blocks + 1] & 0xff) << 8;
      case 1:
        tail ^= key[blocks] & 0xff;
        h ^= mixTail(tail);
      default:
    }
    return finish(h, len);
  }

  public static int hash(ByteBuf buf, int index, int len, int seed) {
    int h = seed;
    int blocks = len & ~3;
    for (int i = 0; i < blocks; i += 4) {
      h = mixBlock(h, buf.getIntLE(index + i));
    }
    int tail = 0;
    switch (len & 3) {
      case 3:
        tail ^= (buf.getByte(index + blocks + 2) & 0xff) << 16;
      case 2:
        tail ^= (buf.getByte(index + blocks + 1) & 0xff) << 8;
      case 1:
        tail ^= buf.getByte(index + blocks) & 0xff;
        h ^= mixTail(tail);
      default:
    }
    return finish(h, len);
  }

  /** True when the buffer region holds exactly the bytes of {@code key}. */
  public static boolean equals(byte[] key, ByteBuf buf, int index, int len) {
    if (key.length != len) {
      return false;
    }
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      if ((long) LONG_LE.get(key, i) != buf.getLongLE(index + i)) {
        return false;
      }
    }
    for (; i < len; i++) {
      if (key[i] != buf.getByte(index + i)) {
        return false;
      }
    }
    return true;
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
