package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The memcached ASCII commands a proxy serves: Twemproxy's, flush_all and verbosity, which every
 * server runs, and stats without arguments. With each, the number of tokens memcached 1.6 accepts (the command's own
 * included, an optional {@code noreply} counted in the maximum).
 */
public enum MemcacheCommand {
  GET(Kind.RETRIEVAL, 2, Integer.MAX_VALUE),
  GETS(Kind.RETRIEVAL, 2, Integer.MAX_VALUE),
  SET(Kind.STORAGE, 5, 6),
  ADD(Kind.STORAGE, 5, 6),
  REPLACE(Kind.STORAGE, 5, 6),
  APPEND(Kind.STORAGE, 5, 6),
  PREPEND(Kind.STORAGE, 5, 6),
  CAS(Kind.STORAGE, 6, 7),
  DELETE(Kind.KEYED, 2, 4),
  INCR(Kind.KEYED, 3, 4),
  DECR(Kind.KEYED, 3, 4),
  TOUCH(Kind.KEYED, 3, 4),
  FLUSH_ALL(Kind.ALL_SERVERS, 1, 3),
  VERBOSITY(Kind.ALL_SERVERS, 2, 3),
  STATS(Kind.LOCAL, 1, 1),
  // memcached answers these whatever follows them
  VERSION(Kind.LOCAL, 1, Integer.MAX_VALUE),
  QUIT(Kind.LOCAL, 1, Integer.MAX_VALUE);

  /** How a command is framed and routed. */
  public enum Kind {
    /** Any number of keys, each answered by VALUE blocks, all ended by one END. */
    RETRIEVAL,
    /** One key, and a data block after the command line. */
    STORAGE,
    /** One key, on the command line only. */
    KEYED,
    /** No key: every server runs it, and each answers OK. */
    ALL_SERVERS,
    /** No key: answered by whoever reads it (a proxy asks its servers for stats). */
    LOCAL
  }

  private static final MemcacheCommand[] ALL = values();

  private final Kind kind;
  private final int minTokens;
  private final int maxTokens;
  private final byte[] name;

  MemcacheCommand(Kind kind, int minTokens, int maxTokens) {
    this.kind = kind;
    this.minTokens = minTokens;
    this.maxTokens = maxTokens;
    this.name = name().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
  }

  public Kind kind() {
    return kind;
  }

  /** The command's name as clients write it: {@code get}. */
  public String wireName() {
    return new String(name, StandardCharsets.US_ASCII);
  }

  boolean acceptsTokens(int tokens) {
    return tokens >= minTokens && tokens <= maxTokens;
  }

  /** The command named by {@code buf[index, index + length)}, exactly (memcached's names are lower case), or null. */
  static MemcacheCommand lookup(ByteBuf buf, int index, int length) {
    for (MemcacheCommand c : ALL) {
      if (c.name.length == length && matches(buf, index, c.name)) {
        return c;
      }
    }
    return null;
  }

  private static boolean matches(ByteBuf buf, int index, byte[] name) {
    for (int i = 0; i < name.length; i++) {
      if (buf.getByte(index + i) != name[i]) {
        return false;
      }
    }
    return true;
  }
}
