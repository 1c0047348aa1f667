package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * The first four bytes of the key's MD5 digest, read little-endian, as Twemproxy's
 * {@code hash_md5} (src/hashkit/nc_md5.c).
 *
 * <p>Those four bytes are MD5's final {@code A} register, so this is a plain RFC 1321 MD5 that
 * returns {@code A}. It is written out here rather than taken from {@code MessageDigest} because it
 * runs per request: it reads the key straight from the buffer and builds the padding on the fly,
 * so it allocates nothing and needs no per-thread digest.
 */
final class Md5 implements KeyHash {

  /** RFC 1321 §3.4: the step constants, {@code floor(2^32 * |sin(i + 1)|)}. */
  private static final int[] T = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
  };

  /** RFC 1321 §3.4: the left rotation of each step, four per round, repeating within a round. */
  private static final int[] S = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

  /** RFC 1321 §3.3: the initial {@code A, B, C, D} registers. */
  private static final int A0 = 0x67452301;
  private static final int B0 = 0xefcdab89;
  private static final int C0 = 0x98badcfe;
  private static final int D0 = 0x10325476;

  /** Bytes per MD5 block. */
  private static final int BLOCK = 64;

  /** Bytes the padding needs at least: the 0x80 marker and the 64-bit message length. */
  private static final int PADDING = 9;

  @Override
  public String name() {
    return "md5";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int blocks = (length + PADDING + BLOCK - 1) / BLOCK;
    int a = A0;
    int b = B0;
    int c = C0;
    int d = D0;
    for (int block = 0; block < blocks; block++) {
      int base = block * BLOCK;
      int aa = a;
      int bb = b;
      int cc = c;
      int dd = d;
      for (int i = 0; i < 64; i++) {
        int f;
        int g;
        switch (i >>> 4) {
          case 0 -> {
            f = (b & c) | (~b & d);
            g = i;
          }
          case 1 -> {
            f = (d & b) | (~d & c);
            g = 5 * i + 1;
          }
          case 2 -> {
            f = b ^ c ^ d;
            g = 3 * i + 5;
          }
          default -> {
            f = c ^ (b | ~d);
            g = 7 * i;
          }
        }
        int x = word(buf, index, length, base + ((g & 15) << 2));
        int rotated = Integer.rotateLeft(a + f + T[i] + x, S[(i >>> 4 << 2) | (i & 3)]);
        a = d;
        d = c;
        c = b;
        b += rotated;
      }
      a += aa;
      b += bb;
      c += cc;
      d += dd;
    }
    return a;
  }

  /** The little-endian word at {@code offset} of the padded message. */
  private static int word(ByteBuf buf, int index, int length, int offset) {
    if (offset + 4 <= length) {
      return buf.getIntLE(index + offset);
    }
    return paddedByte(buf, index, length, offset)
        | paddedByte(buf, index, length, offset + 1) << 8
        | paddedByte(buf, index, length, offset + 2) << 16
        | paddedByte(buf, index, length, offset + 3) << 24;
  }

  /** RFC 1321 §3.1-3.2: the key, a 0x80 byte, zeros, then the key's length in bits, little-endian. */
  private static int paddedByte(ByteBuf buf, int index, int length, int offset) {
    if (offset < length) {
      return buf.getByte(index + offset) & 0xff;
    }
    if (offset == length) {
      return 0x80;
    }
    int lengthField = (length + PADDING + BLOCK - 1) / BLOCK * BLOCK - 8;
    if (offset < lengthField) {
      return 0;
    }
    return (int) (((long) length << 3) >>> ((offset - lengthField) << 3)) & 0xff;
  }
}
