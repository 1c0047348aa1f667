package io.cachefleet.discovery.ring;

/**
 * A distribution built over a list of members: entries in ring order, each owned by a member.
 * Twemproxy calls the array of such entries the continuum, whatever the distribution.
 */
interface Continuum {

  /** The number of entries; 0 only when there are no members. */
  int size();

  /** The entry a key with {@code hash} maps to; only asked when {@link #size()} is positive. */
  int position(int hash);

  /** The index, in the member list, of the member owning the entry at {@code position}. */
  int owner(int position);
}
