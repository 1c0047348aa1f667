package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.protocol.RedisError;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;

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

  void lcs(Call c) {
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
    byte[] a = value(c.lookupRead(1));
    byte[] b = value(c.lookupRead(2));
    if (getIdx && getLen) {
      throw RedisError.err("If you want both the length and indexes, please just use IDX.");
    }
    int alen = a.length;
    int blen = b.length;
    if ((long) (alen + 1) * (blen + 1) > 0xffffffffL / 4) {
      throw RedisError.err("Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
    }
    int[] table = new int[(alen + 1) * (blen + 1)];
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
    List<long[]> ranges = new ArrayList<>();
    int idx = length;
    int i = alen;
    int j = blen;
    int aStart = alen;
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
        if (aStart == 0 || bStart == 0) {
          emit = true;
        }
        idx--;
        i--;
        j--;
      } else {
        if (table[(i - 1) * w + j] > table[i * w + j - 1]) {
          i--;
        } else {
          j--;
        }
        if (aStart != alen) {
          emit = true;
        }
      }
      long matchLen = aEnd - aStart + 1;
      if (emit) {
        if (minMatchLen == 0 || matchLen >= minMatchLen) {
          ranges.add(new long[] {aStart, aEnd, bStart, bEnd, matchLen});
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
    c.arrayHeader(ranges.size());
    for (long[] r : ranges) {
      c.arrayHeader(withMatchLen ? 3 : 2);
      c.arrayHeader(2);
      c.integer(r[0]);
      c.integer(r[1]);
      c.arrayHeader(2);
      c.integer(r[2]);
      c.integer(r[3]);
      if (withMatchLen) {
        c.integer(r[4]);
      }
    }
    c.bulk("len");
    c.integer(length);
  }

  private static byte[] value(KeyEntry e) {
    if (e == null) {
      return new byte[0];
    }
    if (!(e.value() instanceof byte[] b)) {
      throw RedisError.err("The specified keys must contain string values");
    }
    return b;
  }
}
