package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.protocol.RedisError;
import io.netty.util.AsciiString;
import java.util.Arrays;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: the longest common subsequence of
 * two strings by the classic dynamic programming table, walked back from the end to emit the
 * string or the matched ranges exactly as Redis 7.0's {@code lcsCommand} does.
 */
final class Lcs {

  private static final AsciiString LEN = AsciiString.of("LEN");
  private static final AsciiString IDX = AsciiString.of("IDX");
  private static final AsciiString MINMATCHLEN = AsciiString.of("MINMATCHLEN");
  private static final AsciiString WITHMATCHLEN = AsciiString.of("WITHMATCHLEN");
  private static final byte[] EMPTY = new byte[0];

  private static final RedisError NOT_STRINGS = RedisError.err("The specified keys must contain string values");
  private static final RedisError BOTH_LEN_AND_IDX =
      RedisError.err("If you want both the length and indexes, please just use IDX.");
  private static final RedisError TRANSIENT_TOO_LARGE =
      RedisError.err("Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
  private static final RedisError ALLOCATION_FAILED =
      RedisError.err("Insufficient memory, failed allocating transient memory for LCS");

  void lcs(Call c) {
    KeyEntry first = c.lookupRead(1);
    KeyEntry second = c.lookupRead(2);
    byte[] a = value(first);
    byte[] b = value(second);
    boolean getLen = false;
    boolean getIdx = false;
    boolean withMatchLen = false;
    long minMatchLen = 0;
    for (int i = 3; i < c.argc(); i++) {
      if (c.argIs(i, IDX)) {
        getIdx = true;
      } else if (c.argIs(i, LEN)) {
        getLen = true;
      } else if (c.argIs(i, WITHMATCHLEN)) {
        withMatchLen = true;
      } else if (c.argIs(i, MINMATCHLEN) && i + 1 < c.argc()) {
        minMatchLen = Math.max(0, c.argLong(++i));
      } else {
        throw RedisError.SYNTAX;
      }
    }
    if (getIdx && getLen) {
      throw BOTH_LEN_AND_IDX;
    }
    int alen = a.length;
    int blen = b.length;
    long cells = (long) (alen + 1) * (blen + 1);
    if (cells * Integer.BYTES > c.node.settings.limits.maxBulkLength()) {
      throw TRANSIENT_TOO_LARGE;
    }
    if (cells > Integer.MAX_VALUE - 8) {
      throw ALLOCATION_FAILED;
    }
    int[] table;
    try {
      table = new int[(int) cells];
    } catch (OutOfMemoryError e) { // Redis's ztrymalloc failing
      throw ALLOCATION_FAILED;
    }
    int w = blen + 1;
    for (int i = 1; i <= alen; i++) {
      for (int j = 1; j <= blen; j++) {
        table[i * w + j] = a[i - 1] == b[j - 1] ? table[(i - 1) * w + j - 1] + 1
            : Math.max(table[(i - 1) * w + j], table[i * w + j - 1]);
      }
    }
    int length = table[alen * w + blen];
    if (getLen) {
      c.integer(length);
      return;
    }
    byte[] result = new byte[length];
    int[] ranges = getIdx ? new int[16] : null;
    int rangeCount = 0;
    int idx = length;
    int i = alen;
    int j = blen;
    int aStart = alen; // alen: no range in progress
    int aEnd = 0;
    int bStart = 0;
    int bEnd = 0;
    while (i > 0 && j > 0) {
      boolean emit = false;
      if (a[i - 1] == b[j - 1]) {
        result[idx - 1] = a[i - 1];
        if (aStart == alen) {
          aStart = i - 1;
          aEnd = i - 1;
          bStart = j - 1;
          bEnd = j - 1;
        } else if (aStart == i && bStart == j) {
          aStart--;
          bStart--;
        } else {
          emit = true;
        }
        emit |= aStart == 0 || bStart == 0;
        idx--;
        i--;
        j--;
      } else {
        if (table[(i - 1) * w + j] > table[i * w + j - 1]) {
          i--;
        } else {
          j--;
        }
        emit = aStart != alen;
      }
      if (emit) {
        int matchLen = aEnd - aStart + 1;
        if (ranges != null && (minMatchLen == 0 || matchLen >= minMatchLen)) {
          if (rangeCount + 5 > ranges.length) {
            ranges = Arrays.copyOf(ranges, ranges.length * 2);
          }
          ranges[rangeCount++] = aStart;
          ranges[rangeCount++] = aEnd;
          ranges[rangeCount++] = bStart;
          ranges[rangeCount++] = bEnd;
          ranges[rangeCount++] = matchLen;
        }
        aStart = alen;
      }
    }
    if (!getIdx) {
      c.bulk(result);
      return;
    }
    c.mapHeader(2);
    c.bulk("matches");
    c.arrayHeader(rangeCount / 5);
    for (int r = 0; r < rangeCount; r += 5) {
      c.arrayHeader(withMatchLen ? 3 : 2);
      c.arrayHeader(2);
      c.integer(ranges[r]);
      c.integer(ranges[r + 1]);
      c.arrayHeader(2);
      c.integer(ranges[r + 2]);
      c.integer(ranges[r + 3]);
      if (withMatchLen) {
        c.integer(ranges[r + 4]);
      }
    }
    c.bulk("len");
    c.integer(length);
  }

  /** The string at a key, empty when missing; any other type is refused with LCS's own error. */
  private static byte[] value(KeyEntry e) {
    if (e == null) {
      return EMPTY;
    }
    if (!(e.value() instanceof byte[] b)) {
      throw NOT_STRINGS;
    }
    return b;
  }
}
