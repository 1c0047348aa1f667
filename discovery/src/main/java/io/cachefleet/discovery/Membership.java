package io.cachefleet.discovery;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The members a {@link NodeDirectory} knows at one version, in the directory's order.
 *
 * <p>The order matters for placement only where Twemproxy's does: modula fills its continuum in
 * this order, and ketama breaks the (astronomically rare) tie between two equal points in it.
 *
 * @param version increases with every change the directory reports
 * @param members immutable; names are unique
 */
public record Membership(long version, List<Member> members) {

  public Membership {
    if (members == null) {
      throw new IllegalArgumentException("members must not be null");
    }
    Set<String> names = new HashSet<>();
    for (Member m : members) {
      if (m == null) {
        throw new IllegalArgumentException("members must not contain null");
      }
      if (!names.add(m.name())) {
        throw new IllegalArgumentException("members: the name '" + m.name() + "' appears twice");
      }
    }
    members = List.copyOf(members);
  }
}
