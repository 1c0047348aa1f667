package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.Hello;
import io.cachefleet.protocol.ProxyRoute;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands the proxy answers itself, as Redis answers them: PING, ECHO, QUIT, AUTH, HELLO, SELECT,
 * TIME (the proxy's clock), RESET, COMMAND (COUNT, INFO, DOCS), CLIENT ID/GETNAME/SETNAME/INFO and
 * INFO, whose keyspace section the backends are asked for. CLIENT LIST and KILL are
 * {@link ClientCommands}.
 *
 * <p>HELLO 3 switches the client to RESP3: its requests then go over backend connections that
 * said HELLO 3 too, and these replies are written in RESP3. AUTH checks the pool's
 * {@code redis_auth}, as Twemproxy does. COMMAND describes only the commands the proxy routes.
 */
final class LocalCommands {

  private static final RedisError DB_OUT_OF_RANGE = RedisError.err("DB index is out of range");

  private LocalCommands() {}

  static void run(FrontendHandler client, CommandSpec spec, RespCommand cmd) {
    switch (spec.fullName()) {
      case "info" -> {
        info(client, cmd);
        return;
      }
      case "client|list", "client|kill" -> {
        ClientCommands.run(client, spec, cmd);
        return;
      }
      default -> { }
    }
    Request r = client.enqueue(new Request(client));
    ByteBuf out = client.alloc().buffer();
    try {
      switch (spec.fullName()) {
        case "ping" -> {
          if (client.subscriptions().active() && !client.resp3()) {
            client.subscriptions().ping(cmd, out);
          } else {
            ping(cmd, out);
          }
        }
        case "echo" -> RespWriter.bulk(out, cmd.content(), cmd.argIndex(1), cmd.argLength(1));
        case "quit" -> {
          RespWriter.ok(out);
          client.quitAfterReplies();
        }
        case "auth" -> auth(client, cmd, out);
        case "hello" -> hello(client, cmd, out);
        case "select" -> select(cmd, out);
        case "time" -> time(out);
        case "reset" -> {
          client.reset();
          RespWriter.simple(out, "RESET");
        }
        case "client|id" -> RespWriter.integer(out, client.id());
        case "client|info" -> RespWriter.verbatim(out, client.describe(System.nanoTime()).line(), client.resp3());
        case "client|getname" -> getname(client, out);
        case "client|setname" -> {
          client.name(Hello.checkName(cmd.argString(2)));
          RespWriter.ok(out);
        }
        case "command" -> commandInfo(client, allRouted(client), out);
        case "command|count" -> RespWriter.integer(out, allRouted(client).size());
        case "command|info" -> commandInfo(client, named(client, cmd), out);
        case "command|docs" -> commandDocs(client, cmd.argc() == 2 ? allRouted(client) : named(client, cmd), out);
        default -> throw new IllegalStateException("no local handler for " + spec.fullName());
      }
    } catch (RedisError e) {
      out.clear();
      RespWriter.error(out, e.getMessage());
    } finally {
      cmd.release();
    }
    r.complete(out);
  }

  /**
   * INFO [section ...], answered once the pool's statistics are summed over every event loop and,
   * when the keyspace section is asked for, every backend has answered for its keys.
   */
  private static void info(FrontendHandler client, RespCommand cmd) {
    List<String> sections = ProxyInfo.sections(cmd);
    cmd.release();
    Request r = client.enqueue(new Request(client));
    Pool pool = client.pool();
    pool.stats().snapshot(client.loop().eventLoop(), stats -> {
      StringBuilder text = new StringBuilder(ProxyInfo.render(pool, sections, stats));
      if (sections.contains("keyspace")) {
        KeyspaceSection.append(client, text, () -> completeInfo(client, r, text));
      } else {
        completeInfo(client, r, text);
      }
    });
  }

  private static void completeInfo(FrontendHandler client, Request r, CharSequence text) {
    ByteBuf out = client.alloc().buffer();
    RespWriter.verbatim(out, text, client.resp3());
    r.complete(out);
    client.loop().flushSoon(); // a statistics task ends no read batch, which would flush
  }

  private static void ping(RespCommand cmd, ByteBuf out) {
    if (cmd.argc() > 2) {
      throw RedisError.err("wrong number of arguments for 'ping' command");
    }
    if (cmd.argc() == 2) {
      RespWriter.bulk(out, cmd.content(), cmd.argIndex(1), cmd.argLength(1));
    } else {
      RespWriter.simple(out, "PONG");
    }
  }

  private static void auth(FrontendHandler client, RespCommand cmd, ByteBuf out) {
    if (cmd.argc() > 3) {
      throw RedisError.SYNTAX;
    }
    String required = requiredPassword(client);
    if (cmd.argc() == 2 && required == null) {
      throw Hello.NO_PASSWORD_SET;
    }
    Hello.authenticate(required, cmd.argc() == 3 ? cmd.argString(1) : "default", cmd.argBytes(cmd.argc() - 1));
    client.authenticated(true);
    RespWriter.ok(out);
  }

  private static void hello(FrontendHandler client, RespCommand cmd, ByteBuf out) {
    Hello hello = Hello.parse(cmd);
    if (hello.user() != null) {
      Hello.authenticate(requiredPassword(client), hello.user(), hello.password());
      client.authenticated(true);
    }
    if (!client.authenticated()) {
      throw Hello.NOAUTH;
    }
    int version = hello.version() != 0 ? hello.version() : client.resp3() ? 3 : 2;
    client.protocol(version);
    if (hello.name() != null) {
      client.name(hello.name());
    }
    Hello.writeReply(out, version, client.id());
  }

  private static String requiredPassword(FrontendHandler client) {
    String auth = client.pool().config().redisAuth();
    return auth.isEmpty() ? null : auth;
  }

  private static void select(RespCommand cmd, ByteBuf out) {
    if (cmd.argLong(1) != 0) {
      throw DB_OUT_OF_RANGE;
    }
    RespWriter.ok(out);
  }

  /** TIME: the proxy's clock, in seconds and microseconds since the epoch, as Redis gives its own. */
  private static void time(ByteBuf out) {
    Instant now = Instant.now();
    RespWriter.arrayHeader(out, 2);
    RespWriter.bulk(out, now.getEpochSecond());
    RespWriter.bulk(out, now.getNano() / 1000);
  }

  private static void getname(FrontendHandler client, ByteBuf out) {
    if (client.name().isEmpty()) {
      RespWriter.nullBulk(out, client.resp3());
    } else {
      RespWriter.bulk(out, client.name());
    }
  }

  /** Top-level commands the proxy serves: those routed somewhere, or with a subcommand that is. */
  private static List<CommandSpec> allRouted(FrontendHandler client) {
    List<CommandSpec> routed = new ArrayList<>();
    for (CommandSpec spec : client.pool().table().all()) {
      if (spec.parent() == null && isRouted(spec)) {
        routed.add(spec);
      }
    }
    return routed;
  }

  private static boolean isRouted(CommandSpec spec) {
    if (spec.route() != ProxyRoute.UNSUPPORTED) {
      return true;
    }
    for (CommandSpec sub : spec.subcommands()) {
      if (sub.route() != ProxyRoute.UNSUPPORTED) {
        return true;
      }
    }
    return false;
  }

  /** The specs named by arguments 2.. of a COMMAND INFO or DOCS; null where unknown or not routed. */
  private static List<CommandSpec> named(FrontendHandler client, RespCommand cmd) {
    if (cmd.argc() == 2) {
      return allRouted(client);
    }
    List<CommandSpec> specs = new ArrayList<>();
    for (int i = 2; i < cmd.argc(); i++) {
      CommandSpec spec = client.pool().table().lookup(cmd.content(), cmd.argIndex(i), cmd.argLength(i));
      specs.add(spec != null && isRouted(spec) ? spec : null);
    }
    return specs;
  }

  private static void commandInfo(FrontendHandler client, List<CommandSpec> specs, ByteBuf out) {
    RespWriter.arrayHeader(out, specs.size());
    for (CommandSpec spec : specs) {
      if (spec == null) {
        RespWriter.nullBulk(out, client.resp3());
      } else {
        RespWriter.raw(out, client.pool().docs().info(spec.name(), client.resp3()));
      }
    }
  }

  private static void commandDocs(FrontendHandler client, List<CommandSpec> specs, ByteBuf out) {
    specs = specs.stream().filter(s -> s != null).toList();
    RespWriter.mapHeader(out, specs.size(), client.resp3());
    for (CommandSpec spec : specs) {
      RespWriter.bulk(out, spec.name());
      RespWriter.raw(out, client.pool().docs().docs(spec.name(), client.resp3()));
    }
  }
}
