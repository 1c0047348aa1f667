package io.cachefleet.node.command;

import io.cachefleet.node.store.Dict;
import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.SetValue;
import io.cachefleet.node.store.ZSetValue;
import io.cachefleet.protocol.RedisError;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ObjDoubleConsumer;

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD, as Redis 7.0's
 * {@code zunionInterDiffGenericCommand} (t_zset.c). Sources may be sorted sets or plain sets,
 * whose members score 1.
 *
 * <p>Redis's order of checks is kept: numkeys, then the source keys' types (WRONGTYPE wins over
 * a bad option), then the options. Union and intersection visit the sources smallest first, as
 * Redis sorts them, so that sums of three or more scores round as Redis's do; a weighted score
 * that is NaN ({@code 0 * inf}) counts as 0, and so does a sum that is NaN ({@code inf - inf}).
 */
final class ZSetAlgebra {

  enum Op { UNION, INTER, DIFF }

  private enum Aggregate { SUM, MIN, MAX }

  private static final AsciiString WEIGHTS = AsciiString.cached("WEIGHTS");
  private static final AsciiString AGGREGATE = AsciiString.cached("AGGREGATE");
  private static final AsciiString WITHSCORES = AsciiString.cached("WITHSCORES");
  private static final AsciiString LIMIT = AsciiString.cached("LIMIT");
  private static final AsciiString SUM = AsciiString.cached("SUM");
  private static final AsciiString MIN = AsciiString.cached("MIN");
  private static final AsciiString MAX = AsciiString.cached("MAX");

  private static final RedisError WEIGHT_NOT_A_FLOAT = RedisError.err("weight value is not a float");
  private static final RedisError NEGATIVE_LIMIT = RedisError.err("LIMIT can't be negative");

  private ZSetAlgebra() {}

  /** One input: a sorted set, a set, or nothing (a missing key), with its weight. */
  private static final class Source {
    final ZSetValue zset;
    final SetValue set;
    final Object value;
    double weight = 1;

    Source(Object value) {
      this.value = value;
      this.zset = value instanceof ZSetValue z ? z : null;
      this.set = value instanceof SetValue s ? s : null;
    }

    int size() {
      return zset != null ? zset.size() : set != null ? set.size() : 0;
    }

    /** The member's unweighted score, or NaN when absent. */
    double score(byte[] member) {
      if (zset != null) {
        ZSetValue.Node n = zset.get(member);
        return n == null ? Double.NaN : n.score();
      }
      return set != null && set.contains(member) ? 1 : Double.NaN;
    }

    void forEach(ObjDoubleConsumer<byte[]> visitor) {
      if (zset != null) {
        for (ZSetValue.Node n = zset.first(); n != null; n = n.next()) {
          visitor.accept(n.key(), n.score());
        }
      } else if (set != null) {
        set.forEach(m -> visitor.accept(m.key(), 1));
      }
    }
  }

  /** A member of the result and its score. */
  private static final class Scored extends Dict.Entry {
    double score;

    Scored(byte[] member, int hash, double score) {
      super(member, hash);
      this.score = score;
    }
  }

  /**
   * Runs one command.
   *
   * @param numkeys the numkeys argument; the keys follow it, then the options
   * @param store true for the STORE forms, whose destination is argument 1
   * @param cardinality true for ZINTERCARD
   */
  static void run(Call c, int numkeys, Op op, boolean store, boolean cardinality) {
    long n = c.argLong(numkeys);
    if (n < 1) {
      throw RedisError.err("at least 1 input key is needed for '" + c.spec.fullName() + "' command");
    }
    if (n > c.argc() - numkeys - 1) {
      throw RedisError.SYNTAX;
    }
    Source[] sources = new Source[(int) n];
    for (int i = 0; i < sources.length; i++) {
      KeyEntry e = c.lookupRead(numkeys + 1 + i);
      if (e != null && !(e.value() instanceof ZSetValue) && !(e.value() instanceof SetValue)) {
        throw RedisError.WRONGTYPE;
      }
      sources[i] = new Source(e == null ? null : e.value());
    }

    Aggregate aggregate = Aggregate.SUM;
    boolean withScores = false;
    long limit = 0;
    boolean scored = op != Op.DIFF && !cardinality;
    for (int j = numkeys + 1 + sources.length; j < c.argc(); j++) {
      int remaining = c.argc() - j;
      if (scored && remaining >= sources.length + 1 && c.argIs(j, WEIGHTS)) {
        for (Source s : sources) {
          s.weight = ZSetCommands.score(c, ++j, WEIGHT_NOT_A_FLOAT);
        }
      } else if (scored && remaining >= 2 && c.argIs(j, AGGREGATE)) {
        j++;
        if (c.argIs(j, SUM)) {
          aggregate = Aggregate.SUM;
        } else if (c.argIs(j, MIN)) {
          aggregate = Aggregate.MIN;
        } else if (c.argIs(j, MAX)) {
          aggregate = Aggregate.MAX;
        } else {
          throw RedisError.SYNTAX;
        }
      } else if (!store && !cardinality && c.argIs(j, WITHSCORES)) {
        withScores = true;
      } else if (cardinality && remaining >= 2 && c.argIs(j, LIMIT)) {
        limit = c.argLong(++j, NEGATIVE_LIMIT);
        if (limit < 0) {
          throw NEGATIVE_LIMIT;
        }
      } else {
        throw RedisError.SYNTAX;
      }
    }

    if (cardinality) {
      c.integer(interCard(smallestFirst(sources), limit));
      return;
    }
    Scored[] result = switch (op) {
      case UNION -> union(c, smallestFirst(sources), aggregate);
      case INTER -> inter(smallestFirst(sources), aggregate);
      case DIFF -> diff(sources);
    };
    Arrays.sort(result, ZSetAlgebra::compare);
    if (store) {
      int longest = 0;
      for (Scored s : result) {
        longest = Math.max(longest, s.key().length);
      }
      ZSetValue z = new ZSetValue(c.ks().seed(), result.length, longest);
      for (Scored s : result) {
        z.add(s.key(), s.score);
      }
      ZSetCommands.store(c, z);
    } else {
      reply(c, result, withScores);
    }
  }

