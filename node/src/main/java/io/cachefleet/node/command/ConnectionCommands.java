package io.cachefleet.node.command;

import io.cachefleet.protocol.RedisError;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Connection commands: PING, ECHO, SELECT, HELLO, AUTH, QUIT, RESET and CLIENT. */
final class ConnectionCommands implements CommandFamily {

  /** The Redis version whose behaviour the node reproduces, reported by HELLO and INFO. */
  static final String REDIS_VERSION = "7.0.15";

  private static final AsciiString AUTH = AsciiString.of("AUTH");
  private static final AsciiString SETNAME = AsciiString.of("SETNAME");
  private static final AsciiString ID = AsciiString.of("ID");
  private static final AsciiString ADDR = AsciiString.of("ADDR");
  private static final AsciiString LADDR = AsciiString.of("LADDR");
  private static final AsciiString SKIPME = AsciiString.of("SKIPME");
  private static final AsciiString TYPE = AsciiString.of("TYPE");
  private static final AsciiString USER = AsciiString.of("USER");
  private static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

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
        "GETNAME", "    Return the name of the current connection.",
        "ID", "    Return the ID of the current connection.",
        "INFO", "    Return information about the current client connection.",
        "KILL <ip:port>", "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]", "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)", "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)", "      Kill connections made to specified local address",
        "    * TYPE (normal|master|replica|pubsub)", "      Kill connections by type.",
        "    * USER <username>", "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)", "      Skip killing current connection (default: yes).",
        "    * ID <client-id>", "      Kill connections by client id.",
        "LIST [options ...]", "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)", "      Return clients of specified type.",
        "SETNAME <name>", "    Assign the name <name> to the current connection."));
  }

  private void ping(Call c) {
    if (c.argc() > 2) {
      throw RedisError.err("wrong number of arguments for 'ping' command");
    }
    if (c.client.isSubscriber() && !c.resp3()) {
      c.arrayHeader(2);
      c.bulk("pong");
      c.bulk(c.argc() > 1 ? c.arg(1) : new byte[0]);
      return;
    }
    if (c.argc() > 1) {
      c.bulk(c.arg(1));
    } else {
      c.simple("PONG");
    }
  }

  private void select(Call c) {
    long db = c.argLong(1);
    if (db != 0) {
      throw RedisError.err("DB index is out of range");
    }
    c.ok();
  }

  /** HELLO [protover [AUTH username password] [SETNAME clientname]]. */
  private void hello(Call c) {
    int version = c.client.resp3 ? 3 : 2;
    int next = 1;
    if (c.argc() > 1) {
      long v = c.argLong(1, RedisError.err("Protocol version is not an integer or out of range"));
      if (v < 2 || v > 3) {
        throw new RedisError("NOPROTO unsupported protocol version");
      }
      version = (int) v;
      next = 2;
    }
    String user = null;
    byte[] pass = null;
    String name = null;
    for (int i = next; i < c.argc(); i++) {
      if (c.argIs(i, AUTH) && c.argc() - i - 1 >= 2) {
        user = c.argString(i + 1);
        pass = c.arg(i + 2);
        i += 2;
      } else if (c.argIs(i, SETNAME) && c.argc() - i - 1 >= 1) {
        name = c.argString(++i);
        checkName(name);
      } else {
        throw RedisError.err("Syntax error in HELLO option '" + c.argString(i) + "'");
      }
    }
    if (user != null) {
      authenticate(c, user, pass);
    }
    if (!c.client.authenticated) {
      throw new RedisError("NOAUTH HELLO must be called with the client already authenticated, otherwise the "
          + "HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
          + "protocol version at the same time");
    }
    if (name != null) {
      c.client.name = name.isEmpty() ? null : name;
    }
    c.client.resp3 = version == 3;
    c.mapHeader(7);
    c.bulk("server");
    c.bulk("redis");
    c.bulk("version");
    c.bulk(REDIS_VERSION);
    c.bulk("proto");
    c.integer(version);
    c.bulk("id");
    c.integer(c.client.id());
    c.bulk("mode");
    c.bulk("standalone");
    c.bulk("role");
    c.bulk("master");
    c.bulk("modules");
    c.arrayHeader(0);
  }

  private void auth(Call c) {
    if (c.argc() > 3) {
      throw RedisError.SYNTAX;
    }
    String user = c.argc() == 3 ? c.argString(1) : "default";
    byte[] pass = c.arg(c.argc() - 1);
    if (c.argc() == 2 && c.node.settings.requirePass == null) {
      throw RedisError.err("AUTH <password> called without any password configured for the default user. "
          + "Are you sure your configuration is correct?");
    }
    authenticate(c, user, pass);
    c.ok();
  }

  private static void authenticate(Call c, String user, byte[] pass) {
    String required = c.node.settings.requirePass;
    boolean ok = user.equals("default") && (required == null
        || MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8), pass));
    if (!ok) {
      throw new RedisError(WRONGPASS);
    }
    c.client.setAuthenticated(true);
  }

  private void quit(Call c) {
    c.ok();
    c.client.closeAfterReply = true;
  }

  private void reset(Call c) {
    ClientSession client = c.client;
    if (client.multiQueue != null) {
      client.multiQueue.forEach(io.cachefleet.protocol.RespCommand::release);
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

  private static void checkName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch < '!' || ch > '~') {
        throw RedisError.err("Client names cannot contain spaces, newlines or special characters.");
      }
    }
  }

  private void setname(Call c) {
    String name = c.argString(2);
    checkName(name);
    c.client.name = name.isEmpty() ? null : name;
    c.ok();
  }

  private void list(Call c) {
    if (c.argc() > 2) {
      if (c.argc() == 4 && c.argIs(2, TYPE)) {
        String type = c.argString(3).toLowerCase(java.util.Locale.ROOT);
        if (!List.of("normal", "master", "replica", "slave", "pubsub").contains(type)) {
          throw RedisError.err("Unknown client type '" + c.argString(3) + "'");
        }
        listClients(c, type);
        return;
      }
      if (c.argc() >= 4 && c.argIs(2, ID)) {
        List<Long> ids = new ArrayList<>();
        for (int i = 3; i < c.argc(); i++) {
          long id = c.argLong(i, RedisError.err("Invalid client ID"));
          if (id <= 0) {
            throw RedisError.err("Invalid client ID");
          }
          ids.add(id);
        }
        StringBuilder sb = new StringBuilder();
        for (Long id : ids) {
          ClientSession other = c.node.clients.get(id);
          if (other != null) {
            sb.append(describe(c, other));
          }
        }
        c.verbatim(sb.toString());
        return;
      }
      throw RedisError.SYNTAX;
    }
    listClients(c, null);
  }

  private void listClients(Call c, String type) {
    StringBuilder sb = new StringBuilder();
    for (ClientSession other : c.node.clients.values()) {
      boolean pubsub = other.isSubscriber();
      if (type == null || (type.equals("pubsub") && pubsub) || (type.equals("normal") && !pubsub)) {
        sb.append(describe(c, other));
      }
    }
    c.verbatim(sb.toString());
  }

  /** One CLIENT LIST line, with Redis's field names. */
  static String describe(Call c, ClientSession s) {
    long now = c.now();
    String flags = (s.inMulti() ? "x" : "") + (s.isBlocked() ? "b" : "") + (s.isSubscriber() ? "P" : "");
    return "id=" + s.id() + " addr=" + s.addressString() + " laddr=" + s.localAddressString() + " fd=-1 name="
        + (s.name == null ? "" : s.name) + " age=" + (now - s.createdMillis()) / 1000 + " idle="
        + (now - s.lastInteractionMillis) / 1000 + " flags=" + (flags.isEmpty() ? "N" : flags)
        + " db=0 sub=" + s.channels.size() + " psub=" + s.patterns.size() + " ssub=0 multi="
        + (s.inMulti() ? s.multiQueue.size() : -1) + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0"
        + " obl=0 oll=0 omem=0 tot-mem=0 events=r cmd=" + s.lastCommand + " user=default redir=-1 resp="
        + (s.resp3 ? 3 : 2) + "\n";
  }

  /** CLIENT KILL ip:port, or CLIENT KILL [ID id] [ADDR a] [LADDR a] [TYPE t] [USER u] [SKIPME yes|no]. */
  private void kill(Call c) {
    if (c.argc() == 3) {
      String addr = c.argString(2);
      for (ClientSession other : c.node.clients.values()) {
        if (other.addressString().equals(addr)) {
          close(c, other);
          c.ok();
          return;
        }
      }
      throw RedisError.err("No such client");
    }
    if ((c.argc() & 1) == 1) {
      throw RedisError.SYNTAX;
    }
    long id = -1;
    String addr = null;
    String laddr = null;
    String type = null;
    String user = null;
    boolean skipMe = true;
    for (int i = 2; i < c.argc(); i += 2) {
      String value = c.argString(i + 1);
      if (c.argIs(i, ID)) {
        id = c.argLong(i + 1, RedisError.err("client-id should be greater than 0"));
        if (id <= 0) {
          throw RedisError.err("client-id should be greater than 0");
        }
      } else if (c.argIs(i, ADDR)) {
        addr = value;
      } else if (c.argIs(i, LADDR)) {
        laddr = value;
      } else if (c.argIs(i, TYPE)) {
        type = value.toLowerCase(java.util.Locale.ROOT);
        if (!List.of("normal", "master", "replica", "slave", "pubsub").contains(type)) {
          throw RedisError.err("Unknown client type '" + value + "'");
        }
      } else if (c.argIs(i, USER)) {
        user = value;
      } else if (c.argIs(i, SKIPME)) {
        if (value.equalsIgnoreCase("yes")) {
          skipMe = true;
        } else if (value.equalsIgnoreCase("no")) {
          skipMe = false;
        } else {
          throw RedisError.SYNTAX;
        }
      } else {
        throw RedisError.SYNTAX;
      }
    }
    int killed = 0;
    for (ClientSession other : c.node.clients.values()) {
      boolean match = (id < 0 || other.id() == id)
          && (addr == null || other.addressString().equals(addr))
          && (laddr == null || other.localAddressString().equals(laddr))
          && (type == null || (type.equals("pubsub") ? other.isSubscriber() : type.equals("normal") && !other.isSubscriber()))
          && (user == null || user.equals("default"))
          && !(skipMe && other == c.client);
      if (match) {
        close(c, other);
        killed++;
      }
    }
    c.integer(killed);
  }

  private static void close(Call c, ClientSession other) {
    if (other == c.client) {
      other.closeAfterReply = true;
    } else {
      other.channel().close();
    }
  }
}
