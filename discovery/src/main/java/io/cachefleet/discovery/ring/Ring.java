package io.cachefleet.discovery.ring;

import io.cachefleet.discovery.Member;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable ring over a list of members: the member that owns a key hash, and the members that
 * hold its replicas.
 *
 * <p>Member indexes are indexes into the list the ring was built from. A ring over no members is
 * valid: {@link #memberIndex} returns -1 and preference lists are empty, so the request path never
 * meets an exception. The package documentation describes each distribution and the preference
 * list rule.
 */
public final class Ring {

  /** The preference list of a ring without members; having no elements, it is safe to share. */
  private static final int[] EMPTY = {};

  private final Distribution distribution;
  private final List<Member> members;
  private final Continuum continuum;

  /** Per member in Twemproxy's order (the order the continuum was built in), its index in {@link #members}. */
  private final int[] fromTwemproxyOrder;

  /** Per member, an id of its zone, or -1 when it has none. */
  private final int[] zones;

  /** The number of distinct non-empty zones. */
  private final int zoneCount;

  /** Whether some member has no zone. */
  private final boolean zoneless;

  private Ring(Distribution distribution, List<Member> members, int[] fromTwemproxyOrder) {
    this.distribution = distribution;
    this.members = members;
    this.fromTwemproxyOrder = fromTwemproxyOrder;
    List<Member> ordered = new ArrayList<>(members.size());
    for (int i : fromTwemproxyOrder) {
      ordered.add(members.get(i));
    }
    this.continuum = distribution.build(ordered);
    this.zones = new int[members.size()];
    Map<String, Integer> ids = new HashMap<>();
    boolean anyZoneless = false;
    for (int i = 0; i < zones.length; i++) {
      String zone = members.get(i).zone();
      anyZoneless |= zone.isEmpty();
      zones[i] = zone.isEmpty() ? -1 : ids.computeIfAbsent(zone, z -> ids.size());
    }
    this.zoneCount = ids.size();
    this.zoneless = anyZoneless;
  }

  /** The ring of {@code members}, in that order, by {@code distribution}; names must be unique. */
  public static Ring of(Distribution distribution, List<Member> members) {
    Objects.requireNonNull(distribution, "distribution");
    Objects.requireNonNull(members, "members");
    List<Member> copy = List.copyOf(members);
    Set<String> names = new HashSet<>();
    for (Member m : copy) {
      if (!names.add(m.name())) {
        throw new IllegalArgumentException("members: the name '" + m.name() + "' appears twice");
      }
    }
    return new Ring(distribution, copy, twemproxyOrder(copy));
  }

  /**
   * The members' indexes in the order Twemproxy keeps its servers: it sorts them by name when it
   * checks them for duplicates ({@code conf_validate_server}), shorter names first, equal lengths
   * by their bytes ({@code string_compare}), and builds its continuum in that order. Modula and
   * random place keys by that order, so it is part of placement compatibility.
   */
  private static int[] twemproxyOrder(List<Member> members) {
    byte[][] names = new byte[members.size()][];
    Integer[] order = new Integer[members.size()];
    for (int i = 0; i < order.length; i++) {
      names[i] = members.get(i).name().getBytes(StandardCharsets.UTF_8);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> names[a].length != names[b].length
        ? Integer.compare(names[a].length, names[b].length)
        : Arrays.compareUnsigned(names[a], names[b]));
    int[] result = new int[order.length];
    for (int i = 0; i < result.length; i++) {
      result[i] = order[i];
    }
    return result;
  }

  /** The index in {@link #members} of the member owning the continuum entry at {@code position}. */
  private int owner(int position) {
    return fromTwemproxyOrder[continuum.owner(position)];
  }

  public Distribution distribution() {
    return distribution;
  }

  /**
   * The index of the member owning a key whose hash is {@code hash}, or -1 when the ring has no
   * members. Random rings ignore {@code hash}.
   */
  public int memberIndex(int hash) {
    return continuum.size() == 0 ? -1 : owner(continuum.position(hash));
  }

  /** The member at {@code index} of the list the ring was built from. */
  public Member member(int index) {
    return members.get(index);
  }

  /** The number of entries on the ring: ketama points, modula weight units, random members. */
  public int size() {
    return continuum.size();
  }

  /** The number of members the ring was built from. */
  public int members() {
    return members.size();
  }

  /**
   * The members that hold a key whose hash is {@code hash}, in preference order: the owner, then
   * up to {@code replicas - 1} other distinct members met walking the ring clockwise from the
   * owner's entry. When members carry zones, the walk first takes only members of zones not yet in
   * the list (and members without a zone), then fills what is left with the other distinct
   * members in clockwise order. Shorter than {@code replicas} when the ring has fewer members.
   */
  public int[] preferenceList(int hash, int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
    }
    if (continuum.size() == 0) {
      return EMPTY;
    }
    int start = continuum.position(hash);
    int[] chosen = new int[Math.min(replicas, members.size())];
    chosen[0] = owner(start);
    int count = 1;
    if (zoneCount > 0) {
      count = walkNewZones(start, chosen, count);
    }
    count = walkDistinct(start, chosen, count);
    return count == chosen.length ? chosen : Arrays.copyOf(chosen, count);
  }

  /** Adds members clockwise whose zone is not yet chosen, until full or no such zone is left. */
  private int walkNewZones(int start, int[] chosen, int count) {
    int size = continuum.size();
    int zonesChosen = zones[chosen[0]] < 0 ? 0 : 1;
    for (int step = 1; step < size && count < chosen.length; step++) {
      if (zonesChosen == zoneCount && !zoneless) {
        break;
      }
      int owner = owner((start + step) % size);
      if (!contains(chosen, count, owner) && !zoneChosen(chosen, count, zones[owner])) {
        chosen[count++] = owner;
        zonesChosen += zones[owner] < 0 ? 0 : 1;
      }
    }
    return count;
  }

  /** Adds members clockwise that are not yet chosen, until full. */
  private int walkDistinct(int start, int[] chosen, int count) {
    int size = continuum.size();
    for (int step = 1; step < size && count < chosen.length; step++) {
      int owner = owner((start + step) % size);
      if (!contains(chosen, count, owner)) {
        chosen[count++] = owner;
      }
    }
    return count;
  }

  private static boolean contains(int[] chosen, int count, int member) {
    for (int i = 0; i < count; i++) {
      if (chosen[i] == member) {
        return true;
      }
    }
    return false;
  }

  private boolean zoneChosen(int[] chosen, int count, int zone) {
    if (zone < 0) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (zones[chosen[i]] == zone) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Ring[" + distribution.configName() + ", " + members.size() + " members, "
        + continuum.size() + " entries]";
  }
}
