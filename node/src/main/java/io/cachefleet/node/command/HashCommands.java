package io.cachefleet.node.command;

import io.cachefleet.node.store.HashValue;
import io.cachefleet.node.store.HashValue.Field;
import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.node.command.SetCommands.Sampling;
import io.cachefleet.protocol.RespNumbers;
import io.netty.util.AsciiString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash commands, over {@link HashValue}, with the replies and errors of Redis 7.0's
 * {@code t_hash.c}. Fields are looked up straight from the request buffer; a field name is copied
 * only when it is added.
 */
final class HashCommands implements CommandFamily {

  private static final AsciiString WITHVALUES = AsciiString.of("WITHVALUES");

  private static final RedisError HASH_NOT_INTEGER = RedisError.err("hash value is not an integer");
  private static final RedisError HASH_NOT_FLOAT = RedisError.err("hash value is not a float");
  private static final RedisError INCREMENT_NOT_FINITE = RedisError.err("value is NaN or Infinity");
  private static final RedisError RESULT_NOT_FINITE = RedisError.err("increment would produce NaN or Infinity");
  private static final RedisError WITHVALUES_RANGE = RedisError.err("value is out of range");

  @Override
  public void register(CommandRegistry r) {
    r.bind("hset", c -> c.integer(setFields(c)));
    r.bind("hmset", c -> {
      setFields(c);
      c.ok();
    });
    r.bind("hsetnx", this::hsetnx);
    r.bind("hget", this::hget);
    r.bind("hmget", this::hmget);
    r.bind("hdel", this::hdel);
    r.bind("hlen", c -> {
      HashValue h = read(c);
      c.integer(h == null ? 0 : h.size());
    });
    r.bind("hstrlen", c -> {
      Field f = field(c);
      c.integer(f == null ? 0 : f.value().length);
    });
    r.bind("hexists", c -> c.integer(field(c) == null ? 0 : 1));
    r.bind("hkeys", c -> all(c, true, false));
    r.bind("hvals", c -> all(c, false, true));
    r.bind("hgetall", c -> all(c, true, true));
    r.bind("hincrby", this::hincrby);
    r.bind("hincrbyfloat", this::hincrbyfloat);
    r.bind("hrandfield", this::hrandfield);
    r.bind("hscan", this::hscan);
  }

  /** The hash at argument 1, or null when the key is missing; WRONGTYPE for another type. */
  private static HashValue read(Call c) {
    KeyEntry e = c.lookupRead(1);
    return e == null ? null : e.as(HashValue.class);
  }

  /** The field named by argument 2 of the hash at argument 1, or null. */
  private static Field field(Call c) {
    HashValue h = read(c);
    return h == null ? null : field(h, c, 2);
  }

  private static Field field(HashValue h, Call c, int arg) {
    RespCommand cmd = c.cmd;
    return h.get(cmd.content(), cmd.argIndex(arg), cmd.argLength(arg));
  }

  /** HSET and HMSET: sets the field-value pairs; returns how many fields were added. */
  private static int setFields(Call c) {
    if ((c.argc() & 1) != 0) {
      throw RedisError.err("wrong number of arguments for '" + c.spec.fullName() + "' command");
    }
    KeyEntry e = c.lookupWrite(1);
    HashValue h = e == null ? new HashValue(c.ks().seed()) : e.as(HashValue.class);
    int added = 0;
    for (int i = 2; i < c.argc(); i += 2) {
      Field f = field(h, c, i);
      if (f == null) {
        h.add(c.arg(i), c.arg(i + 1));
        added++;
      } else {
        h.setValue(f, c.arg(i + 1));
      }
    }
    if (e == null) {
      c.ks().add(c.arg(1), h);
    } else {
      c.ks().modified(e);
    }
    return added;
  }

  private void hsetnx(Call c) {
    KeyEntry e = c.lookupWrite(1);
    HashValue h = e == null ? null : e.as(HashValue.class);
    if (h != null && field(h, c, 2) != null) {
      c.integer(0);
      return;
    }
    store(c, e, h, null, c.arg(3));
    c.integer(1);
  }

