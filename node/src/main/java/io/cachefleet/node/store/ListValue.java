package io.cachefleet.node.store;

import java.util.Arrays;

/**
 * A list value: a circular array deque of elements, with O(1) push and pop at both ends and
 * O(1) access by index, the operations LPUSH, RPOP, LINDEX and LSET need.
 *
 * <h2>Design</h2>
 * Redis keeps lists in a quicklist, a linked list of packed listpacks, which trades O(n) index
 * access for compactness. Here a list is one array of element references used as a ring
 * ({@link java.util.ArrayDeque}'s layout): {@code head} is the slot of element 0 and element
 * {@code i} lives at {@code (head + i) & (capacity - 1)}, the capacity being a power of two. The
 * array doubles when full and halves when a quarter full, so pushes and pops stay amortized O(1)
 * and a list that shrank gives its memory back. Operations in the middle (LINSERT, LREM, LTRIM)
 * move the elements of the shorter side, or compact in one pass.
 *
 * <p>{@link #memory()} is kept current as elements come and go: the slot array plus every
 * element array, each counted by {@link Memory}.
 *
 * <p>Not thread-safe; the keyspace lock guards it.
 */
public final class ListValue implements StoredValue {

  /** Header and fields of this object, as {@link Memory} counts objects. */
  static final long OVERHEAD = 32;

  /** Smallest slot array: lists are often short, and a small array halves cheaply down to here. */
  static final int MIN_CAPACITY = 4;

  /** Largest slot array, the largest power of two a Java array may have. */
  static final int MAX_CAPACITY = 1 << 30;

  private byte[][] slots = new byte[MIN_CAPACITY][];
  private int head;
  private int size;
  private long elementMemory;

  @Override
  public DataType type() {
    return DataType.LIST;
  }

