package io.cachefleet.node.command;

import io.cachefleet.protocol.ClientDescription;
import io.cachefleet.protocol.ClientFilter;
import io.cachefleet.protocol.Hello;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import java.nio.charset.StandardCharsets;

/**
 * Connection commands: PING, ECHO, SELECT, HELLO, AUTH, QUIT, RESET and CLIENT ID / SETNAME /
 * GETNAME / LIST / INFO / KILL, as Redis 7.0's server.c, networking.c and acl.c answer them. The
 * node has one user, {@code default}, whose password is {@code requirepass} (none: any password
 * is accepted, as for Redis's {@code nopass} default user), and one database, 0.
 */
final class ConnectionCommands implements CommandFamily {

  private static final byte[] PONG = {'p', 'o', 'n', 'g'};

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
    r.bind("client|info", c -> c.verbatim(describe(c, c.client).line()));
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
    ClientFilter filter = ClientFilter.list(c.cmd);
    StringBuilder sb = new StringBuilder();
    for (ClientSession other : c.node.clients.values()) {
      ClientDescription d = describe(c, other);
      if (filter.matches(d.id(), d.addr(), d.laddr(), d.type(), other == c.client)) {
        sb.append(d.line());
      }
    }
    c.verbatim(sb);
  }

  /** A node has no replicas or masters connected as clients: each is normal or pubsub. */
  static ClientDescription describe(Call c, ClientSession s) {
    long now = c.now();
    String flags = (s.isSubscriber() ? "P" : "") + (s.inMulti() ? "x" : "") + (s.isBlocked() ? "b" : "")
        + (s.watchDirty ? "d" : "");
    return new ClientDescription(s.id(), s.addressString(), s.localAddressString(), s.name == null ? "" : s.name,
        (now - s.createdMillis()) / 1000, (now - s.lastInteractionMillis) / 1000, flags, s.channels.size(),
        s.patterns.size(), s.inMulti() ? s.multiQueue.size() : -1, s.lastCommand, s.resp3);
  }

  /**
   * CLIENT KILL ip:port (which may kill the caller itself, and fails when nothing matched), or
   * CLIENT KILL [ID id] [ADDR a] [LADDR a] [TYPE t] [USER u] [SKIPME yes|no], answering the
   * number killed.
   */
  private void kill(Call c) {
    ClientFilter filter = ClientFilter.kill(c.cmd);
    int killed = 0;
    for (ClientSession other : c.node.clients.values()) {
      ClientDescription d = describe(c, other);
      if (filter.matches(d.id(), d.addr(), d.laddr(), d.type(), other == c.client)) {
        close(c, other);
        killed++;
      }
    }
    if (!filter.legacyKill()) {
      c.integer(killed);
    } else if (killed == 0) {
      throw ClientFilter.NO_SUCH_CLIENT;
    } else {
      c.ok();
    }
  }

  private static void close(Call c, ClientSession other) {
    if (other == c.client) {
      other.closeAfterReply = true;
    } else {
      other.channel().close();
    }
  }
}
