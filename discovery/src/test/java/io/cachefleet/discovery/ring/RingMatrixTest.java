package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour that must hold over every hash, distribution, hash tag and fleet size. */
class RingMatrixTest {

  private static final int[] SERVER_COUNTS = {1, 2, 3, 5, 25};

  private static final HashTag[] TAGS = {HashTag.NONE, HashTag.of("{}"), HashTag.of("$$")};

  /** Hashes spanning all 32 bits; crc32 keeps 15, so under ketama its keys share a 1/131072 arc. */
  private static final List<String> FULL_RANGE_HASHES =
      KeyHashes.names().stream().filter(name -> !name.equals("crc32")).toList();

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (String hash : KeyHashes.names()) {
      for (Distribution distribution : Distribution.values()) {
        for (HashTag tag : TAGS) {
          for (int servers : SERVER_COUNTS) {
            cases.add(Arguments.of(hash, distribution, tag, servers));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("matrix")
  void memberIndex_everyKey_mapsToAMemberAndTaggedKeysStayTogether(String hashName,
      Distribution distribution, HashTag tag, int servers) {
    KeyHash hash = KeyHashes.byName(hashName);
    Ring ring = Ring.of(distribution, members(servers));
    boolean keyed = distribution != Distribution.RANDOM;
    String open = tag == HashTag.NONE ? "" : tag.tag().substring(0, 1);
    String close = tag == HashTag.NONE ? "" : tag.tag().substring(1);

    for (int i = 0; i < 300; i++) {
      String group = open + "user" + i + close;
      int first = route(ring, hash, tag, group + ":profile");
      int second = route(ring, hash, tag, "session:" + group);

      assertThat(first).isBetween(0, servers - 1);
      assertThat(second).isBetween(0, servers - 1);
      if (keyed) {
        assertThat(route(ring, hash, tag, group + ":profile")).isEqualTo(first);
      }
      if (keyed && tag != HashTag.NONE) {
        assertThat(second).as("keys sharing the tag %s", group).isEqualTo(first);
      }
    }
  }

  static Stream<Arguments> removals() {
    List<Arguments> cases = new ArrayList<>();
    for (String hash : FULL_RANGE_HASHES) {
      for (int servers : new int[] {2, 3, 5, 10, 24}) {
        cases.add(Arguments.of(hash, servers));
      }
    }
    return cases.stream();
  }

  /**
   * Equal weights and counts whose point count is 160 both before and after (the float quirk
   * changes the count at 25 members; see the next test).
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("removals")
  void ketama_removingOneMember_movesOnlyItsKeys(String hashName, int servers) {
    KeyHash hash = KeyHashes.byName(hashName);
    List<Member> all = members(servers);
    Ring before = Ring.of(Distribution.KETAMA, all);
    for (int removed = 0; removed < servers; removed++) {
      List<Member> rest = new ArrayList<>(all);
      rest.remove(removed);
      Ring after = Ring.of(Distribution.KETAMA, rest);

      for (byte[] key : keys(2000, removed)) {
        String owner = before.member(before.memberIndex(hash.hash(key))).name();
        String newOwner = after.member(after.memberIndex(hash.hash(key))).name();
        if (!owner.equals(all.get(removed).name())) {
          assertThat(newOwner).isEqualTo(owner);
        }
      }
    }
  }

  /**
   * 26 equal members get 160 points each, 25 get 156: removing one drops the last four points of
   * every survivor, whose keys move to other survivors. Twemproxy does the same; about 4 / 160 of
   * the keyspace moves besides the removed member's share.
   */
  @ParameterizedTest
  @ValueSource(strings = {"md5", "fnv1a_64", "murmur"})
  void ketama_removalCrossingThe156PointCounts_movesAFewKeysBetweenSurvivors(String hashName) {
    KeyHash hash = KeyHashes.byName(hashName);
    List<Member> all = members(26);
    Ring before = Ring.of(Distribution.KETAMA, all);
    Ring after = Ring.of(Distribution.KETAMA, all.subList(1, 26));
    int survivorsMoved = 0;
    List<byte[]> keys = keys(100_000, 26);

    for (byte[] key : keys) {
      int owner = before.memberIndex(hash.hash(key));
      if (owner != 0 && owner != after.memberIndex(hash.hash(key)) + 1) {
        survivorsMoved++;
      }
    }

    assertThat(survivorsMoved).isPositive().isLessThan(keys.size() * 5 / 100);
  }

  static Stream<Arguments> shares() {
    List<Arguments> cases = new ArrayList<>();
    for (String hash : FULL_RANGE_HASHES) {
      cases.add(Arguments.of(hash, new int[] {1, 1, 1, 1, 1}));
      cases.add(Arguments.of(hash, new int[] {1, 2, 3, 4}));
    }
    return cases.stream();
  }

  /**
   * Each member's share of 100,000 random keys is near its weight share. A member with {@code P}
   * points owns the sum of {@code P} arcs between random points, whose relative standard
   * deviation is about {@code 1 / sqrt(P)} (8% at 160 points, 11% at 80); sampling 100,000 keys
   * adds {@code sqrt(p (1 - p) / N)}. The bound allows 4 of the first and 4 of the second.
   */
  @ParameterizedTest(name = "{0} weights {1}")
  @MethodSource("shares")
  void ketama_keyShare_isNearWeightShare(String hashName, int[] weights) {
    KeyHash hash = KeyHashes.byName(hashName);
    List<Member> members = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < weights.length; i++) {
      members.add(Member.of("10.0.1." + i, 6379, weights[i]));
      total += weights[i];
    }
    Ring ring = Ring.of(Distribution.KETAMA, members);
    List<byte[]> keys = keys(100_000, weights.length);
    int[] owned = new int[weights.length];

    for (byte[] key : keys) {
      owned[ring.memberIndex(hash.hash(key))]++;
    }

    for (int i = 0; i < weights.length; i++) {
      double expected = (double) weights[i] / total;
      int points = KetamaContinuum.pointsPerMember(weights[i], total, weights.length);
      double tolerance = 4 * expected / Math.sqrt(points)
          + 4 * Math.sqrt(expected * (1 - expected) / keys.size());

      assertThat((double) owned[i] / keys.size()).as("member %d of weights %s", i, Arrays.toString(weights))
          .isCloseTo(expected, Offset.offset(tolerance));
    }
  }

  private static int route(Ring ring, KeyHash hash, HashTag tag, String key) {
    ByteBuf buf = Unpooled.wrappedBuffer(key.getBytes(StandardCharsets.US_ASCII));
    return ring.memberIndex(tag.routingHash(hash, buf, 0, buf.readableBytes()));
  }

  private static List<byte[]> keys(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<byte[]> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String key = "key:" + Long.toHexString(random.nextLong()) + ":" + i;
      keys.add(key.getBytes(StandardCharsets.US_ASCII));
    }
    return keys;
  }

  private static List<Member> members(int count) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      members.add(Member.of("10.0.0." + i, 6379, 1));
    }
    return members;
  }
}