  /**
   * Stores {@code value} in field {@code f}, or when null in a new field named by argument 2, of
   * hash {@code h} at entry {@code e}; creates the key when {@code e} is null.
   */
  private static void store(Call c, KeyEntry e, HashValue h, Field f, byte[] value) {
    if (f != null) {
      h.setValue(f, value);
    } else {
      if (h == null) {
        h = new HashValue(c.ks().seed());
      }
      h.add(c.arg(2), value);
    }
    if (e == null) {
      c.ks().add(c.arg(1), h);
    } else {
      c.ks().modified(e);
    }
  }

  private void hget(Call c) {
    Field f = field(c);
    c.bulkOrNull(f == null ? null : f.value());
  }

  private void hmget(Call c) {
    HashValue h = read(c);
    c.arrayHeader(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      Field f = h == null ? null : field(h, c, i);
      c.bulkOrNull(f == null ? null : f.value());
    }
  }

  private void hdel(Call c) {
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    HashValue h = e.as(HashValue.class);
    RespCommand cmd = c.cmd;
    int deleted = 0;
    for (int i = 2; i < c.argc() && !h.isEmpty(); i++) {
      if (h.remove(cmd.content(), cmd.argIndex(i), cmd.argLength(i))) {
        deleted++;
      }
    }
    if (deleted > 0) {
      c.ks().modified(e);
      c.ks().deleteIfEmpty(e);
    }
    c.integer(deleted);
  }

  /** HKEYS, HVALS and HGETALL: a map when both fields and values are asked for. */
  private static void all(Call c, boolean fields, boolean values) {
    HashValue h = read(c);
    int n = h == null ? 0 : h.size();
    if (fields && values) {
      c.mapHeader(n);
    } else {
      c.arrayHeader(n);
    }
    if (h != null) {
      h.forEach(f -> {
        if (fields) {
          c.bulk(f.key());
        }
        if (values) {
          c.bulk(f.value());
        }
      });
    }
  }

  private void hincrby(Call c) {
    long increment = c.argLong(3);
    KeyEntry e = c.lookupWrite(1);
    HashValue h = e == null ? null : e.as(HashValue.class);
    Field f = h == null ? null : field(h, c, 2);
    long current = 0;
    if (f != null) {
      try {
        current = RespNumbers.parseLong(f.value());
      } catch (RedisError notInteger) {
        throw HASH_NOT_INTEGER;
      }
    }
    if ((increment < 0 && current < 0 && increment < Long.MIN_VALUE - current)
        || (increment > 0 && current > 0 && increment > Long.MAX_VALUE - current)) {
      throw RedisError.OVERFLOW;
    }
    long result = current + increment;
    store(c, e, h, f, Long.toString(result).getBytes(StandardCharsets.US_ASCII));
    c.integer(result);
  }

  /** Redis adds in C {@code long double}; see {@link LongDouble} for how that is reproduced. */
  private void hincrbyfloat(Call c) {
    byte[] incrementText = c.arg(3);
    BigDecimal increment = LongDouble.parse(incrementText);
    if (increment == null) {
      throw LongDouble.isInfinity(incrementText) ? INCREMENT_NOT_FINITE : RedisError.NOT_A_FLOAT;
    }
    KeyEntry e = c.lookupWrite(1);
    HashValue h = e == null ? null : e.as(HashValue.class);
    Field f = h == null ? null : field(h, c, 2);
    BigDecimal current = BigDecimal.ZERO;
    if (f != null) {
      current = LongDouble.parse(f.value());
      if (current == null) {
        throw LongDouble.isInfinity(f.value()) ? RESULT_NOT_FINITE : HASH_NOT_FLOAT;
      }
    }
    BigDecimal sum = LongDouble.round(current.add(increment));
    if (sum == null) {
      throw RESULT_NOT_FINITE;
    }
    byte[] text = LongDouble.format(sum);
    store(c, e, h, f, text);
    c.bulk(text);
  }

