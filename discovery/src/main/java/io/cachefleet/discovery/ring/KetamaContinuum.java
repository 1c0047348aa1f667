package io.cachefleet.discovery.ring;

import io.cachefleet.discovery.Member;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Twemproxy's ketama distribution, {@code ketama_update} and {@code ketama_dispatch} in
 * src/hashkit/nc_ketama.c, with the arithmetic kept exact; the package documentation explains the
 * design and its quirks.
 *
 * <p>Points are two parallel arrays sorted by value, compared unsigned: {@code values[i]} and
 * {@code owners[i]}, the index of the member the point belongs to.
 */
final class KetamaContinuum implements Continuum {

  /** Points per member at average weight: {@code KETAMA_POINTS_PER_SERVER}, libmemcached's 160. */
  static final int POINTS_PER_SERVER = 160;

  /** Points per MD5 digest: its four little-endian 32-bit words. */
  static final int POINTS_PER_HASH = 4;

  /**
   * The double Twemproxy adds before flooring, meant to absorb rounding error. The sum is rounded
   * back to float, which loses the addend for every product of 2^-9 or more (below that the floor
   * is 0 anyway), so it never lifts 39.999996 to 40: 25 equal members get 156 points, not 160.
   */
  private static final double NUDGE = 0.0000000001;

  private final int[] values;
  private final int[] owners;

  private KetamaContinuum(int[] values, int[] owners) {
    this.values = values;
    this.owners = owners;
  }

  static KetamaContinuum of(List<Member> members) {
    long totalWeight = 0;
    for (Member m : members) {
      totalWeight += m.weight();
    }
    int[] counts = new int[members.size()];
    int total = 0;
    for (int member = 0; member < counts.length; member++) {
      counts[member] = pointsPerMember(members.get(member).weight(), totalWeight, counts.length);
      total += counts[member];
    }
    int[] values = new int[total];
    int[] owners = new int[total];
    MessageDigest md5 = md5();
    int next = 0;
    for (int member = 0; member < counts.length; member++) {
      String name = members.get(member).name();
      for (int k = 0; k < counts[member] / POINTS_PER_HASH; k++) {
        byte[] digest = md5.digest((name + "-" + k).getBytes(StandardCharsets.UTF_8));
        for (int alignment = 0; alignment < POINTS_PER_HASH; alignment++) {
          values[next] = point(digest, alignment);
          owners[next++] = member;
        }
      }
    }
    sort(values, owners);
    return new KetamaContinuum(values, owners);
  }

  /**
   * The points of a member of weight {@code weight} among {@code live} members weighing
   * {@code totalWeight} together, computed in 32-bit float exactly as nc_ketama.c does:
   * {@code (uint32_t)(floorf((float)(pct * 160 / 4 * (float)nlive + 0.0000000001)) * 4)}, where
   * {@code pct} is a float and only the addition is done in double.
   */
  static int pointsPerMember(int weight, long totalWeight, int live) {
    float pct = (float) weight / (float) totalWeight;
    float scaled = pct * POINTS_PER_SERVER / POINTS_PER_HASH * (float) live;
    float nudged = (float) (scaled + NUDGE);
    return (int) ((float) Math.floor(nudged) * POINTS_PER_HASH);
  }

  /** Word {@code alignment} of an MD5 digest, little-endian: {@code ketama_hash}. */
  static int point(byte[] digest, int alignment) {
    int i = alignment * 4;
    return (digest[i] & 0xff)
        | (digest[i + 1] & 0xff) << 8
        | (digest[i + 2] & 0xff) << 16
        | (digest[i + 3] & 0xff) << 24;
  }

  /**
   * Sorts the points by unsigned value; equal values keep their build order, as glibc's
   * {@code qsort} (a merge sort for arrays this size) keeps them under {@code ketama_item_cmp}.
   */
  static void sort(int[] values, int[] owners) {
    long[] keys = new long[values.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (long) (values[i] ^ Integer.MIN_VALUE) << 32 | i;
    }
    Arrays.sort(keys);
    int[] built = owners.clone();
    for (int i = 0; i < keys.length; i++) {
      values[i] = (int) (keys[i] >>> 32) ^ Integer.MIN_VALUE;
      owners[i] = built[(int) keys[i]];
    }
  }

  @Override
  public int size() {
    return values.length;
  }

  /**
   * {@code ketama_dispatch}: the first point whose value is at least {@code hash}, or the first
   * point when {@code hash} is above them all.
   */
  @Override
  public int position(int hash) {
    int left = 0;
    int right = values.length;
    while (left < right) {
      int middle = (left + right) >>> 1;
      if (Integer.compareUnsigned(values[middle], hash) < 0) {
        left = middle + 1;
      } else {
        right = middle;
      }
    }
    return right == values.length ? 0 : right;
  }

  @Override
  public int owner(int position) {
    return owners[position];
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide MD5", e);
    }
  }
}
