package io.cachefleet.node.store;

import io.cachefleet.protocol.RespNumbers;
import io.netty.buffer.ByteBuf;

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
public final class SetValue extends DictValue<SetValue.Member> {

  /** A member. */
  public static final class Member extends Dict.Entry {
    Member(byte[] member, int hash) {
      super(member, hash);
    }
  }

  /** Redis's default {@code set-max-intset-entries}. */
  static final int INTSET_MAX_ENTRIES = 512;

  /** A {@link Member}: header, key, hash and next. */
  private static final long ENTRY = Memory.align(12 + 4 + 4 + 4);

  /** @param seed hash seed, {@link Keyspace#seed()} */
  public SetValue(int seed) {
    super(seed);
  }

  @Override
  long bytes(Member m) {
    return ENTRY + Memory.array(m.key.length);
  }

  @Override
  public DataType type() {
    return DataType.SET;
  }

  /**
   * {@code intset} while {@link #compact()}, then {@code hashtable}: Redis 7.0 has no listpack
   * encoding for sets (7.2 added it), so a set with any other member is a hash table at once.
   */
  @Override
  public String encoding() {
    return compact ? "intset" : "hashtable";
  }

  /** Members are never changed in place, so the copy shares them. */
  @Override
  public SetValue copy() {
    return copyInto(new SetValue(seed), m -> new Member(m.key, m.hash));
  }

  public boolean contains(byte[] member) {
    return entries.get(member) != null;
  }

  /** True when the buffer region is a member: tests without copying it. */
  public boolean contains(ByteBuf buf, int index, int length) {
    return entries.get(buf, index, length) != null;
  }

  /** Adds {@code member} unless present; returns true when added. The array is kept, not copied. */
  public boolean add(byte[] member) {
    if (entries.get(member) != null) {
      return false;
    }
    addAbsent(member);
    return true;
  }

  /** Adds {@code member}, which must be absent. The array is kept, not copied. */
  public void addAbsent(byte[] member) {
    add(new Member(member, entries.hash(member)));
    compact = compact && entries.size() <= INTSET_MAX_ENTRIES && RespNumbers.isLong(member);
  }
}
