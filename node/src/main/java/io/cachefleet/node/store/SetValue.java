package io.cachefleet.node.store;

import io.cachefleet.protocol.RespNumbers;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * A Redis set: distinct byte-string members, the keys of a {@link Dict} whose entries carry
 * nothing else. Member arrays are never changed, so sets may share them (SINTERSTORE, SMOVE).
 *
 * <p>Memory is counted as members come and go: an entry object and the member array each, plus
 * the bucket array read from the table, so {@link #memory()} is O(1).
 *
 * <p>{@link #compact()} tells whether Redis 7.0 would still hold this set as an intset: every
 * member ever added an integer as {@code string2ll} reads it, and at most
 * {@value #INTSET_MAX_ENTRIES} of them. Redis converts to a hash table once and never back
 * ({@code setTypeAdd}, t_set.c); SSCAN answers a compact set in one reply.
 */
public final class SetValue implements StoredValue {

  /** A member. */
  public static final class Member extends Dict.Entry {
    Member(byte[] member, int hash) {
      super(member, hash);
    }
  }

  /** Redis's default {@code set-max-intset-entries}. */
  static final int INTSET_MAX_ENTRIES = 512;

  /** This object and its {@link Dict}: headers, fields and padding. */
  private static final long OVERHEAD = 56;

  /** A {@link Member}: header, key, hash and next. */
  private static final long ENTRY = Memory.align(12 + 4 + 4 + 4);

  private final int seed;
  private final Dict<Member> members;
  private long elementBytes;
  private boolean compact = true;

  /** @param seed hash seed, {@link Keyspace#seed()} */
  public SetValue(int seed) {
    this.seed = seed;
    this.members = new Dict<>(seed);
  }

  @Override
  public DataType type() {
    return DataType.SET;
  }

  @Override
  public long memory() {
    return OVERHEAD + elementBytes + Memory.refArray(members.buckets());
  }

  @Override
  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** Members are never changed in place, so the copy shares them. */
  @Override
  public SetValue copy() {
    SetValue copy = new SetValue(seed);
    members.forEach(m -> copy.members.add(new Member(m.key, m.hash)));
    copy.elementBytes = elementBytes;
    copy.compact = compact;
    return copy;
  }

  public int size() {
    return members.size();
  }

  public boolean contains(byte[] member) {
    return members.get(member) != null;
  }

  /** True when the buffer region is a member: tests without copying it. */
  public boolean contains(ByteBuf buf, int index, int length) {
    return members.get(buf, index, length) != null;
  }

  /** Adds {@code member} unless present; returns true when added. The array is kept, not copied. */
  public boolean add(byte[] member) {
    if (members.get(member) != null) {
      return false;
    }
    addAbsent(member);
    return true;
  }

  /** Adds {@code member}, which must be absent. The array is kept, not copied. */
  public void addAbsent(byte[] member) {
    members.add(new Member(member, members.hash(member)));
    elementBytes += ENTRY + Memory.array(member.length);
    compact = compact && members.size() <= INTSET_MAX_ENTRIES && RespNumbers.isLong(member);
  }

  /** Removes the member that is the buffer region; returns true when it was present. */
  public boolean remove(ByteBuf buf, int index, int length) {
    Member m = members.get(buf, index, length);
    if (m == null) {
      return false;
    }
    remove(m);
    return true;
  }

  /** Removes a member of this set. */
  public void remove(Member m) {
    members.remove(m);
    elementBytes -= ENTRY + Memory.array(m.key.length);
  }

  /** True while Redis would hold this set as an intset; see the class comment. */
  public boolean compact() {
    return compact;
  }

  /** A random member, or null when empty. */
  public Member random() {
    return members.randomEntry();
  }

  /** One SCAN step; see {@link Dict#scan}. */
  public long scan(long cursor, Consumer<? super Member> visitor) {
    return members.scan(cursor, visitor);
  }

  /** Visits every member; the visitor must not change the set. */
  public void forEach(Consumer<? super Member> visitor) {
    members.forEach(visitor);
  }
}
