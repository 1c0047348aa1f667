package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;

/**
 * Twemproxy's {@code hash_crc16} (src/hashkit/nc_crc16.c): the CRC-16/XMODEM table step, with one
 * quirk kept: the running value is a 32-bit integer that is shifted left each step and never
 * masked back to 16 bits, so the result uses all 32 bits and is not a CRC-16 of the key.
 */
final class Crc16 implements KeyHash {

  /** CRC-16/XMODEM (CCITT) polynomial x^16 + x^12 + x^5 + 1, processed most significant bit first. */
  private static final int POLYNOMIAL = 0x1021;

  /** The step for each byte value, precomputed from {@link #POLYNOMIAL}. */
  private static final int[] TABLE = table();

  @Override
  public String name() {
    return "crc16";
  }

  @Override
  public int hash(ByteBuf buf, int index, int length) {
    int crc = 0;
    for (int i = index, end = index + length; i < end; i++) {
      crc = (crc << 8) ^ TABLE[((crc >>> 8) ^ buf.getByte(i)) & 0xff];
    }
    return crc;
  }

  private static int[] table() {
    int[] table = new int[256];
    for (int i = 0; i < table.length; i++) {
      int crc = i << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ POLYNOMIAL : crc << 1;
      }
      table[i] = crc & 0xffff;
    }
    return table;
  }
}
