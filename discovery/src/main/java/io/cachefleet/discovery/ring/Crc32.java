package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * Twemproxy's {@code hash_crc32} (src/hashkit/nc_crc32.c), libmemcached's variant: a standard
 * CRC-32, of which only bits 16..30 are kept, giving a value in 0..32767.
 */
final class Crc32 implements KeyHash {

  /** The reflected CRC-32 (IEEE 802.3) polynomial. */
  private static final int POLYNOMIAL = 0xedb88320;

  /** The step for each byte value, precomputed from {@link #POLYNOMIAL}. */
  private static final int[] TABLE = table();

  @Override
  public String name() {
    return "crc32";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int crc = 0xffffffff;
    for (int i = index, end = index + length; i < end; i++) {
      crc = update(crc, buf.getByte(i));
    }
    return (~crc >>> 16) & 0x7fff;
  }

  /** One byte of the reflected CRC-32 table step; shared with {@link Crc32a}. */
  static int update(int crc, byte b) {
    return (crc >>> 8) ^ TABLE[(crc ^ b) & 0xff];
  }

  private static int[] table() {
    int[] table = new int[256];
    for (int i = 0; i < table.length; i++) {
      int crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
      }
      table[i] = crc;
    }
    return table;
  }
}
