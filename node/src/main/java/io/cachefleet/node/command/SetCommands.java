package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.SetValue;
import io.cachefleet.node.store.SetValue.Member;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The set commands, over {@link SetValue}, with the replies and errors of Redis 7.0's
 * {@code t_set.c}. SMEMBERS, SINTER, SUNION, SDIFF and SPOP with a count answer a RESP3 set.
 *
 * <p>SINTER, SUNION and SDIFF and their STORE forms look every source key up and refuse any that
 * is not a set before computing, as Redis 7.0 does; a missing key is an empty set. A STORE
 * replaces its destination whatever its type, dropping its TTL, or deletes it when the result is
 * empty. Results share the source members' arrays: members are never changed in place.
 */
final class SetCommands implements CommandFamily {

  private static final AsciiString LIMIT = AsciiString.of("LIMIT");

  private static final RedisError NUMKEYS = RedisError.err("numkeys should be greater than 0");
  private static final RedisError TOO_MANY_KEYS = RedisError.err("Number of keys can't be greater than number of args");
  private static final RedisError NEGATIVE_LIMIT = RedisError.err("LIMIT can't be negative");

  private static final Comparator<SetValue> BY_SIZE = Comparator.comparingInt(SetValue::size);

  @Override
  public void register(CommandRegistry r) {
    r.bind("sadd", this::sadd);
    r.bind("srem", this::srem);
    r.bind("smembers", this::smembers);
    r.bind("sismember", c -> {
      SetValue s = read(c, 1);
      c.integer(s != null && contains(s, c, 2) ? 1 : 0);
    });
    r.bind("smismember", this::smismember);
    r.bind("scard", c -> {
      SetValue s = read(c, 1);
      c.integer(s == null ? 0 : s.size());
    });
    r.bind("spop", this::spop);
    r.bind("srandmember", this::srandmember);
    r.bind("smove", this::smove);
    r.bind("sinter", c -> {
      SetValue[] sets = sources(c, 1, c.argc(), false);
      List<byte[]> members = new ArrayList<>();
      intersect(sets, 0, members::add);
      reply(c, members);
    });
    r.bind("sintercard", this::sintercard);
    r.bind("sinterstore", c -> {
      SetValue[] sets = sources(c, 2, c.argc(), true);
      SetValue result = new SetValue(c.ks().seed());
      intersect(sets, 0, result::addAbsent);
      store(c, result);
    });
    r.bind("sunion", c -> reply(c, union(c, sources(c, 1, c.argc(), false))));
    r.bind("sunionstore", c -> store(c, union(c, sources(c, 2, c.argc(), true))));
    r.bind("sdiff", c -> {
      SetValue[] sets = sources(c, 1, c.argc(), false);
      List<byte[]> members = new ArrayList<>();
      difference(sets, members::add);
      reply(c, members);
    });
    r.bind("sdiffstore", c -> {
      SetValue[] sets = sources(c, 2, c.argc(), true);
      SetValue result = new SetValue(c.ks().seed());
      difference(sets, result::addAbsent);
      store(c, result);
    });
    r.bind("sscan", this::sscan);
  }

  /** The set at argument {@code i}, or null when the key is missing; WRONGTYPE for another type. */
  private static SetValue read(Call c, int i) {
    KeyEntry e = c.lookupRead(i);
    return e == null ? null : e.as(SetValue.class);
  }

  /** True when argument {@code i} is a member of {@code s}. */
  private static boolean contains(SetValue s, Call c, int i) {
    RespCommand cmd = c.cmd;
    return s.contains(cmd.content(), cmd.argIndex(i), cmd.argLength(i));
  }

  private void sadd(Call c) {
    KeyEntry e = c.lookupWrite(1);
    SetValue s = e == null ? new SetValue(c.ks().seed()) : e.as(SetValue.class);
    int added = 0;
    for (int i = 2; i < c.argc(); i++) {
      if (!contains(s, c, i)) {
        s.addAbsent(c.arg(i));
        added++;
      }
    }
    if (e == null) {
      c.ks().add(c.arg(1), s);
    } else if (added > 0) {
      c.ks().modified(e);
    }
    c.integer(added);
  }