  /** The sources sorted by size, stably, as Redis sorts them before union and intersection. */
  private static Source[] smallestFirst(Source[] sources) {
    Source[] sorted = sources.clone();
    Arrays.sort(sorted, (a, b) -> Integer.compare(a.size(), b.size()));
    return sorted;
  }

  private static double weighted(double score, double weight) {
    double d = score * weight;
    return Double.isNaN(d) ? 0 : d;
  }

  private static double aggregate(Aggregate aggregate, double target, double value) {
    return switch (aggregate) {
      case SUM -> {
        double sum = target + value;
        yield Double.isNaN(sum) ? 0 : sum;
      }
      case MIN -> value < target ? value : target;
      case MAX -> value > target ? value : target;
    };
  }

  private static Scored[] union(Call c, Source[] sources, Aggregate aggregate) {
    Dict<Scored> acc = new Dict<>(c.ks().seed());
    for (Source s : sources) {
      s.forEach((member, score) -> {
        double value = weighted(score, s.weight);
        Scored existing = acc.get(member);
        if (existing == null) {
          acc.add(new Scored(member, acc.hash(member), value));
        } else {
          existing.score = aggregate(aggregate, existing.score, value);
        }
      });
    }
    Scored[] result = new Scored[acc.size()];
    int[] i = {0};
    acc.forEach(s -> result[i[0]++] = s);
    return result;
  }

  private static Scored[] inter(Source[] sources, Aggregate aggregate) {
    List<Scored> result = new ArrayList<>();
    Source first = sources[0];
    first.forEach((member, score) -> {
      double total = weighted(score, first.weight);
      for (int j = 1; j < sources.length; j++) {
        Source other = sources[j];
        double value = other.value == first.value ? score : other.score(member);
        if (Double.isNaN(value)) {
          return;
        }
        total = aggregate(aggregate, total, value * other.weight);
      }
      result.add(new Scored(member, 0, total));
    });
    return result.toArray(new Scored[0]);
  }

  private static long interCard(Source[] sources, long limit) {
    long[] count = {0};
    Source first = sources[0];
    if (first.size() == 0) {
      return 0;
    }
    first.forEach((member, score) -> {
      if (limit > 0 && count[0] >= limit) {
        return;
      }
      for (int j = 1; j < sources.length; j++) {
        if (sources[j].value != first.value && Double.isNaN(sources[j].score(member))) {
          return;
        }
      }
      count[0]++;
    });
    return count[0];
  }

  private static Scored[] diff(Source[] sources) {
    List<Scored> result = new ArrayList<>();
    sources[0].forEach((member, score) -> {
      for (int j = 1; j < sources.length; j++) {
        if (!Double.isNaN(sources[j].score(member))) {
          return;
        }
      }
      result.add(new Scored(member, 0, score));
    });
    return result.toArray(new Scored[0]);
  }

  private static int compare(Scored a, Scored b) {
    if (a.score < b.score) {
      return -1;
    }
    if (a.score > b.score) {
      return 1;
    }
    return Arrays.compareUnsigned(a.key(), b.key());
  }

  private static void reply(Call c, Scored[] result, boolean withScores) {
    c.arrayHeader(withScores && !c.resp3() ? 2L * result.length : result.length);
    for (Scored s : result) {
      if (withScores && c.resp3()) {
        c.arrayHeader(2);
      }
      c.bulk(s.key());
      if (withScores) {
        c.doubleValue(s.score);
      }
    }
  }
}
