package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.Member;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KetamaContinuumTest {

  /**
   * The member counts up to 200 for which Twemproxy gives equal-weight members 156 points rather
   * than 160, from nc_ketama.c's expression compiled with gcc on x86-64.
   */
  private static final Set<Integer> COUNTS_WITH_156_POINTS =
      Set.of(25, 47, 50, 55, 61, 71, 94, 100, 107, 109, 110, 115, 122, 142, 159, 163, 188, 193, 200);

  @Test
  void pointsPerMember_threeEqualMembers_is160() {
    assertThat(KetamaContinuum.pointsPerMember(1, 3, 3)).isEqualTo(160);
    assertThat(KetamaContinuum.of(members(3)).size()).isEqualTo(480);
  }

  @ParameterizedTest
  @ValueSource(ints = {25, 50, 100})
  void pointsPerMember_floatQuirkCounts_is156(int count) {
    assertThat(KetamaContinuum.pointsPerMember(1, count, count)).isEqualTo(156);
    assertThat(KetamaContinuum.of(members(count)).size()).isEqualTo(156 * count);
  }

  @Test
  void pointsPerMember_equalWeightsUpTo200_matchesTwemproxy() {
    for (int count = 1; count <= 200; count++) {
      int expected = COUNTS_WITH_156_POINTS.contains(count) ? 156 : 160;

      assertThat(KetamaContinuum.pointsPerMember(7, 7L * count, count)).as("%d members", count)
          .isEqualTo(expected);
    }
  }

  @Test
  void pointsPerMember_unequalWeights_scaleTheCount() {
    assertThat(IntStream.of(1, 2, 3).map(w -> KetamaContinuum.pointsPerMember(w, 6, 3)))
        .containsExactly(80, 160, 240);
    assertThat(KetamaContinuum.pointsPerMember(1, 8, 4)).isEqualTo(80);
    assertThat(KetamaContinuum.pointsPerMember(5, 8, 4)).isEqualTo(400);
  }

  @Test
  void point_server1dash8_matchesTwemproxysKetamaHash() throws Exception {
    byte[] digest = MessageDigest.getInstance("MD5").digest("server1-8".getBytes(StandardCharsets.US_ASCII));

    assertThat(Integer.toUnsignedLong(KetamaContinuum.point(digest, 0))).isEqualTo(3853726576L);
    assertThat(Integer.toUnsignedLong(KetamaContinuum.point(digest, 3))).isEqualTo(2667054752L);
  }

  @Test
  void of_pointsAreTheDigestWordsOfNameDashK_sortedUnsigned() throws Exception {
    List<Member> members = List.of(Member.of("10.0.0.1", 6379, 1), Member.of("10.0.0.2", 11211, 2));
    long[] expected = independentPoints(members);
    KetamaContinuum ketama = KetamaContinuum.of(members);

    assertThat(ketama.size()).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      int value = (int) (expected[i] >>> 32);
      int position = ketama.position(value);
      assertThat(position).isLessThanOrEqualTo(i);
      assertThat(ketama.owner(position)).isEqualTo((int) expected[i]);
    }
  }

  @Test
  void position_edgeCases_followKetamaDispatch() throws Exception {
    List<Member> members = members(3);
    long[] points = independentPoints(members);
    int first = (int) (points[0] >>> 32);
    int second = (int) (points[1] >>> 32);
    int last = (int) (points[points.length - 1] >>> 32);
    KetamaContinuum ketama = KetamaContinuum.of(members);

    assertThat(ketama.position(0)).as("below the first point").isZero();
    assertThat(ketama.position(first - 1)).isZero();
    assertThat(ketama.position(first)).as("equal to a point").isZero();
    assertThat(ketama.position(first + 1)).as("just above a point").isEqualTo(1);
    assertThat(ketama.position(second)).isEqualTo(1);
    assertThat(ketama.position(last)).isEqualTo(points.length - 1);
    assertThat(ketama.position(last + 1)).as("above the last point wraps").isZero();
    assertThat(ketama.position(-1)).as("0xffffffff wraps").isZero();
  }

  @Test
  void sort_equalValues_keepBuildOrder() {
    int[] values = {5, 0x80000000, 5, 1, 0xffffffff, 5};
    int[] owners = {0, 1, 2, 3, 4, 5};

    KetamaContinuum.sort(values, owners);

    assertThat(values).containsExactly(1, 5, 5, 5, 0x80000000, 0xffffffff);
    assertThat(owners).containsExactly(3, 0, 2, 5, 1, 4);
  }

  /**
   * Placements of the keys "0:session:user" .. "39:session:user" under fnv1a_64, as computed by a
   * C transcription of Twemproxy 0.5.0's ketama_update and ketama_dispatch (glibc qsort, OpenSSL
   * MD5) on x86-64: an independent implementation, not this one run twice.
   */
  @Test
  void memberIndex_placesKeysAsTwemproxy() {
    assertPlacement(List.of(Member.of("127.0.0.1", 6379, 1), Member.of("127.0.0.1", 6380, 1),
        Member.of("127.0.0.1", 6381, 1)),
        "2,0,1,2,0,0,1,1,0,1,2,0,0,0,2,1,1,0,0,0,0,1,1,2,0,2,2,1,0,0,2,0,2,1,1,0,2,1,2,1");
    assertPlacement(List.of(Member.named("cache-a", "10.1.0.1", 6379, 1),
        Member.named("cache-b", "10.1.0.2", 6379, 2), Member.named("cache-c", "10.1.0.3", 6379, 3)),
        "2,2,2,2,1,1,1,1,0,0,2,2,1,2,1,1,0,2,2,2,2,2,2,2,2,2,0,0,1,1,1,2,1,1,1,0,0,1,1,2");
    assertPlacement(List.of(Member.named("memcached-1", "10.2.0.1", 11211, 1),
        Member.named("memcached-2", "10.2.0.2", 11211, 1), Member.of("10.0.0.9", 11211, 1)),
        "2,2,0,1,0,2,1,0,2,2,0,0,0,1,2,1,2,2,1,2,0,0,1,2,2,2,0,2,0,1,0,0,1,2,2,1,1,2,2,1");
    List<Member> twentyFive = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      twentyFive.add(Member.of("10.0.0." + i, 6379, 1));
    }
    assertPlacement(twentyFive, "10,0,2,12,13,23,4,24,13,2,1,19,17,23,3,20,5,10,1,13,13,16,14,14,18,5,"
        + "23,12,6,10,4,19,12,2,22,8,17,24,21,19");
  }

  private static void assertPlacement(List<Member> members, String expected) {
    Ring ring = Ring.of(Distribution.KETAMA, members);
    KeyHash hash = KeyHashes.byName("fnv1a_64");
    StringBuilder placed = new StringBuilder();
    for (int k = 0; k < 40; k++) {
      byte[] key = (k + ":session:user").getBytes(StandardCharsets.US_ASCII);
      placed.append(k == 0 ? "" : ",").append(ring.memberIndex(hash.hash(key)));
    }
    assertThat(placed).as("%s", members).hasToString(expected);
  }

  /** Every point as {@code value << 32 | owner}, sorted by unsigned value, computed with the JDK's MD5. */
  private static long[] independentPoints(List<Member> members) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    long total = members.stream().mapToLong(Member::weight).sum();
    List<long[]> points = new ArrayList<>();
    for (int m = 0; m < members.size(); m++) {
      int count = KetamaContinuum.pointsPerMember(members.get(m).weight(), total, members.size());
      for (int k = 0; k < count / 4; k++) {
        byte[] d = md5.digest((members.get(m).name() + "-" + k).getBytes(StandardCharsets.UTF_8));
        for (int w = 0; w < 4; w++) {
          long value = (d[4 * w] & 0xffL) | (d[4 * w + 1] & 0xffL) << 8 | (d[4 * w + 2] & 0xffL) << 16
              | (d[4 * w + 3] & 0xffL) << 24;
          points.add(new long[] {value, m});
        }
      }
    }
    return points.stream().sorted((a, b) -> Long.compare(a[0], b[0]))
        .mapToLong(p -> p[0] << 32 | p[1]).toArray();
  }

  private static List<Member> members(int count) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      members.add(Member.of("10.0.0." + i, 6379, 1));
    }
    return members;
  }
}