  private void srem(Call c) {
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.integer(0);
      return;
    }
    SetValue s = e.as(SetValue.class);
    RespCommand cmd = c.cmd;
    int removed = 0;
    for (int i = 2; i < c.argc() && !s.isEmpty(); i++) {
      if (s.remove(cmd.content(), cmd.argIndex(i), cmd.argLength(i))) {
        removed++;
      }
    }
    if (removed > 0) {
      c.ks().modified(e);
      c.ks().deleteIfEmpty(e);
    }
    c.integer(removed);
  }

  private void smembers(Call c) {
    SetValue s = read(c, 1);
    if (s == null) {
      c.setHeader(0);
    } else {
      reply(c, s);
    }
  }

  private void smismember(Call c) {
    SetValue s = read(c, 1);
    c.arrayHeader(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      c.integer(s != null && contains(s, c, i) ? 1 : 0);
    }
  }

  private static void reply(Call c, SetValue s) {
    c.setHeader(s.size());
    s.forEach(m -> c.bulk(m.key()));
  }

  private static void reply(Call c, List<byte[]> members) {
    c.setHeader(members.size());
    for (byte[] m : members) {
      c.bulk(m);
    }
  }

  private void spop(Call c) {
    if (c.argc() > 3) {
      throw RedisError.SYNTAX;
    }
    if (c.argc() == 3) {
      spopCount(c);
      return;
    }
    KeyEntry e = c.lookupWrite(1);
    if (e == null) {
      c.nullBulk();
      return;
    }
    SetValue s = e.as(SetValue.class);
    Member m = s.random();
    s.remove(m);
    c.ks().modified(e);
    c.ks().deleteIfEmpty(e);
    c.bulk(m.key());
  }

  /** SPOP with a count, as {@code spopWithCountCommand}: a RESP3 set of distinct members. */
  private static void spopCount(Call c) {
    long count = c.argLong(2, RedisError.NOT_POSITIVE);
    if (count < 0) {
      throw RedisError.NOT_POSITIVE;
    }
    KeyEntry e = c.lookupWrite(1);
    SetValue s = e == null ? null : e.as(SetValue.class);
    if (s == null || count == 0) {
      c.setHeader(0);
      return;
    }
    if (count >= s.size()) {
      reply(c, s);
      c.ks().delete(e);
      return;
    }
    List<Member> popped = Sampling.distinct(s.size(), (int) count, s::random, s::forEach);
    c.setHeader(popped.size());
    for (Member m : popped) {
      s.remove(m);
      c.bulk(m.key());
    }
    c.ks().modified(e);
  }

  /**
   * SRANDMEMBER, as {@code srandmemberWithCountCommand}: a negative count samples with
   * repetition, a positive one returns distinct members, all of them when it reaches the size.
   */
  private void srandmember(Call c) {
    if (c.argc() > 3) {
      throw RedisError.SYNTAX;
    }
    if (c.argc() == 2) {
      SetValue s = read(c, 1);
      c.bulkOrNull(s == null ? null : s.random().key());
      return;
    }
    long count = Sampling.count(c, 2);
    SetValue s = read(c, 1);
    if (s == null || count == 0) {
      c.arrayHeader(0);
      return;
    }
    Sampling.reply(c, count, s.size(), 1, s::random, s::forEach, m -> c.bulk(m.key()));
  }

  /** SMOVE, in {@code smoveCommand}'s order: a missing source answers 0 before any type check. */
  private void smove(Call c) {
    KeyEntry src = c.lookupWrite(1);
    KeyEntry dst = c.lookupWrite(2);
    if (src == null) {
      c.integer(0);
      return;
    }
    SetValue from = src.as(SetValue.class);
    SetValue to = dst == null ? null : dst.as(SetValue.class);
    if (src == dst) {
      c.integer(contains(from, c, 3) ? 1 : 0);
      return;
    }
    RespCommand cmd = c.cmd;
    if (!from.remove(cmd.content(), cmd.argIndex(3), cmd.argLength(3))) {
      c.integer(0);
      return;
    }
    c.ks().modified(src);
    c.ks().deleteIfEmpty(src);
    byte[] member = c.arg(3);
    if (to == null) {
      to = new SetValue(c.ks().seed());
      to.addAbsent(member);
      c.ks().add(c.arg(2), to);
    } else if (to.add(member)) {
      c.ks().modified(dst);
    }
    c.integer(1);
  }

  private void sintercard(Call c) {
    long numkeys = c.argLong(1, NUMKEYS);
    if (numkeys < 1) {
      throw NUMKEYS;
    }
    if (numkeys > c.argc() - 2) {
      throw TOO_MANY_KEYS;
    }
    int end = 2 + (int) numkeys;
    long limit = 0;
    for (int i = end; i < c.argc(); i += 2) {
      if (i + 1 < c.argc() && c.argIs(i, LIMIT)) {
        limit = c.argLong(i + 1, NEGATIVE_LIMIT);
        if (limit < 0) {
          throw NEGATIVE_LIMIT;
        }
      } else {
        throw RedisError.SYNTAX;
      }
    }
    c.integer(intersect(sources(c, 2, end, false), limit, m -> { }));
  }

  /**
   * The sets at arguments {@code from} to {@code to - 1}, null for missing keys. Every key is
   * checked, so a WRONGTYPE key anywhere fails the command.
   */
  private static SetValue[] sources(Call c, int from, int to, boolean write) {
    SetValue[] sets = new SetValue[to - from];
    for (int i = from; i < to; i++) {
      KeyEntry e = write ? c.lookupWrite(i) : c.lookupRead(i);
      sets[i - from] = e == null ? null : e.as(SetValue.class);
    }
    return sets;
  }

  /**
   * Feeds the members common to all {@code sets} to {@code sink}, stopping after {@code limit}
   * (0: no limit); returns how many were fed. Walks the smallest set, testing each member against
   * the others from the smallest up, as {@code sinterGenericCommand} does.
   */
  private static long intersect(SetValue[] sets, long limit, Consumer<byte[]> sink) {
    for (SetValue s : sets) {
      if (s == null) {
        return 0;
      }
    }
    SetValue[] bySize = sets.clone();
    Arrays.sort(bySize, BY_SIZE);
    long[] found = new long[1];
    bySize[0].forEach(m -> {
      if (limit > 0 && found[0] >= limit) {
        return;
      }
      for (int j = 1; j < bySize.length; j++) {
        if (bySize[j] != bySize[0] && !bySize[j].contains(m.key())) {
          return;
        }
      }
      found[0]++;
      sink.accept(m.key());
    });
    return found[0];
  }

  private static SetValue union(Call c, SetValue[] sets) {
    SetValue result = new SetValue(c.ks().seed());
    for (SetValue s : sets) {
      if (s != null) {
        s.forEach(m -> result.add(m.key()));
      }
    }
    return result;
  }

  /** Feeds the members of the first set that are in none of the others to {@code sink}. */
  private static void difference(SetValue[] sets, Consumer<byte[]> sink) {
    if (sets[0] == null) {
      return;
    }
    sets[0].forEach(m -> {
      for (int j = 1; j < sets.length; j++) {
        if (sets[j] != null && sets[j].contains(m.key())) {
          return;
        }
      }
      sink.accept(m.key());
    });
  }

  /** Stores a STORE command's result at argument 1; replies with its size. */
  private static void store(Call c, SetValue result) {
    if (result.isEmpty()) {
      KeyEntry dst = c.lookupWrite(1);
      if (dst != null) {
        c.ks().delete(dst);
      }
      c.integer(0);
      return;
    }
    c.ks().set(c.arg(1), result, false);
    c.integer(result.size());
  }

  private void sscan(Call c) {
    long cursor = ScanArgs.parseCursor(c, 2);
    SetValue s = read(c, 1);
    if (s == null) {
      ScanArgs.replyEmpty(c);
      return;
    }
    ScanArgs.parse(c, 3, false).reply(c, cursor, s::scan, 1, s.compact(), m -> c.bulk(m.key()));
  }

  /**
   * Random sampling for SRANDMEMBER, SPOP and HRANDFIELD, after
   * {@code srandmemberWithCountCommand}: a count argument in {@code [-LONG_MAX, LONG_MAX]}, and
   * distinct samples drawn by shuffling a copy when the sample is over a third of the collection,
   * by redrawing random entries otherwise.
   */
  static final class Sampling {

    private static final RedisError COUNT_RANGE = RedisError.err(
        "value is out of range, value must between -9223372036854775807 and 9223372036854775807");

    /** Above this share of the collection, copying and shuffling beats redrawing duplicates. */
    private static final int SHUFFLE_DIVISOR = 3;

    /**
     * Most samples a negative count may ask for. Redis serves any count, growing the reply until
     * the client's output limit (none by default) or memory gives out; the node refuses one that
     * would hold the keyspace lock while it fills gigabytes.
     */
    static final long MAX_REPEATS = 1 << 20;

    private static final RedisError TOO_MANY_REPEATS =
        RedisError.err("value is out of range, at most " + MAX_REPEATS + " samples with repetition");

    private Sampling() {}

    /** The count at argument {@code i}: any integer but {@code Long.MIN_VALUE}. */
    static long count(Call c, int i) {
      long count = c.argLong(i);
      if (count == Long.MIN_VALUE) {
        throw COUNT_RANGE;
      }
      return count;
    }

    /** The number of samples with repetition a count asks for: its magnitude, if not too many. */
    static long repeats(long count) {
      long n = Math.abs(count);
      if (n > MAX_REPEATS) {
        throw TOO_MANY_REPEATS;
      }
      return n;
    }

    /**
     * Replies with the entries a non-zero count asks for, as {@code srandmemberWithCountCommand}
     * picks them: with repetition for a negative count or 1, all of them when the count reaches
     * the size, else {@link #distinct} ones. {@code reply} writes {@code perEntry} elements each.
     */
    static <E> void reply(Call c, long count, int size, int perEntry, Supplier<E> random,
                          Consumer<Consumer<E>> forEach, Consumer<E> reply) {
      if (count < 0 || count == 1) {
        long n = repeats(count);
        c.arrayHeader(perEntry * n);
        for (long i = 0; i < n; i++) {
          reply.accept(random.get());
        }
        return;
      }
      if (count >= size) {
        c.arrayHeader((long) perEntry * size);
        forEach.accept(reply);
        return;
      }
      List<E> sample = distinct(size, (int) count, random, forEach);
      c.arrayHeader((long) perEntry * sample.size());
      for (E e : sample) {
        reply.accept(e);
      }
    }

    /** {@code count} distinct entries of a collection of {@code size > count}, in random order. */
    static <E> List<E> distinct(int size, int count, Supplier<E> random, Consumer<Consumer<E>> forEach) {
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      if ((long) count * SHUFFLE_DIVISOR > size) {
        List<E> all = new ArrayList<>(size);
        forEach.accept(all::add);
        for (int i = 0; i < count; i++) {
          Collections.swap(all, i, i + rnd.nextInt(size - i));
        }
        return all.subList(0, count);
      }
      List<E> picked = new ArrayList<>(count);
      Set<E> seen = new HashSet<>(2 * count);
      while (picked.size() < count) {
        E e = random.get();
        if (seen.add(e)) {
          picked.add(e);
        }
      }
      return picked;
    }
  }
}