  @Override
  public long memory() {
    return OVERHEAD + Memory.refArray(slots.length) + elementMemory;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  /** Always {@code quicklist}: Redis 7.0 holds every list as one (7.2 added small listpack lists). */
  @Override
  public String encoding() {
    return "quicklist";
  }

  /** Elements are never changed in place, so the copy shares them and owns its slot array. */
  @Override
  public ListValue copy() {
    ListValue copy = new ListValue();
    copy.slots = slots.clone();
    copy.head = head;
    copy.size = size;
    copy.elementMemory = elementMemory;
    return copy;
  }

  public int size() {
    return size;
  }

  /** Element {@code index}, counted from the head; {@code 0 <= index < size()}. */
  public byte[] get(int index) {
    return slots[slot(index)];
  }

  /** Replaces element {@code index}; {@code 0 <= index < size()}. */
  public void set(int index, byte[] element) {
    int s = slot(index);
    elementMemory += Memory.array(element.length) - Memory.array(slots[s].length);
    slots[s] = element;
  }

  public void pushFirst(byte[] element) {
    ensureRoom();
    head = (head - 1) & (slots.length - 1);
    slots[head] = element;
    added(element);
  }

  public void pushLast(byte[] element) {
    ensureRoom();
    slots[slot(size)] = element;
    added(element);
  }

  /** Removes and returns the first element, or returns null when the list is empty. */
  public byte[] popFirst() {
    if (size == 0) {
      return null;
    }
    byte[] element = slots[head];
    slots[head] = null;
    head = (head + 1) & (slots.length - 1);
    removed(element);
    shrinkIfSparse();
    return element;
  }

  /** Removes and returns the last element, or returns null when the list is empty. */
  public byte[] popLast() {
    if (size == 0) {
      return null;
    }
    int s = slot(size - 1);
    byte[] element = slots[s];
    slots[s] = null;
    removed(element);
    shrinkIfSparse();
    return element;
  }

  /**
   * Inserts {@code element} so that it becomes element {@code index}, moving the elements of the
   * shorter side by one; {@code 0 <= index <= size()}.
   */
  public void insert(int index, byte[] element) {
    ensureRoom();
    int mask = slots.length - 1;
    if (index < size - index) {
      head = (head - 1) & mask;
      for (int i = 0; i < index; i++) {
        slots[(head + i) & mask] = slots[(head + i + 1) & mask];
      }
    } else {
      for (int i = size; i > index; i--) {
        slots[(head + i) & mask] = slots[(head + i - 1) & mask];
      }
    }
    slots[(head + index) & mask] = element;
    added(element);
  }

  /** Index of the first element equal to {@code element}, or -1. */
  public int indexOf(byte[] element) {
    for (int i = 0; i < size; i++) {
      if (Arrays.equals(slots[slot(i)], element)) {
        return i;
      }
    }
    return -1;
  }

  /** Removes the first {@code n} elements; {@code 0 <= n <= size()}. */
  public void removeFirst(int n) {
    for (int i = 0; i < n; i++) {
      removed(slots[head]);
      slots[head] = null;
      head = (head + 1) & (slots.length - 1);
    }
    shrinkIfSparse();
  }

  /** Removes the last {@code n} elements; {@code 0 <= n <= size()}. */
  public void removeLast(int n) {
    for (int i = 0; i < n; i++) {
      int s = slot(size - 1);
      removed(slots[s]);
      slots[s] = null;
    }
    shrinkIfSparse();
  }

  /**
   * Removes elements equal to {@code element} as LREM does: the first {@code count} from the
   * head when {@code count > 0}, the last {@code -count} from the tail when negative, all when 0.
   * One compacting pass keeps the order of the rest.
   *
   * @return how many were removed
   */
  public int removeMatching(byte[] element, long count) {
    long limit = count == 0 || count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count); // no limit: all
    int mask = slots.length - 1;
    int gone = 0;
    if (count >= 0) {
      int kept = 0;
      for (int i = 0; i < size; i++) {
        byte[] e = slots[(head + i) & mask];
        if (gone < limit && Arrays.equals(e, element)) {
          elementMemory -= Memory.array(e.length);
          gone++;
        } else {
          slots[(head + kept++) & mask] = e;
        }
      }
      for (int i = kept; i < size; i++) {
        slots[(head + i) & mask] = null;
      }
    } else {
      int kept = size;
      for (int i = size - 1; i >= 0; i--) {
        byte[] e = slots[(head + i) & mask];
        if (gone < limit && Arrays.equals(e, element)) {
          elementMemory -= Memory.array(e.length);
          gone++;
        } else {
          slots[(head + --kept) & mask] = e;
        }
      }
      for (int i = 0; i < kept; i++) {
        slots[(head + i) & mask] = null;
      }
      head = (head + kept) & mask;
    }
    size -= gone;
    shrinkIfSparse();
    return gone;
  }

  private int slot(int index) {
    return (head + index) & (slots.length - 1);
  }

  private void added(byte[] element) {
    size++;
    elementMemory += Memory.array(element.length);
  }

  private void removed(byte[] element) {
    size--;
    elementMemory -= Memory.array(element.length);
  }

  private void ensureRoom() {
    if (size == slots.length) {
      if (size == MAX_CAPACITY) {
        throw new IllegalStateException("list is full: " + size + " elements");
      }
      resize(slots.length << 1);
    }
  }

  /** Halves the array while at most a quarter of it is used, leaving it at most half full. */
  private void shrinkIfSparse() {
    int capacity = slots.length;
    while (capacity > MIN_CAPACITY && size < capacity >>> 2) {
      capacity >>>= 1;
    }
    if (capacity != slots.length) {
      resize(capacity);
    }
  }

  /** Moves the elements to a new array of {@code capacity} slots, element 0 at slot 0. */
  private void resize(int capacity) {
    byte[][] grown = new byte[capacity][];
    int firstPart = Math.min(size, slots.length - head);
    System.arraycopy(slots, head, grown, 0, firstPart);
    System.arraycopy(slots, 0, grown, firstPart, size - firstPart);
    slots = grown;
    head = 0;
  }
}
