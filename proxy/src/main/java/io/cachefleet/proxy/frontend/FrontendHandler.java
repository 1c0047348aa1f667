package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.ClientDescription;
import io.cachefleet.protocol.CommandErrors;
import io.cachefleet.protocol.CommandFlag;
import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.ProxyRoute;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespDecoder;
import io.cachefleet.protocol.RespProtocolError;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.backend.BackendConnection;
import io.cachefleet.proxy.backend.Loop;
import io.cachefleet.proxy.fanout.AllBackends;
import io.cachefleet.proxy.fanout.KeyFanout;
import io.cachefleet.proxy.stats.LoopStats;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.Arrays;

/**
 * One client connection: routes each framed command by the command table and sends the replies
 * back in request order.
 *
 * <p>A keyed command's original bytes go to the backend that owns its keys; multi-key commands
 * are split per backend ({@link KeyFanout}); commands about the whole keyspace go to every
 * backend ({@link AllBackends}); a few are answered here ({@link LocalCommands}). Replies leave in
 * request order, as {@link ClientHandler} sends them.
 */
public final class FrontendHandler extends ClientHandler<Request> {

  private final RespDecoder decoder;
  private int[] keys = new int[16];
  /** The last command the client sent, for CLIENT LIST; null when it was not a known command. */
  private CommandSpec lastCommand;
  private boolean authenticated;
  /** The client said HELLO 3: its backend connections say it too, and replies go to it unchanged. */
  private boolean resp3;
  private String name = "";
  private final Transaction transaction = new Transaction(this);
  private final Subscriptions subscriptions = new Subscriptions(this);
  private BackendConnection[] dedicated;

  public FrontendHandler(Pool pool, RespDecoder decoder) {
    super(pool);
    this.decoder = decoder;
    this.authenticated = pool.config().redisAuth().isEmpty();
    decoder.setAuthenticated(authenticated);
  }

  public Pool pool() {
    return pool;
  }

  public long id() {
    return id;
  }

  /** The pool's statistics on this client's event loop. */
  public LoopStats stats() {
    return stats;
  }

  /** The shared connection this client uses to reach {@code backend}. */
  public BackendConnection connection(Backend backend) {
    return connections.get(backend, id, resp3);
  }

  /**
   * This client's own connection to {@code backend}, opened on first use and closed with the
   * client: for blocking commands and WATCH, which hold a connection's state across requests.
   */
  BackendConnection dedicated(Backend backend) {
    int id = backend.id();
    if (dedicated == null || id >= dedicated.length) {
      dedicated = dedicated == null ? new BackendConnection[id + 1] : Arrays.copyOf(dedicated, id + 1);
    }
    BackendConnection conn = dedicated[id];
    if (conn == null || conn.backend() != backend || conn.resp3() != resp3) {
      if (conn != null) {
        conn.close(); // its backend left the pool and another took its id, or the client changed protocol
      }
      conn = new BackendConnection(backend, loop, pool.dedicatedSettings(resp3), stats.server(backend));
      dedicated[id] = conn;
    }
    return conn;
  }

  /** Scratch room for the key positions of a command of {@code argc} arguments. */
  public int[] keyScratch(int argc) {
    if (keys.length < argc) {
      keys = new int[Math.max(argc, keys.length * 2)];
    }
    return keys;
  }

  String name() {
    return name;
  }

  Loop loop() {
    return loop;
  }

  Subscriptions subscriptions() {
    return subscriptions;
  }

  /** Sends a value the client did not ask for (a pub/sub message) behind every reply it is owed. */
  void push(ByteBuf value) {
    enqueue(new Request(this)).complete(value);
  }

  void name(String name) {
    this.name = name;
  }

  /** Whether the client speaks RESP3. */
  boolean resp3() {
    return resp3;
  }

  /**
   * Switches the protocol the client speaks, as HELLO does; refused while the client watches
   * keys or is subscribed, whose backend connections speak the protocol they were opened with.
   */
  void protocol(int version) {
    boolean three = version == 3;
    if (three != resp3 && (transaction.watching() || subscriptions.active())) {
      throw RedisError.err("the proxy cannot change the protocol of a client that watches keys or is subscribed");
    }
    resp3 = three;
  }

  boolean authenticated() {
    return authenticated;
  }

  void authenticated(boolean ok) {
    authenticated = ok;
    decoder.setAuthenticated(ok);
  }

  /**
   * RESET: leaves MULTI, WATCH and subscribed mode, forgets the client's name and, when the pool
   * has a {@code redis_auth}, its authentication, as Redis resets a connection.
   */
  void reset() {
    transaction.reset();
    subscriptions.reset();
    resp3 = false;
    name = "";
    authenticated(pool.config().redisAuth().isEmpty());
  }

