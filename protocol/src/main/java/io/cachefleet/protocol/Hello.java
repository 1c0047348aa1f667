package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The connection handshake as Redis checks it: HELLO's arguments, AUTH's password check and
 * client names, with Redis's error texts. Servers apply the outcome to their own client state.
 *
 * @param version the protocol version asked for, or 0 when HELLO gave none
 * @param user the AUTH user name, or null when HELLO did not authenticate
 * @param password the AUTH password, or null
 * @param name the SETNAME value, or null
 */
public record Hello(int version, String user, byte[] password, String name) {

  /** The Redis version whose behaviour cachefleet reproduces, reported by HELLO and INFO. */
  public static final String REDIS_VERSION = "7.0.15";

  public static final RedisError WRONGPASS =
      new RedisError("WRONGPASS invalid username-password pair or user is disabled.");
  public static final RedisError NOPROTO = new RedisError("NOPROTO unsupported protocol version");
  public static final RedisError NOAUTH = new RedisError("NOAUTH HELLO must be called with the client already "
      + "authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and "
      + "select the RESP protocol version at the same time");
  public static final RedisError NO_PASSWORD_SET = RedisError.err("AUTH <password> called without any password "
      + "configured for the default user. Are you sure your configuration is correct?");

  private static final RedisError BAD_PROTOCOL = RedisError.err("Protocol version is not an integer or out of range");
  private static final RedisError BAD_NAME =
      RedisError.err("Client names cannot contain spaces, newlines or special characters.");
  private static final AsciiString AUTH = AsciiString.of("AUTH");
  private static final AsciiString SETNAME = AsciiString.of("SETNAME");

  /** Reads {@code HELLO [protover [AUTH username password] [SETNAME clientname]]}. */
  public static Hello parse(RespCommand cmd) {
    int version = 0;
    int next = 1;
    if (cmd.argc() > 1) {
      long v;
      try {
        v = cmd.argLong(1);
      } catch (RedisError e) {
        throw BAD_PROTOCOL;
      }
      if (v < 2 || v > 3) {
        throw NOPROTO;
      }
      version = (int) v;
      next = 2;
    }
    String user = null;
    byte[] pass = null;
    String name = null;
    for (int i = next; i < cmd.argc(); i++) {
      if (cmd.argIs(i, AUTH) && cmd.argc() - i - 1 >= 2) {
        user = cmd.argString(i + 1);
        pass = cmd.argBytes(i + 2);
        i += 2;
      } else if (cmd.argIs(i, SETNAME) && cmd.argc() - i - 1 >= 1) {
        name = checkName(cmd.argString(++i));
      } else {
        throw RedisError.err("Syntax error in HELLO option '" + cmd.argString(i) + "'");
      }
    }
    return new Hello(version, user, pass, name);
  }

  /**
   * Checks a password as Redis's default user does: {@code required} null means no password is
   * set and anything passes; the comparison takes the same time wherever the bytes differ.
   *
   * @throws RedisError {@link #WRONGPASS} when the user is not "default" or the password is wrong
   */
  public static void authenticate(String required, String user, byte[] password) {
    boolean ok = user.equals("default") && (required == null
        || MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8), password));
    if (!ok) {
      throw WRONGPASS;
    }
  }

  /**
   * Writes HELLO's reply for a client of id {@code clientId} now speaking protocol
   * {@code version}: a map in RESP3, a flat array in RESP2, as Redis answers.
   */
  public static void writeReply(ByteBuf out, int version, long clientId) {
    RespWriter.mapHeader(out, 7, version == 3);
    pair(out, "server", "redis");
    pair(out, "version", REDIS_VERSION);
    RespWriter.bulk(out, "proto");
    RespWriter.integer(out, version);
    RespWriter.bulk(out, "id");
    RespWriter.integer(out, clientId);
    pair(out, "mode", "standalone");
    pair(out, "role", "master");
    RespWriter.bulk(out, "modules");
    RespWriter.emptyArray(out);
  }

  private static void pair(ByteBuf out, String key, String value) {
    RespWriter.bulk(out, key);
    RespWriter.bulk(out, value);
  }

  /** Returns {@code name} when Redis accepts it as a client name (printable ASCII, no spaces). */
  public static String checkName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch < '!' || ch > '~') {
        throw BAD_NAME;
      }
    }
    return name;
  }
}
