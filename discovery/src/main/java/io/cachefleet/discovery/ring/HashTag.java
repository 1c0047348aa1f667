package io.cachefleet.discovery.ring;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Twemproxy's {@code hash_tag}: two characters that mark the part of a key to hash, so that
 * related keys ({@code {user1}.name}, {@code {user1}.mail}) land on one member.
 *
 * <p>The rule is {@code server_pool_idx}'s in src/nc_server.c: find the first opening character,
 * then the first closing character after it; when the text between them is not empty, hash only
 * that text, otherwise hash the whole key. Nothing else is searched: a key whose first tag is
 * empty ({@code {}x{a}}) hashes whole.
 *
 * <p>{@link #region} returns the part to hash as one {@code long}, {@code start << 32 | length},
 * so the request path needs no allocation; {@link #start(long)} and {@link #length(long)} unpack it.
 */
public final class HashTag {

  /** No tag: every key hashes whole. */
  public static final HashTag NONE = new HashTag("");

  private final String tag;
  private final byte open;
  private final byte close;

  private HashTag(String tag) {
    this.tag = tag;
    this.open = tag.isEmpty() ? 0 : (byte) tag.charAt(0);
    this.close = tag.isEmpty() ? 0 : (byte) tag.charAt(1);
  }

  /**
   * The tag {@code tag}: exactly two characters, the opening then the closing one, such as
   * {@code "{}"}; they may be equal ({@code "$$"}). Each must be one byte (ASCII), as Twemproxy
   * compares bytes.
   */
  public static HashTag of(String tag) {
    if (tag == null || tag.length() != 2 || tag.charAt(0) > 0x7f || tag.charAt(1) > 0x7f) {
      throw new IllegalArgumentException(
          "hash_tag must be two characters, each one ASCII byte (such as \"{}\"); got "
              + (tag == null ? "null" : "\"" + tag + "\""));
    }
    return new HashTag(tag);
  }

  /** The two characters, or {@code ""} for {@link #NONE}. */
  public String tag() {
    return tag;
  }

  /**
   * The part of the key at {@code buf[index, index + length)} to hash, as
   * {@code start << 32 | length} with {@code start} an absolute index into {@code buf}. Reads
   * with absolute gets only.
   */
  public long region(ByteBuf buf, int index, int length) {
    int end = index + length;
    if (!tag.isEmpty()) {
      int opening = indexOf(buf, index, end, open);
      if (opening >= 0) {
        int closing = indexOf(buf, opening + 1, end, close);
        if (closing > opening + 1) {
          return pack(opening + 1, closing - opening - 1);
        }
      }
    }
    return pack(index, length);
  }

  /** The absolute start index packed in a {@link #region}. */
  public static int start(long region) {
    return (int) (region >>> 32);
  }

  /** The length packed in a {@link #region}. */
  public static int length(long region) {
    return (int) region;
  }

  /**
   * The hash Twemproxy routes the key at {@code buf[index, index + length)} by: {@code hash} of
   * the part this tag selects, or 0 when the key is empty, which Twemproxy never hashes
   * ({@code server_pool_hash}).
   */
  public int routingHash(KeyHash hash, ByteBuf buf, int index, int length) {
    if (length == 0) {
      return 0;
    }
    long region = region(buf, index, length);
    return hash.hash(buf, start(region), length(region));
  }

  private static long pack(int start, int length) {
    return (long) start << 32 | (length & 0xffffffffL);
  }

  private static int indexOf(ByteBuf buf, int from, int end, byte value) {
    for (int i = from; i < end; i++) {
      if (buf.getByte(i) == value) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashTag other && tag.equals(other.tag);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(tag);
  }

  @Override
  public String toString() {
    return tag.isEmpty() ? "HashTag.NONE" : "HashTag[" + tag + "]";
  }
}
