package io.cachefleet.node.command;

import io.cachefleet.node.store.DataType;
import io.cachefleet.node.store.Dict;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The cursor and options of SCAN, HSCAN, SSCAN and ZSCAN, and the scan loop they share, after
 * Redis's {@code scanGenericCommand} (db.c).
 *
 * <p>Order of checks, as in Redis: the cursor is parsed first ({@link #parseCursor}); HSCAN,
 * SSCAN and ZSCAN then look their key up, answering {@link #replyEmpty} for a missing key and
 * WRONGTYPE before looking at the options ({@link #parse}); so a missing key hides a bad option.
 *
 * <p>One step ({@link #collect}) visits buckets until COUNT reply elements were gathered or
 * COUNT*10 more buckets were tried; a hash field or sorted-set member counts as two elements,
 * its value or score being the second. MATCH filters what was gathered and does not lengthen the
 * step. A collection Redis would hold in a compact encoding (listpack, intset) is gathered whole
 * with cursor 0: Redis's SCAN documentation promises this for small aggregates.
 */
final class ScanArgs {

  /** Redis's default COUNT. */
  static final long DEFAULT_COUNT = 10;

  private static final AsciiString COUNT = AsciiString.of("COUNT");
  private static final AsciiString MATCH = AsciiString.of("MATCH");
  private static final AsciiString TYPE = AsciiString.of("TYPE");

  private static final RedisError INVALID_CURSOR = RedisError.err("invalid cursor");

  /** Largest unsigned 64-bit value divided by ten, for overflow checks while parsing. */
  private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);

  /** One step of a collection's cursor iteration, such as {@code Dict.scan}. */
  @FunctionalInterface
  interface Scanner<E> {
    long scan(long cursor, Consumer<E> visitor);
  }

  /** Reply elements a step aims to gather (COUNT), at least 1. */
  final long count;
  /** MATCH's glob, or null when absent or {@code *}: everything matches. */
  final byte[] pattern;
  /** TYPE's argument for the keyspace SCAN, or null when absent. */
  final String type;

  private ScanArgs(long count, byte[] pattern, String type) {
    this.count = count;
    this.pattern = pattern;
    this.type = type;
  }

  /**
   * Parses the cursor at argument {@code i} as Redis does with {@code strtoul}: an unsigned 64-bit
   * decimal with an optional sign (a minus negates modulo 2^64); the empty string is 0; leading
   * blanks, trailing bytes and overflow are an invalid cursor.
   */
  static long parseCursor(Call c, int i) {
    RespCommand cmd = c.cmd;
    ByteBuf buf = cmd.content();
    int p = cmd.argIndex(i);
    int end = p + cmd.argLength(i);
    if (p == end) {
      return 0;
    }
    byte first = buf.getByte(p);
    if (first == ' ' || (first >= '\t' && first <= '\r')) {
      throw INVALID_CURSOR;
    }
    boolean negative = first == '-';
    if (first == '-' || first == '+') {
      p++;
    }
    if (p == end) {
      throw INVALID_CURSOR;
    }
    long v = 0;
    for (; p < end; p++) {
      int d = buf.getByte(p) - '0';
      if (d < 0 || d > 9 || Long.compareUnsigned(v, MAX_DIV_10) > 0) {
        throw INVALID_CURSOR;
      }
      long next = v * 10 + d;
      if (Long.compareUnsigned(next, v * 10) < 0) {
        throw INVALID_CURSOR;
      }
      v = next;
    }
    return negative ? -v : v;
  }

  /**
   * Parses the options from argument {@code first} on; TYPE is accepted only by the keyspace
   * SCAN. A repeated option takes its last value.
   */
  static ScanArgs parse(Call c, int first, boolean keyspace) {
    long count = DEFAULT_COUNT;
    byte[] pattern = null;
    String type = null;
    for (int i = first; i < c.argc(); i += 2) {
      boolean hasValue = i + 1 < c.argc();
      if (hasValue && c.argIs(i, COUNT)) {
        count = c.argLong(i + 1);
        if (count < 1) {
          throw RedisError.SYNTAX;
        }
      } else if (hasValue && c.argIs(i, MATCH)) {
        byte[] glob = c.arg(i + 1);
        pattern = Glob.matchesAll(glob) ? null : glob;
      } else if (hasValue && keyspace && c.argIs(i, TYPE)) {
        type = c.argString(i + 1);
      } else {
        throw RedisError.SYNTAX;
      }
    }
    return new ScanArgs(count, pattern, type);
  }

  boolean matches(byte[] element) {
    return pattern == null || Glob.matches(pattern, element, false);
  }

  /** True when there is no TYPE option or it names {@code t}, ignoring case as Redis 7.0 does. */
  boolean matchesType(DataType t) {
    return type == null || type.equalsIgnoreCase(t.redisName());
  }

  /**
   * Runs one step from {@code cursor}, adding the entries that match to {@code out}; returns the
   * next cursor, 0 when the iteration is complete.
   *
   * @param perEntry reply elements per entry: 2 for hash fields and sorted-set members, else 1
   * @param whole gather everything at once, for a collection in a compact encoding
   */
  <E extends Dict.Entry> long collect(long cursor, Scanner<E> scanner, int perEntry, boolean whole,
                                      List<E> out) {
    long[] gathered = new long[1];
    Consumer<E> visitor = e -> {
      gathered[0] += perEntry;
      if (matches(e.key())) {
        out.add(e);
      }
    };
    if (whole) {
      cursor = 0;
      do {
        cursor = scanner.scan(cursor, visitor);
      } while (cursor != 0);
      return 0;
    }
    long budget = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
    do {
      cursor = scanner.scan(cursor, visitor);
    } while (cursor != 0 && budget-- != 0 && gathered[0] < count);
    return cursor;
  }

  /**
   * Runs one step of HSCAN, SSCAN or ZSCAN from {@code cursor} ({@link #collect}) and writes the
   * reply: the next cursor, then the {@code perEntry} elements {@code reply} writes for each
   * entry found.
   */
  <E extends Dict.Entry> void reply(Call c, long cursor, Scanner<E> scanner, int perEntry, boolean whole,
                                    Consumer<E> reply) {
    List<E> found = new ArrayList<>();
    long next = collect(cursor, scanner, perEntry, whole, found);
    replyHeader(c, next, (long) perEntry * found.size());
    for (E e : found) {
      reply.accept(e);
    }
  }

  /**
   * Writes the head of a scan reply: the cursor as a bulk string, then the header of
   * {@code elements} elements.
   */
  static void replyHeader(Call c, long cursor, long elements) {
    c.arrayHeader(2);
    RespWriter.bulk(c.out, cursor);
    c.arrayHeader(elements);
  }

  /** The reply for a missing key: cursor 0 and no elements, in RESP2 and RESP3 alike. */
  static void replyEmpty(Call c) {
    replyHeader(c, 0, 0);
  }
}
