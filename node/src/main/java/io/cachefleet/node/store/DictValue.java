package io.cachefleet.node.store;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What {@link HashValue} and {@link SetValue} share: their elements are the entries of one
 * {@link Dict}, their memory is counted as entries come and go, and they remember whether Redis
 * 7.0 would still hold them in a compact encoding, which it leaves once and never returns to.
 *
 * @param <E> the entry type: a field with its value, or a bare member
 */
abstract class DictValue<E extends Dict.Entry> implements StoredValue {

  /** This object and its {@link Dict}: headers, fields and padding. */
  private static final long OVERHEAD = 56;

  final int seed;
  final Dict<E> entries;
  /** Bytes of the entry objects and their arrays. */
  long elementBytes;
  /** Cleared by the subclass when an element passes its compact encoding's limits. */
  boolean compact = true;

  DictValue(int seed) {
    this.seed = seed;
    this.entries = new Dict<>(seed);
  }

  /** Bytes one entry holds now: the entry object and its arrays. */
  abstract long bytes(E entry);

  @Override
  public long memory() {
    return OVERHEAD + elementBytes + Memory.refArray(entries.buckets());
  }

  @Override
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** True while Redis would hold this value in its compact encoding; see the class comment. */
  public boolean compact() {
    return compact;
  }

  /** Adds {@code entry}, whose key must be absent. */
  void add(E entry) {
    entries.add(entry);
    elementBytes += bytes(entry);
  }

  /** Removes the entry whose key is the buffer region; returns true when it was present. */
  public boolean remove(ByteBuf buf, int index, int length) {
    E e = entries.get(buf, index, length);
    if (e == null) {
      return false;
    }
    remove(e);
    return true;
  }

  /** Removes an entry of this value. */
  public void remove(E entry) {
    entries.remove(entry);
    elementBytes -= bytes(entry);
  }

  /** A random entry, or null when empty. */
  public E random() {
    return entries.randomEntry();
  }

  /** One SCAN step; see {@link Dict#scan}. */
  public long scan(long cursor, Consumer<? super E> visitor) {
    return entries.scan(cursor, visitor);
  }

  /** Visits every entry; the visitor must not change the value. */
  public void forEach(Consumer<? super E> visitor) {
    entries.forEach(visitor);
  }

  /** Fills {@code copy}, new and empty, with {@code copyEntry} of every entry, and this accounting. */
  final <V extends DictValue<E>> V copyInto(V copy, UnaryOperator<E> copyEntry) {
    entries.forEach(e -> copy.entries.add(copyEntry.apply(e)));
    copy.elementBytes = elementBytes;
    copy.compact = compact;
    return copy;
  }
}