  /** This client as CLIENT LIST shows it, at {@code now} by {@link System#nanoTime()}; on its event loop. */
  ClientDescription describe(long now) {
    String flags = (subscriptions.active() ? "P" : "") + (transaction.inMulti() ? "x" : "");
    return new ClientDescription(id, ClientDescription.address(ctx.channel().remoteAddress()),
        ClientDescription.address(ctx.channel().localAddress()), name, (now - connectedAt) / 1_000_000_000L,
        (now - dispatchedAt) / 1_000_000_000L, flags, subscriptions.channels(), subscriptions.patterns(),
        transaction.queuedCount(), lastCommand == null ? "NULL" : lastCommand.fullName(), resp3);
  }

  /** CLIENT KILL: the client that asked is closed once it has its reply, any other at once. */
  void kill(FrontendHandler asking) {
    if (this == asking) {
      quitting = true;
    } else {
      ctx.close();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    pool.clients(ctx.channel().eventLoop()).add(this);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof RespCommand cmd) {
      stats.command();
      if (quitting) {
        cmd.release();
        return;
      }
      dispatchedAt = System.nanoTime();
      dispatch(cmd.isInline() ? toMultibulk(cmd) : cmd);
      timedCommand = -1;
      pauseIfBehind();
    } else if (msg instanceof RespProtocolError error) {
      Request r = new Request(this);
      replies.add(r);
      quitting = true;
      if (error.reply() != null) {
        r.fail(error.reply());
      } else {
        r.complete(ctx.alloc().buffer(0));
      }
    }
  }

  private void dispatch(RespCommand cmd) {
    CommandSpec spec = pool.table().lookup(cmd);
    String refusal;
    if (spec != null && spec.hasSubcommands() && cmd.argc() >= 2) {
      CommandSpec sub = spec.subcommand(cmd, 1);
      refusal = sub == null ? CommandErrors.unknownSubcommand(spec, cmd) : refusal(sub, cmd);
      spec = sub;
    } else {
      refusal = refusal(spec, cmd);
    }
    lastCommand = spec;
    if (refusal == null && subscriptions.active() && !allowedWhileSubscribed(spec)) {
      refusal = "ERR Can't execute '" + spec.fullName()
          + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
    }
    if (refusal != null) {
      if (transaction.inMulti()) {
        transaction.refuse(cmd, refusal);
      } else {
        reject(cmd, refusal);
      }
    } else if (transaction.inMulti() && !runsInsideMulti(spec)) {
      queueInMulti(spec, cmd);
    } else {
      timedCommand = spec.id();
      switch (spec.route()) {
        case LOCAL -> LocalCommands.run(this, spec, cmd);
        case KEYED -> keyed(spec, cmd);
        case FANOUT -> KeyFanout.run(this, spec, cmd);
        case ALL_BACKENDS -> AllBackends.run(this, spec, cmd);
        case TRANSACTION -> transaction.run(spec, cmd);
        case PUBSUB -> pubsub(spec, cmd);
        default -> throw new IllegalStateException("no route for " + spec.fullName());
      }
    }
  }

  /** In RESP2 a subscribed client may send only these; in RESP3 it may send any command. */
  private boolean allowedWhileSubscribed(CommandSpec spec) {
    return resp3 || switch (spec.fullName()) {
      case "ping", "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "quit", "reset" -> true;
      default -> false;
    };
  }

  /** Commands Redis runs at once inside MULTI rather than queue: the transaction's own, QUIT and RESET. */
  private static boolean runsInsideMulti(CommandSpec spec) {
    return spec.route() == ProxyRoute.TRANSACTION || spec.fullName().equals("quit") || spec.fullName().equals("reset");
  }

  private void pubsub(CommandSpec spec, RespCommand cmd) {
    switch (spec.fullName()) {
      case "subscribe" -> subscriptions.subscribe(cmd, false);
      case "psubscribe" -> subscriptions.subscribe(cmd, true);
      case "unsubscribe" -> subscriptions.unsubscribe(cmd, false);
      case "punsubscribe" -> subscriptions.unsubscribe(cmd, true);
      case "publish" -> {
        Backend owner = route(cmd, 1);
        if (owner == null) {
          rejectNoBackend(cmd);
        } else {
          forward(cmd, owner);
        }
      }
      default -> AllBackends.run(this, spec, cmd);
    }
  }