  /**
   * HRANDFIELD, as {@code hrandfieldWithCountCommand}: a negative count samples with repetition,
   * a positive one returns distinct fields, all of them when it reaches the size. WITHVALUES
   * pairs each field with its value: flat in RESP2, as 2-element arrays in RESP3.
   */
  private void hrandfield(Call c) {
    if (c.argc() == 2) {
      HashValue h = read(c);
      if (h == null) {
        c.nullBulk();
      } else {
        c.bulk(h.random().key());
      }
      return;
    }
    long count = Sampling.count(c, 2);
    if (c.argc() > 4 || (c.argc() == 4 && !c.argIs(3, WITHVALUES))) {
      throw RedisError.SYNTAX;
    }
    boolean withValues = c.argc() == 4;
    if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
      throw WITHVALUES_RANGE;
    }
    HashValue h = read(c);
    if (h == null || count == 0) {
      c.arrayHeader(0);
      return;
    }
    boolean pairs = withValues && c.resp3();
    if (count < 0 || count == 1) {
      long n = Sampling.repeats(count);
      c.arrayHeader(withValues && !pairs ? 2 * n : n);
      for (long i = 0; i < n; i++) {
        reply(c, h.random(), withValues, pairs);
      }
      return;
    }
    if (count >= h.size()) {
      c.arrayHeader(withValues && !pairs ? 2L * h.size() : h.size());
      h.forEach(f -> reply(c, f, withValues, pairs));
      return;
    }
    List<Field> sample = Sampling.distinct(h.size(), (int) count, h::random, h::forEach);
    c.arrayHeader(withValues && !pairs ? 2L * sample.size() : sample.size());
    for (Field f : sample) {
      reply(c, f, withValues, pairs);
    }
  }

  private static void reply(Call c, Field f, boolean withValue, boolean pair) {
    if (pair) {
      c.arrayHeader(2);
    }
    c.bulk(f.key());
    if (withValue) {
      c.bulk(f.value());
    }
  }

  private void hscan(Call c) {
    long cursor = ScanArgs.parseCursor(c, 2);
    HashValue h = read(c);
    if (h == null) {
      ScanArgs.replyEmpty(c);
      return;
    }
    ScanArgs args = ScanArgs.parse(c, 3, false);
    List<Field> found = new ArrayList<>();
    long next = args.collect(cursor, h::scan, 2, h.compact(), found);
    ScanArgs.replyHeader(c, next, 2L * found.size());
    for (Field f : found) {
      c.bulk(f.key());
      c.bulk(f.value());
    }
  }

  /**
   * C {@code long double} arithmetic as Redis's HINCRBYFLOAT and INCRBYFLOAT do it on x86-64: the
   * x87 80-bit extended format, a 64-bit significand with the leading bit at exponents -16382 to
   * 16383. Parsing ({@code strtold} in {@code string2ld}) and the sum each round to that format,
   * ties to even; the reply is {@code printf("%.17Lf")} with trailing zeros and point stripped and
   * {@code -0} made {@code 0} ({@code ld2string}, util.c). Values are exact {@link BigDecimal}s of
   * extended-format numbers, so the digits are Redis's own: 1000000 + 0.1 answers
   * {@code 1000000.10000000000002274}, where decimal arithmetic would say {@code 1000000.1}.
   *
   * <p>Hexadecimal numerals, which {@code strtold} also reads, are not a float here.
   */
  static final class LongDouble {

    private static final int SIGNIFICAND_BITS = 64;

    /** Exponent of the last significand bit of the smallest subnormal, 2^-16445. */
    private static final int MIN_EXPONENT = -16382 - (SIGNIFICAND_BITS - 1);

    /** Exponent of the last significand bit of the largest finite value. */
    private static final int MAX_EXPONENT = 16383 - (SIGNIFICAND_BITS - 1);

    /** Decimal exponents beyond which a numeral certainly overflows or underflows to zero. */
    private static final int MAX_DECIMAL_EXPONENT = 4933;
    private static final int MIN_DECIMAL_EXPONENT = -4952;

    /** {@code string2ld} refuses numerals of {@code MAX_LONG_DOUBLE_CHARS} (5 KB) or more. */
    private static final int MAX_CHARS = 5 * 1024;

    private static final BigInteger FIVE = BigInteger.valueOf(5);

    private LongDouble() {}

    /**
     * The extended value of a decimal numeral, or null when Redis would not read it as a finite
     * long double: not a numeral, infinite, overflowing, or a non-zero value underflowing to zero.
     */
    static BigDecimal parse(byte[] text) {
      if (text.length == 0 || text.length >= MAX_CHARS) {
        return null;
      }
      for (byte b : text) {
        if ((b < '0' || b > '9') && b != '.' && b != 'e' && b != 'E' && b != '+' && b != '-') {
          return null;
        }
      }
      BigDecimal v;
      try {
        v = new BigDecimal(new String(text, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        return null;
      }
      if (v.signum() == 0) {
        return BigDecimal.ZERO;
      }
      int exponent = v.precision() - v.scale() - 1;
      if (exponent > MAX_DECIMAL_EXPONENT || exponent < MIN_DECIMAL_EXPONENT) {
        return null;
      }
      BigDecimal rounded = round(v);
      return rounded == null || rounded.signum() == 0 ? null : rounded;
    }

    /** True for {@code inf} or {@code infinity} in any case, with an optional sign. */
    static boolean isInfinity(byte[] text) {
      int start = text.length > 0 && (text[0] == '+' || text[0] == '-') ? 1 : 0;
      String word = new String(text, start, text.length - start, StandardCharsets.US_ASCII);
      return word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity");
    }

    /** {@code v} rounded to the nearest extended value, ties to even; null when it overflows. */
    static BigDecimal round(BigDecimal v) {
      if (v.signum() == 0) {
        return BigDecimal.ZERO;
      }
      BigInteger num = v.unscaledValue().abs();
      BigInteger den = BigInteger.ONE;
      if (v.scale() > 0) {
        den = BigInteger.TEN.pow(v.scale());
      } else {
        num = num.multiply(BigInteger.TEN.pow(-v.scale()));
      }
      // num / den lies in (2^(b-1), 2^(b+1)) for b = its bit length difference: one retry at most.
      int e = Math.max(num.bitLength() - den.bitLength() - SIGNIFICAND_BITS, MIN_EXPONENT);
      BigInteger[] qr = divide(num, den, e);
      if (qr[0].bitLength() > SIGNIFICAND_BITS) {
        qr = divide(num, den, ++e);
      }
      BigInteger q = qr[0];
      int half = qr[1].shiftLeft(1).compareTo(e > 0 ? den.shiftLeft(e) : den);
      if (half > 0 || (half == 0 && q.testBit(0))) {
        q = q.add(BigInteger.ONE);
        if (q.bitLength() > SIGNIFICAND_BITS) {
          q = q.shiftRight(1);
          e++;
        }
      }
      if (e > MAX_EXPONENT) {
        return null;
      }
      BigDecimal exact = e >= 0
          ? new BigDecimal(q.shiftLeft(e))
          : new BigDecimal(q.multiply(FIVE.pow(-e)), -e);
      return v.signum() < 0 ? exact.negate() : exact;
    }

    /** Quotient and remainder of {@code num / (den * 2^e)}. */
    private static BigInteger[] divide(BigInteger num, BigInteger den, int e) {
      return e < 0 ? num.shiftLeft(-e).divideAndRemainder(den) : num.divideAndRemainder(den.shiftLeft(e));
    }

    /** {@code printf("%.17Lf")} of an extended value, as {@code ld2string} trims it. */
    static byte[] format(BigDecimal v) {
      String s = v.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
      int end = s.length();
      while (s.charAt(end - 1) == '0') {
        end--;
      }
      if (s.charAt(end - 1) == '.') {
        end--;
      }
      if (end == 2 && s.startsWith("-0")) {
        return new byte[] {'0'};
      }
      return s.substring(0, end).getBytes(StandardCharsets.US_ASCII);
    }
  }
}
