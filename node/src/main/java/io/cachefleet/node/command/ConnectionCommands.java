package io.cachefleet.node.command;

import io.cachefleet.protocol.Hello;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Connection commands: PING, ECHO, SELECT, HELLO, AUTH, QUIT, RESET and CLIENT ID / SETNAME /
 * GETNAME / LIST / INFO / KILL, as Redis 7.0's server.c, networking.c and acl.c answer them. The
 * node has one user, {@code default}, whose password is {@code requirepass} (none: any password
 * is accepted, as for Redis's {@code nopass} default user), and one database, 0.
 */
final class ConnectionCommands implements CommandFamily {

  private static final AsciiString ID = AsciiString.of("ID");
  private static final AsciiString ADDR = AsciiString.of("ADDR");
  private static final AsciiString LADDR = AsciiString.of("LADDR");
  private static final AsciiString SKIPME = AsciiString.of("SKIPME");
  private static final AsciiString TYPE = AsciiString.of("TYPE");
  private static final AsciiString USER = AsciiString.of("USER");
  private static final AsciiString YES = AsciiString.of("YES");
  private static final byte[] PONG = {'p', 'o', 'n', 'g'};
  private static final AsciiString NO = AsciiString.of("NO");
  private static final RedisError INVALID_CLIENT_ID = RedisError.err("Invalid client ID");
  private static final RedisError CLIENT_ID_NOT_POSITIVE = RedisError.err("client-id should be greater than 0");
  private static final RedisError NO_SUCH_CLIENT = RedisError.err("No such client");
  private static final List<String> CLIENT_TYPES = List.of("normal", "master", "replica", "slave", "pubsub");

  @Override
  public void register(CommandRegistry r) {
    r.bind("ping", this::ping);
    r.bind("echo", c -> c.bulk(c.arg(1)));
    r.bind("select", this::select);
    r.bind("hello", this::hello);
    r.bind("auth", this::auth);
    r.bind("quit", this::quit);
    r.bind("reset", this::reset);
    r.bind("client|id", c -> c.integer(c.client.id()));
    r.bind("client|setname", this::setname);
    r.bind("client|getname", c -> c.bulkOrNull(c.client.name == null ? null : c.client.name.getBytes(StandardCharsets.UTF_8)));
    r.bind("client|list", this::list);
    r.bind("client|info", c -> c.verbatim(describe(c, c.client)));
    r.bind("client|kill", this::kill);
    r.bind("client|help", c -> ServerCommands.help(c, "CLIENT",
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction."));
  }

  /** PING [message]; a RESP2 subscriber gets the {@code ["pong", message]} array instead. */
  private void ping(Call c) {
    if (c.argc() > 2) {
      throw RedisError.err("wrong number of arguments for 'ping' command");
    }
    if (c.client.isSubscriber() && !c.resp3()) {
      c.arrayHeader(2);
      c.bulk(PONG);
      if (c.argc() > 1) {
        c.bulk(c.arg(1));
      } else {
        RespWriter.emptyBulk(c.out);
      }
      return;
    }
    if (c.argc() > 1) {
      c.bulk(c.arg(1));
    } else {
      c.simple("PONG");
    }
  }

  private void select(Call c) {
    if (KeyCommands.intArg(c, 1) != 0) {
      throw KeyCommands.DB_OUT_OF_RANGE;
    }
    c.ok();
  }

  /** HELLO [protover [AUTH username password] [SETNAME clientname]]. */
  private void hello(Call c) {
    Hello hello = Hello.parse(c.cmd);
    if (hello.user() != null) {
      authenticate(c, hello.user(), hello.password());
    }
    if (!c.client.authenticated) {
      throw Hello.NOAUTH;
    }
    if (hello.name() != null) {
      c.client.name = hello.name().isEmpty() ? null : hello.name();
    }
    int version = hello.version() != 0 ? hello.version() : c.client.resp3 ? 3 : 2;
    c.client.resp3 = version == 3;
    Hello.writeReply(c.out, version, c.client.id());
  }

  private void auth(Call c) {
    if (c.argc() > 3) {
      throw RedisError.SYNTAX;
    }
    String user = c.argc() == 3 ? c.argString(1) : "default";
    byte[] pass = c.arg(c.argc() - 1);
    if (c.argc() == 2 && c.node.settings.requirePass == null) {
      throw Hello.NO_PASSWORD_SET;
    }
    authenticate(c, user, pass);
    c.ok();
  }

  private static void authenticate(Call c, String user, byte[] pass) {
    Hello.authenticate(c.node.settings.requirePass, user, pass);
    c.client.setAuthenticated(true);
  }

  private void quit(Call c) {
    c.ok();
    c.client.closeAfterReply = true;
  }

  private void reset(Call c) {
    ClientSession client = c.client;
    if (client.multiQueue != null) {
      client.multiQueue.forEach(RespCommand::release);
      client.multiQueue = null;
    }
    client.multiError = false;
    c.node.watches.unwatchAll(client);
    c.node.pubsub.unsubscribeAll(client);
    client.resp3 = false;
    client.name = null;
    client.setAuthenticated(c.node.settings.requirePass == null);
    c.simple("RESET");
  }

  private void setname(Call c) {
    String name = c.argString(2);
    Hello.checkName(name);
    c.client.name = name.isEmpty() ? null : name;
    c.ok();
  }

  /** CLIENT LIST [TYPE type | ID id [id ...]]. */
  private void list(Call c) {
    StringBuilder sb = new StringBuilder();
    if (c.argc() == 2) {
      for (ClientSession other : c.node.clients.values()) {
        sb.append(describe(c, other));
      }
    } else if (c.argc() == 4 && c.argIs(2, TYPE)) {
      String type = clientType(c, 3);
      for (ClientSession other : c.node.clients.values()) {
        if (type.equals(typeOf(other))) {
          sb.append(describe(c, other));
        }
      }
    } else if (c.argc() > 3 && c.argIs(2, ID)) {
      for (int i = 3; i < c.argc(); i++) {
        ClientSession other = c.node.clients.get(c.argLong(i, INVALID_CLIENT_ID));
        if (other != null) {
          sb.append(describe(c, other));
        }
      }
    } else {
      throw RedisError.SYNTAX;
    }
    c.verbatim(sb);
  }

  /** A client type argument, lower case with {@code slave} read as {@code replica}. */
  private static String clientType(Call c, int i) {
    String type = c.argString(i).toLowerCase(Locale.ROOT);
    if (!CLIENT_TYPES.contains(type)) {
      throw RedisError.err("Unknown client type '" + c.argString(i) + "'");
    }
    return type.equals("slave") ? "replica" : type;
  }

  /** Redis's {@code getClientType}: a node has no replicas or masters connected as clients. */
  private static String typeOf(ClientSession s) {
    return s.isSubscriber() ? "pubsub" : "normal";
  }

  /** One CLIENT LIST line, with Redis's field names. */
  static String describe(Call c, ClientSession s) {
    long now = c.now();
    String flags = (s.isSubscriber() ? "P" : "") + (s.inMulti() ? "x" : "") + (s.isBlocked() ? "b" : "")
        + (s.watchDirty ? "d" : "");
    String cmd = s.lastCommand;
    return "id=" + s.id() + " addr=" + s.addressString() + " laddr=" + s.localAddressString() + " fd=-1 name="
        + (s.name == null ? "" : s.name) + " age=" + (now - s.createdMillis()) / 1000 + " idle="
        + (now - s.lastInteractionMillis) / 1000 + " flags=" + (flags.isEmpty() ? "N" : flags)
        + " db=0 sub=" + s.channels.size() + " psub=" + s.patterns.size() + " ssub=0 multi="
        + (s.inMulti() ? s.multiQueue.size() : -1) + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0"
        + " obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=" + cmd + " user=default redir=-1 resp="
        + (s.resp3 ? 3 : 2) + "\n";
  }

  /**
   * CLIENT KILL ip:port (which may kill the caller itself, and fails when nothing matched), or
   * CLIENT KILL [ID id] [ADDR a] [LADDR a] [TYPE t] [USER u] [SKIPME yes|no], answering the
   * number killed. Options are read in order, so the first bad one is the error reported.
   */
  private void kill(Call c) {
    long id = 0;
    String addr = null;
    String laddr = null;
    String type = null;
    boolean skipMe = true;
    if (c.argc() == 3) {
      addr = c.argString(2);
      skipMe = false;
    }
    for (int i = 2; c.argc() > 3 && i < c.argc(); i += 2) {
      boolean hasValue = i + 1 < c.argc();
      if (hasValue && c.argIs(i, ID)) {
        id = c.argLong(i + 1, CLIENT_ID_NOT_POSITIVE);
        if (id <= 0) {
          throw CLIENT_ID_NOT_POSITIVE;
        }
      } else if (hasValue && c.argIs(i, TYPE)) {
        type = clientType(c, i + 1);
      } else if (hasValue && c.argIs(i, ADDR)) {
        addr = c.argString(i + 1);
      } else if (hasValue && c.argIs(i, LADDR)) {
        laddr = c.argString(i + 1);
      } else if (hasValue && c.argIs(i, USER)) {
        if (!c.argString(i + 1).equals("default")) {
          throw RedisError.err("No such user '" + c.argString(i + 1) + "'");
        }
      } else if (hasValue && c.argIs(i, SKIPME)) {
        skipMe = yesNo(c, i + 1);
      } else {
        throw RedisError.SYNTAX;
      }
    }
    int killed = 0;
    for (ClientSession other : c.node.clients.values()) {
      if ((addr == null || other.addressString().equals(addr))
          && (laddr == null || other.localAddressString().equals(laddr))
          && (type == null || type.equals(typeOf(other)))
          && (id == 0 || other.id() == id)
          && !(skipMe && other == c.client)) {
        close(c, other);
        killed++;
      }
    }
    if (c.argc() > 3) {
      c.integer(killed);
    } else if (killed == 0) {
      throw NO_SUCH_CLIENT;
    } else {
      c.ok();
    }
  }

  private static boolean yesNo(Call c, int i) {
    if (c.argIs(i, YES)) {
      return true;
    } else if (c.argIs(i, NO)) {
      return false;
    }
    throw RedisError.SYNTAX;
  }

  private static void close(Call c, ClientSession other) {
    if (other == c.client) {
      other.closeAfterReply = true;
    } else {
      other.channel().close();
    }
  }
}