  /** Redis's central checks: known command, arity, authentication; null when they pass. */
  private String refusal(CommandSpec spec, RespCommand cmd) {
    if (spec == null || spec.route() == ProxyRoute.UNSUPPORTED) {
      return CommandErrors.unknownCommand(cmd);
    }
    if (!spec.acceptsArgc(cmd.argc())) {
      return CommandErrors.wrongArity(spec);
    }
    if (!authenticated && !spec.has(CommandFlag.NO_AUTH)) {
      return "NOAUTH Authentication required.";
    }
    return null;
  }

  /** Sends a command whose keys must all live on one backend to that backend. */
  private void keyed(CommandSpec spec, RespCommand cmd) {
    Backend owner = ownerOfAllKeys(spec, cmd);
    if (owner != null) {
      // a blocking command would stall every client sharing the connection
      BackendConnection conn = spec.has(CommandFlag.BLOCKING) ? dedicated(owner) : connection(owner);
      conn.send(enqueue(new Request(this)), cmd.content());
    }
  }

  /** Inside MULTI: a command the backend will run at EXEC, if the proxy can place it. */
  private void queueInMulti(CommandSpec spec, RespCommand cmd) {
    switch (spec.route()) {
      case KEYED, FANOUT -> {
        Backend owner = ownerOfAllKeys(spec, cmd);
        if (owner == null) {
          transaction.markFailed(); // refused with the reason
        } else {
          transaction.queue(spec, cmd, owner);
        }
      }
      case LOCAL -> {
        if (spec.fullName().equals("ping") || spec.fullName().equals("echo")) {
          transaction.queue(spec, cmd, null);
        } else {
          transaction.refuse(cmd, "ERR '" + spec.fullName() + "' inside MULTI is not supported by the proxy");
        }
      }
      default -> transaction.refuse(cmd, "ERR '" + spec.fullName() + "' inside MULTI is not supported by the proxy");
    }
  }

  /**
   * The backend holding every key of {@code cmd}; when there is none (no live backend, keys on
   * different backends, no key at all) the command is answered with the reason and null returned.
   */
  Backend ownerOfAllKeys(CommandSpec spec, RespCommand cmd) {
    int[] positions = keyScratch(cmd.argc());
    int n = spec.keys(cmd, positions);
    if (n == 0) {
      reject(cmd, "ERR '" + spec.fullName() + "' without keys cannot be routed by the proxy");
      return null;
    }
    // arguments that contradict the key specs: let the backend of the first argument say why
    int first = n < 0 ? 1 : positions[0];
    Backend owner = route(cmd, first);
    if (owner == null) {
      rejectNoBackend(cmd);
      return null;
    }
    for (int i = 1; i < n; i++) {
      Backend other = route(cmd, positions[i]);
      if (other != owner) {
        reject(cmd, "ERR keys of '" + spec.fullName() + "' live on different backends: '" + cmd.argString(first)
            + "' on " + owner.label() + ", '" + cmd.argString(positions[i]) + "' on "
            + (other == null ? "none" : other.label()));
        return null;
      }
    }
    return owner;
  }

  /** The backend owning argument {@code arg} of {@code cmd} as a key. */
  public Backend route(RespCommand cmd, int arg) {
    return pool.router().route(cmd.content(), cmd.argIndex(arg), cmd.argLength(arg));
  }

  /** Sends {@code cmd}'s bytes, unchanged, to {@code backend}, as a new request in reply order. */
  public void forward(RespCommand cmd, Backend backend) {
    connection(backend).send(enqueue(new Request(this)), cmd.content());
  }

  /** Releases {@code cmd} and answers it with {@code -error}. */
  public void reject(RespCommand cmd, String error) {
    cmd.release();
    enqueue(new Request(this)).fail(error);
  }

  /** Releases {@code cmd} and answers it with {@link #noBackend()}: Twemproxy's forward error. */
  public void rejectNoBackend(RespCommand cmd) {
    stats.forwardError();
    reject(cmd, noBackend());
  }

  /** The error when no backend is live. */
  static String noBackend() {
    return "ERR no backend is available";
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    super.channelInactive(ctx);
    pool.clients(ctx.channel().eventLoop()).remove(this);
    transaction.release();
    subscriptions.close();
    if (dedicated != null) {
      for (BackendConnection conn : dedicated) {
        if (conn != null) {
          conn.close();
        }
      }
    }
  }

  private RespCommand toMultibulk(RespCommand inline) {
    byte[][] args = new byte[inline.argc()][];
    for (int i = 0; i < args.length; i++) {
      args[i] = inline.argBytes(i);
    }
    inline.release();
    return RespCommand.of(ctx.alloc().buffer(), args);
  }
}
