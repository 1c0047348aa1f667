package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * Bob Jenkins' lookup3 {@code hashlittle}, as Twemproxy's {@code hash_jenkins}
 * (src/hashkit/nc_jenkins.c, from libmemcached; see http://burtleburtle.net/bob/hash/).
 *
 * <p>Twemproxy picks a word-, half-word- or byte-reading path by the key's alignment; on a
 * little-endian machine all three read the same little-endian words, zero-padded at the end, which
 * is what this reads. An empty key hashes to the initial value without mixing. The mix and final
 * steps keep lookup3's layout, three statements a line, to be checked against it line by line.
 */
final class Jenkins implements KeyHash {

  /** lookup3's initial bias; Twemproxy adds the key length and {@link #INITVAL}. */
  private static final int BIAS = 0xdeadbeef;

  /** Twemproxy's {@code JENKINS_INITVAL}. */
  private static final int INITVAL = 13;

  @Override
  public String name() {
    return "jenkins";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int a = BIAS + length + INITVAL;
    int b = a;
    int c = a;
    if (length == 0) {
      return c;
    }
    int p = index;
    int left = length;
    for (; left > 12; left -= 12, p += 12) {
      a += buf.getIntLE(p);
      b += buf.getIntLE(p + 4);
      c += buf.getIntLE(p + 8);
      a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
      b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
      c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
      a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
      b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
      c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
    }
    a += tail(buf, p, left);
    b += tail(buf, p + 4, left - 4);
    c += tail(buf, p + 8, left - 8);
    c ^= b; c -= Integer.rotateLeft(b, 14);
    a ^= c; a -= Integer.rotateLeft(c, 11);
    b ^= a; b -= Integer.rotateLeft(a, 25);
    c ^= b; c -= Integer.rotateLeft(b, 16);
    a ^= c; a -= Integer.rotateLeft(c, 4);
    b ^= a; b -= Integer.rotateLeft(a, 14);
    c ^= b; c -= Integer.rotateLeft(b, 24);
    return c;
  }

  /** The little-endian word of the up to four bytes left at {@code index}, zero-padded. */
  private static int tail(ByteBuf buf, int index, int left) {
    int word = 0;
    for (int i = Math.min(left, 4) - 1; i >= 0; i--) {
      word = (word << 8) | (buf.getByte(index + i) & 0xff);
    }
    return word;
  }
}
