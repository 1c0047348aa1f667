package io.cachefleet.node.store;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A chained hash table of byte-string keys, in the manner of Redis's {@code dict.c}: the
 * keyspace, hash fields, set members and sorted-set members all live in one.
 *
 * <h2>Design</h2>
 * Power-of-two bucket arrays with entries chained through {@link Entry#next}; entries keep their
 * hash so that growing never rehashes bytes. The table doubles when it holds as many entries as
 * buckets and halves when it falls under one eighth full.
 *
 * <p>{@link #scan} is Redis's reverse-binary cursor iteration (Pieter Noordhuis' algorithm,
 * {@code dictScan}): the cursor's bits are incremented from the most significant end, so a
 * full scan returns every entry present from start to end at least once even when the table
 * grows or shrinks between calls. {@link #randomEntry()} picks a random non-empty bucket and a
 * random entry of its chain, as {@code dictGetRandomKey} does; eviction and RANDOMKEY sample
 * with it.
 *
 * <p>Lookups take the key straight from a buffer region: no copy, no wrapper object.
 *
 * @param <E> the entry type: a key entry, a hash field, a set member...
 */
public final class Dict<E extends Dict.Entry> {

  /** A key and its place in a chain; subclasses add what the table maps the key to. */
  public abstract static class Entry {
    final byte[] key;
    final int hash;
    Entry next;

    protected Entry(byte[] key, int hash) {
      this.key = key;
      this.hash = hash;
    }

    public final byte[] key() {
      return key;
    }
  }

  /** Smallest bucket array, as Redis's {@code DICT_HT_INITIAL_SIZE}. */
  private static final int MIN_BUCKETS = 4;

  private final int seed;
  private Entry[] table = new Entry[MIN_BUCKETS];
  private int size;

  /** @param seed hash seed; one per process, see {@link Hashing} */
  public Dict(int seed) {
    this.seed = seed;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Number of buckets: for memory accounting. */
  public int buckets() {
    return table.length;
  }

  public int hash(byte[] key) {
    return Hashing.hash(key, seed);
  }

  public int hash(ByteBuf buf, int index, int length) {
    if (buf.hasArray()) {
      return Hashing.hash(buf.array(), buf.arrayOffset() + index, length, seed);
    }
    byte[] bytes = Scratch.copy(buf, index, length);
    return Hashing.hash(bytes, 0, length, seed);
  }

  /**
   * The entry whose key is the {@code length} bytes at {@code index} of {@code buf}: hashed and
   * compared straight from a heap buffer's array, or after one bulk copy of a direct buffer's
   * bytes into a reused scratch array, rather than byte by byte through the buffer's checks.
   */
  public E get(ByteBuf buf, int index, int length) {
    if (buf.hasArray()) {
      return get(buf.array(), buf.arrayOffset() + index, length);
    }
    return get(Scratch.copy(buf, index, length), 0, length);
  }

  /** The entry whose key is {@code length} bytes of {@code bytes} from {@code off}. */
  @SuppressWarnings("unchecked")
  public E get(byte[] bytes, int off, int length) {
    int h = Hashing.hash(bytes, off, length, seed);
    for (Entry e = table[h & (table.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && Arrays.equals(e.key, 0, e.key.length, bytes, off, off + length)) {
        return (E) e;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  public E get(byte[] key) {
    int h = hash(key);
    for (Entry e = table[h & (table.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && Arrays.equals(e.key, key)) {
        return (E) e;
      }
    }
    return null;
  }

  /** Adds an entry whose key is not in the table; the entry's hash must come from {@link #hash}. */
  public void add(E entry) {
    if (size >= table.length) {
      resize(table.length * 2);
    }
    int b = entry.hash & (table.length - 1);
    entry.next = table[b];
    table[b] = entry;
    size++;
  }

  /** Removes the entry for {@code key}; returns it, or null when absent. */
  public E remove(byte[] key) {
    E e = get(key);
    if (e != null) {
      remove(e);
    }
    return e;
  }

  /** Removes {@code entry}, which must be in the table. */
  public void remove(E entry) {
    int b = entry.hash & (table.length - 1);
    Entry prev = null;
    for (Entry e = table[b]; e != null; prev = e, e = e.next) {
      if (e == entry) {
        if (prev == null) {
          table[b] = e.next;
        } else {
          prev.next = e.next;
        }
        e.next = null;
        size--;
        if (table.length > MIN_BUCKETS && size < table.length / 8) {
          resize(Math.max(MIN_BUCKETS, Integer.highestOneBit(Math.max(1, size)) * 2));
        }
        return;
      }
    }
    throw new IllegalStateException("entry not in table");
  }

  public void clear() {
    table = new Entry[MIN_BUCKETS];
    size = 0;
  }

  private void resize(int buckets) {
    Entry[] old = table;
    Entry[] fresh = new Entry[buckets];
    int mask = buckets - 1;
    for (Entry head : old) {
      for (Entry e = head; e != null; ) {
        Entry next = e.next;
        int b = e.hash & mask;
        e.next = fresh[b];
        fresh[b] = e;
        e = next;
      }
    }
    table = fresh;
  }

  /** A random entry, or null when empty. Chains make it slightly biased, as in Redis. */
  @SuppressWarnings("unchecked")
  public E randomEntry() {
    if (size == 0) {
      return null;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    Entry head;
    do {
      head = table[random.nextInt(table.length)];
    } while (head == null);
    int length = 0;
    for (Entry e = head; e != null; e = e.next) {
      length++;
    }
    Entry e = head;
    for (int i = random.nextInt(length); i > 0; i--) {
      e = e.next;
    }
    return (E) e;
  }

  /**
   * Visits the entries of the bucket(s) at {@code cursor} and returns the next cursor, 0 when
   * the scan is complete. See the class comment for the guarantee.
   */
  @SuppressWarnings("unchecked")
  public long scan(long cursor, Consumer<? super E> visitor) {
    if (size == 0) {
      return 0;
    }
    int mask = table.length - 1;
    int v = (int) cursor;
    for (Entry e = table[v & mask]; e != null; e = e.next) {
      visitor.accept((E) e);
    }
    v |= ~mask;
    v = Integer.reverse(v);
    v++;
    v = Integer.reverse(v);
    return v & 0xffffffffL;
  }

  /** Visits every entry; the visitor must not change the table. */
  @SuppressWarnings("unchecked")
  public void forEach(Consumer<? super E> visitor) {
    for (Entry head : table) {
      for (Entry e = head; e != null; e = e.next) {
        visitor.accept((E) e);
      }
    }
  }
}
