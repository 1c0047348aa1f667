package io.cachefleet.protocol;

import io.netty.util.AsciiString;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The clients CLIENT LIST or CLIENT KILL name, read from their arguments as Redis 7.0 reads them.
 * A server matches it against each of its clients with {@link #matches}.
 *
 * @param ids the client ids named, or empty for any
 * @param addr the client address ({@code ip:port}) named, or null for any
 * @param laddr the local address named, or null for any
 * @param type {@code normal}, {@code master}, {@code replica} or {@code pubsub}, or null for any
 * @param skipMe whether the client that asks is left out
 * @param legacyKill CLIENT KILL {@code ip:port}, the old form: it answers OK, or an error when no
 *     client matched, where the other forms answer the number of clients killed
 */
public record ClientFilter(Set<Long> ids, String addr, String laddr, String type, boolean skipMe,
                           boolean legacyKill) {

  /** The client types Redis knows; {@code slave} is read as {@code replica}. */
  private static final List<String> TYPES = List.of("normal", "master", "replica", "slave", "pubsub");
  private static final AsciiString ID = AsciiString.of("ID");
  private static final AsciiString ADDR = AsciiString.of("ADDR");
  private static final AsciiString LADDR = AsciiString.of("LADDR");
  private static final AsciiString SKIPME = AsciiString.of("SKIPME");
  private static final AsciiString TYPE = AsciiString.of("TYPE");
  private static final AsciiString USER = AsciiString.of("USER");
  private static final AsciiString YES = AsciiString.of("YES");
  private static final AsciiString NO = AsciiString.of("NO");
  private static final RedisError INVALID_CLIENT_ID = RedisError.err("Invalid client ID");
  private static final RedisError CLIENT_ID_NOT_POSITIVE = RedisError.err("client-id should be greater than 0");
  /** CLIENT KILL's error when its old form matched no client. */
  public static final RedisError NO_SUCH_CLIENT = RedisError.err("No such client");

  public ClientFilter {
    ids = Set.copyOf(ids);
  }

  /** CLIENT LIST [TYPE type | ID id [id ...]]. */
  public static ClientFilter list(RespCommand cmd) {
    if (cmd.argc() == 2) {
      return new ClientFilter(Set.of(), null, null, null, false, false);
    } else if (cmd.argc() == 4 && cmd.argIs(2, TYPE)) {
      return new ClientFilter(Set.of(), null, null, type(cmd, 3), false, false);
    } else if (cmd.argc() > 3 && cmd.argIs(2, ID)) {
      Set<Long> ids = new HashSet<>();
      for (int i = 3; i < cmd.argc(); i++) {
        ids.add(id(cmd, i, INVALID_CLIENT_ID)); // an id no client has, such as 0, matches nothing
      }
      return new ClientFilter(ids, null, null, null, false, false);
    }
    throw RedisError.SYNTAX;
  }

  /**
   * CLIENT KILL ip:port, or CLIENT KILL [ID id] [ADDR a] [LADDR a] [TYPE t] [USER u] [SKIPME
   * yes|no]. Options are read in order, so the first bad one is the error reported.
   */
  public static ClientFilter kill(RespCommand cmd) {
    if (cmd.argc() == 3) {
      return new ClientFilter(Set.of(), cmd.argString(2), null, null, false, true);
    }
    long id = 0;
    String addr = null;
    String laddr = null;
    String type = null;
    boolean skipMe = true;
    for (int i = 2; i < cmd.argc(); i += 2) {
      boolean hasValue = i + 1 < cmd.argc();
      if (hasValue && cmd.argIs(i, ID)) {
        id = id(cmd, i + 1, CLIENT_ID_NOT_POSITIVE);
        if (id <= 0) {
          throw CLIENT_ID_NOT_POSITIVE;
        }
      } else if (hasValue && cmd.argIs(i, TYPE)) {
        type = type(cmd, i + 1);
      } else if (hasValue && cmd.argIs(i, ADDR)) {
        addr = cmd.argString(i + 1);
      } else if (hasValue && cmd.argIs(i, LADDR)) {
        laddr = cmd.argString(i + 1);
      } else if (hasValue && cmd.argIs(i, USER)) {
        if (!cmd.argString(i + 1).equals("default")) {
          throw RedisError.err("No such user '" + cmd.argString(i + 1) + "'");
        }
      } else if (hasValue && cmd.argIs(i, SKIPME)) {
        skipMe = yesNo(cmd, i + 1);
      } else {
        throw RedisError.SYNTAX;
      }
    }
    return new ClientFilter(id == 0 ? Set.of() : Set.of(id), addr, laddr, type, skipMe, false);
  }

  /**
   * Whether the client described matches: {@code type} is its type as {@link #type()} names
   * types, {@code self} whether it is the client that asks.
   */
  public boolean matches(long id, String addr, String laddr, String type, boolean self) {
    return (ids.isEmpty() || ids.contains(id))
        && (this.addr == null || this.addr.equals(addr))
        && (this.laddr == null || this.laddr.equals(laddr))
        && (this.type == null || this.type.equals(type))
        && !(skipMe && self);
  }

  /** A client type argument, lower case with {@code slave} read as {@code replica}. */
  private static String type(RespCommand cmd, int i) {
    String type = cmd.argString(i).toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw RedisError.err("Unknown client type '" + cmd.argString(i) + "'");
    }
    return type.equals("slave") ? "replica" : type;
  }

  private static long id(RespCommand cmd, int i, RedisError error) {
    try {
      return cmd.argLong(i);
    } catch (RedisError e) {
      throw error;
    }
  }

  private static boolean yesNo(RespCommand cmd, int i) {
    if (cmd.argIs(i, YES)) {
      return true;
    } else if (cmd.argIs(i, NO)) {
      return false;
    }
    throw RedisError.SYNTAX;
  }
}
