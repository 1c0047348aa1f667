package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachefleet.discovery.Member;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RingTest {

  private static final SplittableRandom RANDOM = new SplittableRandom(2007);

  @ParameterizedTest
  @EnumSource(Distribution.class)
  void of_noMembers_routesNowhereWithoutThrowing(Distribution distribution) {
    Ring ring = Ring.of(distribution, List.of());

    assertThat(ring.memberIndex(12345)).isEqualTo(-1);
    assertThat(ring.preferenceList(12345, 3)).isEmpty();
    assertThat(ring.size()).isZero();
    assertThat(ring.members()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Distribution.class)
  void of_duplicateNames_isRefused(Distribution distribution) {
    List<Member> members =
        List.of(Member.of("10.0.0.1", 6379, 1), Member.named("10.0.0.1:6379", "10.0.0.2", 6379, 1));

    assertThatThrownBy(() -> Ring.of(distribution, members)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("members: the name '10.0.0.1:6379' appears twice");
  }

  @ParameterizedTest
  @EnumSource(Distribution.class)
  void memberIndex_oneMember_isAlwaysZero(Distribution distribution) {
    Ring ring = Ring.of(distribution, List.of(Member.of("10.0.0.1", 6379, 3)));

    for (int i = 0; i < 1000; i++) {
      assertThat(ring.memberIndex(RANDOM.nextInt())).isZero();
    }
  }

  @Test
  void size_countsEntriesOfEachDistribution() {
    List<Member> members = List.of(Member.of("a", 1, 1), Member.of("b", 1, 2), Member.of("c", 1, 3));

    assertThat(Ring.of(Distribution.KETAMA, members).size()).isEqualTo(80 + 160 + 240);
    assertThat(Ring.of(Distribution.MODULA, members).size()).isEqualTo(6);
    assertThat(Ring.of(Distribution.RANDOM, members).size()).isEqualTo(3);
    assertThat(Ring.of(Distribution.RANDOM, members).members()).isEqualTo(3);
    assertThat(Ring.of(Distribution.MODULA, members).member(2).name()).isEqualTo("c:1");
    assertThat(Ring.of(Distribution.KETAMA, members).distribution()).isEqualTo(Distribution.KETAMA);
  }

  @Test
  void of_copiesTheMemberList() {
    List<Member> members = new ArrayList<>(List.of(Member.of("a", 1, 1), Member.of("b", 1, 1)));
    Ring ring = Ring.of(Distribution.KETAMA, members);

    members.clear();

    assertThat(ring.members()).isEqualTo(2);
    assertThat(ring.member(1).name()).isEqualTo("b:1");
  }

  @ParameterizedTest
  @EnumSource(value = Distribution.class, names = {"KETAMA", "MODULA"})
  void preferenceList_isOwnerThenDistinctMembers(Distribution distribution) {
    Ring ring = Ring.of(distribution, members(7, Map.of()));

    for (int i = 0; i < 2000; i++) {
      int hash = RANDOM.nextInt();
      int[] list = ring.preferenceList(hash, 3);

      assertThat(list).hasSize(3).doesNotHaveDuplicates();
      assertThat(list[0]).isEqualTo(ring.memberIndex(hash));
    }
  }

  @Test
  void preferenceList_ketama_followsThePointsClockwise() {
    Ring ring = Ring.of(Distribution.KETAMA, members(5, Map.of()));
    KetamaContinuum points = KetamaContinuum.of(members(5, Map.of()));

    for (int i = 0; i < 500; i++) {
      int hash = RANDOM.nextInt();
      List<Integer> expected = new ArrayList<>();
      for (int p = points.position(hash), step = 0; expected.size() < 3; step++) {
        int owner = points.owner((p + step) % points.size());
        if (!expected.contains(owner)) {
          expected.add(owner);
        }
      }

      assertThat(ring.preferenceList(hash, 3))
          .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  void preferenceList_modula_isOwnerThenFollowingMembers() {
    Ring ring = Ring.of(Distribution.MODULA, members(4, Map.of()));

    assertThat(ring.preferenceList(6, 3)).containsExactly(2, 3, 0);
    assertThat(ring.preferenceList(-1, 4)).as("4294967295 mod 4 = 3").containsExactly(3, 0, 1, 2);
  }

  @Test
  void preferenceList_random_isDistinctFromARandomOwner() {
    Ring ring = Ring.of(Distribution.RANDOM, members(4, Map.of()));

    assertThat(ring.preferenceList(0, 3)).hasSize(3).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(Distribution.class)
  void preferenceList_fewerMembersThanReplicas_listsEveryMember(Distribution distribution) {
    Ring ring = Ring.of(distribution, members(2, Map.of()));

    assertThat(ring.preferenceList(RANDOM.nextInt(), 5)).containsExactlyInAnyOrder(0, 1);
  }

  @Test
  void preferenceList_replicasBelowOne_isRefused() {
    Ring ring = Ring.of(Distribution.KETAMA, members(2, Map.of()));

    assertThatThrownBy(() -> ring.preferenceList(0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("replicas must be at least 1, got 0");
  }

  @Test
  void preferenceList_zones_spreadReplicasAcrossZones() {
    Map<Integer, String> zones = Map.of(0, "a", 1, "a", 2, "b", 3, "b", 4, "c", 5, "c");
    List<Member> members = members(6, zones);
    Ring ring = Ring.of(Distribution.KETAMA, members);

    for (int i = 0; i < 2000; i++) {
      int[] list = ring.preferenceList(RANDOM.nextInt(), 3);

      assertThat(Arrays.stream(list).mapToObj(m -> members.get(m).zone()))
          .containsExactlyInAnyOrder("a", "b", "c");
    }
  }

  @Test
  void preferenceList_zonesRunOut_fillWithTheNextDistinctMembersClockwise() {
    Map<Integer, String> zones = Map.of(0, "a", 1, "a", 2, "a", 3, "b");
    List<Member> members = members(4, zones);
    Ring zoned = Ring.of(Distribution.KETAMA, members);
    Ring plain = Ring.of(Distribution.KETAMA, members(4, Map.of()));

    for (int i = 0; i < 2000; i++) {
      int hash = RANDOM.nextInt();
      int[] list = zoned.preferenceList(hash, 3);
      int[] clockwise = plain.preferenceList(hash, 4);
      String ownerZone = members.get(clockwise[0]).zone();
      int firstOtherZone = IntStream.of(clockwise).filter(m -> !members.get(m).zone().equals(ownerZone))
          .findFirst().orElseThrow();
      List<Integer> rest = IntStream.of(clockwise)
          .filter(m -> m != clockwise[0] && m != firstOtherZone).boxed().toList();

      assertThat(list).containsExactly(clockwise[0], firstOtherZone, rest.get(0));
    }
  }

  @Test
  void preferenceList_everyMemberInItsOwnZone_isThePlainClockwiseList() {
    Map<Integer, String> zones = Map.of(0, "a", 1, "b", 2, "c", 3, "d", 4, "e");
    Ring zoned = Ring.of(Distribution.KETAMA, members(5, zones));
    Ring plain = Ring.of(Distribution.KETAMA, members(5, Map.of()));

    for (int i = 0; i < 1000; i++) {
      int hash = RANDOM.nextInt();

      assertThat(zoned.preferenceList(hash, 3)).containsExactly(plain.preferenceList(hash, 3));
    }
  }

  @Test
  void preferenceList_membersWithoutZone_alwaysQualify() {
    Map<Integer, String> zones = Map.of(0, "a", 1, "a");
    List<Member> members = members(4, zones);
    Ring ring = Ring.of(Distribution.KETAMA, members);

    for (int i = 0; i < 1000; i++) {
      int[] list = ring.preferenceList(RANDOM.nextInt(), 3);
      Set<String> zoned = new HashSet<>();
      long sameZone = Arrays.stream(list).mapToObj(m -> members.get(m).zone())
          .filter(z -> !z.isEmpty() && !zoned.add(z)).count();

      assertThat(list).doesNotHaveDuplicates();
      assertThat(sameZone).as("two members of zone a listed while a zoneless member was left").isZero();
    }
  }

  private static List<Member> members(int count, Map<Integer, String> zones) {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      members.add(new Member("node-" + i, "10.0.0." + i, 6379, 1, zones.getOrDefault(i, ""), Map.of()));
    }
    return members;
  }

  @Test
  void memberIndex_modula_placesByTwemproxysServerOrder_shorterNamesFirstThenBytes() {
    List<Member> members = List.of(Member.named("zz", "h", 1, 1), Member.named("b", "h", 2, 1),
        Member.named("a", "h", 3, 2));
    Ring ring = Ring.of(Distribution.MODULA, members);
    // Twemproxy's order: a (weight 2), b, zz; continuum a, a, b, zz
    assertThat(ring.memberIndex(0)).isEqualTo(2);
    assertThat(ring.memberIndex(1)).isEqualTo(2);
    assertThat(ring.memberIndex(2)).isEqualTo(1);
    assertThat(ring.memberIndex(3)).isEqualTo(0);
    assertThat(ring.member(ring.memberIndex(3)).name()).isEqualTo("zz");
  }
}
