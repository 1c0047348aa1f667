package io.cachefleet.node.command;

import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.node.store.Keyspace;
import io.cachefleet.protocol.CommandDocs;
import io.cachefleet.protocol.CommandErrors;
import io.cachefleet.protocol.CommandFlag;
import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.CommandTable;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespLimits;
import io.cachefleet.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.cachefleet.protocol.RespDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs client commands against the keyspace, one at a time under the keyspace lock, so that
 * every command, MULTI/EXEC block and blocked-client hand-off is atomic.
 *
 * <p>The checks Redis's {@code processCommand} makes happen here once, in Redis's order, for
 * every command: lookup, subcommand, arity, authentication, pub/sub context, memory, then
 * queueing inside MULTI; only then does the family handler run. A handler that throws a
 * {@link RedisError} has its partial reply discarded and replaced by the error.
 */
public final class CommandEngine {

  private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

  private final NodeContext node;
  private final CommandHandler[] handlers;
  /** By spec id: the node runs the command, or for a container command, one of its subcommands. */
  private final boolean[] implemented;
  private final Call call;
  private final Call retryCall;
  private final CommandSpec exec;
  private final CommandSpec discard;
  private final CommandSpec multi;
  private final CommandSpec watch;
  private final CommandSpec quit;
  private final CommandSpec reset;

  /**
   * @param clock wall-clock milliseconds, injected so tests control expiry
   * @param requirePass password clients must AUTH with, or null
   */
  public CommandEngine(LongSupplier clock, long maxMemory, EvictionPolicy policy, String requirePass,
                       RespLimits limits, int hz, int maxClients) {
    CommandTable table = CommandTable.redis();
    CommandClock commandClock = new CommandClock(clock);
    Keyspace keyspace = new Keyspace(commandClock);
    keyspace.setPolicy(policy);
    RuntimeSettings settings = new RuntimeSettings(maxMemory, policy, requirePass, limits, hz, maxClients);
    this.node = new NodeContext(keyspace, commandClock, settings, table, CommandDocs.load(), UUID.randomUUID().toString().replace("-", "") + "00000000");
    CommandRegistry registry = new CommandRegistry(table);
    for (CommandFamily family : families()) {
      family.register(registry);
    }
    this.handlers = registry.handlers();
    this.implemented = new boolean[handlers.length];
    for (CommandSpec spec : table.all()) {
      implemented[spec.id()] |= handlers[spec.id()] != null;
      if (spec.parent() != null && handlers[spec.id()] != null) {
        implemented[spec.parent().id()] = true;
      }
    }
    this.call = new Call(node);
    this.retryCall = new Call(node);
    this.exec = table.lookup("exec");
    this.discard = table.lookup("discard");
    this.multi = table.lookup("multi");
    this.watch = table.lookup("watch");
    this.quit = table.lookup("quit");
    this.reset = table.lookup("reset");
  }

  private List<CommandFamily> families() {
    List<CommandFamily> list = new ArrayList<>();
    list.add(new StringCommands());
    list.add(new KeyCommands());
    list.add(new ConnectionCommands());
    list.add(new ServerCommands(this::implemented));
    list.add(new TransactionCommands(this));
    list.add(new PubSubCommands());
    list.addAll(CommandFamilies.dataTypes());
    return list;
  }

  private boolean implemented(CommandSpec spec) {
    return implemented[spec.id()];
  }

  /** Limits new connections' decoders start with (CONFIG SET may change them). */
  public RespLimits limits() {
    return node.settings.limits;
  }

  /**
   * True when a command could run now: the keyspace lock is free, or freed within
   * {@code timeoutMillis}. A node whose lock stays held is not serving, whatever its socket says.
   */
  public boolean responsive(long timeoutMillis) {
    try {
      if (!node.lock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    node.lock.unlock();
    return true;
  }

  /** Opens a session for a new connection, or returns null when {@code maxclients} is reached. */
  public ClientSession connect(Channel channel, RespDecoder decoder) {
    RuntimeSettings s = node.settings;
    if (node.clients.size() >= s.maxClients) {
      node.rejectedConnections++;
      return null;
    }
    ClientSession c = new ClientSession(node.nextClientId.getAndIncrement(), channel, decoder,
        s.requirePass == null, node.clock.read());
    decoder.setAuthenticated(c.authenticated);
    node.clients.put(c.id(), c);
    node.totalConnections++;
    return c;
  }

  /** Forgets a closed connection: its watches, subscriptions, blocked state and buffers. */
  public void disconnect(ClientSession c) {
    node.lock();
    try {
      node.clients.remove(c.id());
      node.watches.unwatchAll(c);
      node.pubsub.unsubscribeAll(c);
      node.blocking.unblock(c);
      c.releaseAll();
    } finally {
      node.unlock();
    }
  }

  /**
   * Runs one command for {@code client}, appending its reply to the client's batch buffer. Does
   * not take ownership of {@code cmd}.
   */
  public void execute(ClientSession client, RespCommand cmd) {
    node.lock();
    try {
      call.client = client;
      call.cmd = cmd;
      call.out = client.out();
      call.mayBlock = true;
      call.retry = false;
      client.lastInteractionMillis = node.keyspace.now();
      dispatch(call);
      node.blocking.serveReady(this);
    } finally {
      call.cmd = null;
      node.unlock();
    }
  }

  /** Runs the periodic active expiry cycle within {@code budgetNanos}. */
  public void activeExpireCycle(long budgetNanos) {
    node.lock();
    try {
      node.keyspace.activeExpireCycle(budgetNanos, System::nanoTime);
    } finally {
      node.unlock();
    }
  }

  /** Settings a running node reads: the active expiry rate. */
  public int hz() {
    return node.settings.hz;
  }

  private void dispatch(Call c) {
    ClientSession client = c.client;
    RespCommand cmd = c.cmd;
    CommandSpec spec = node.table.lookup(cmd);
    if (spec == null || !implemented(spec)) {
      client.lastCommand = "NULL";
      reject(c, null, CommandErrors.unknownCommand(cmd));
      return;
    }
    client.lastCommand = spec.fullName();
    if (spec.hasSubcommands() && cmd.argc() >= 2) {
      CommandSpec sub = spec.subcommand(cmd, 1);
      if (sub == null || handlers[sub.id()] == null) {
        reject(c, spec, CommandErrors.unknownSubcommand(spec, cmd));
        return;
      }
      spec = sub;
      client.lastCommand = spec.fullName();
    }
    if (!spec.acceptsArgc(cmd.argc())) {
      reject(c, spec, CommandErrors.wrongArity(spec));
      return;
    }
    if (!client.authenticated && !spec.has(CommandFlag.NO_AUTH)) {
      reject(c, spec, "NOAUTH Authentication required.");
      return;
    }
    if (client.isSubscriber() && !client.resp3 && !allowedWhileSubscribed(spec)) {
      reject(c, spec, "ERR Can't execute '" + spec.fullName()
          + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
      return;
    }
    if (node.settings.maxMemory > 0 && !node.keyspace.evictUntil(node.settings.maxMemory)
        && spec.has(CommandFlag.DENYOOM)) {
      reject(c, spec, OOM);
      return;
    }
    if (client.inMulti() && spec != exec && spec != discard && spec != multi && spec != watch
        && spec != quit && spec != reset) {
      client.multiQueue.add(cmd.retain());
      RespWriter.queued(c.out);
      return;
    }
    run(c, spec);
  }

  /** Runs a command whose checks have passed. Used directly by EXEC for queued commands. */
  void run(Call c, CommandSpec spec) {
    c.spec = spec;
    ByteBuf out = c.out;
    int mark = out.writerIndex();
    try {
      handlers[spec.id()].handle(c);
    } catch (RedisError e) {
      out.writerIndex(mark);
      RespWriter.error(out, e.getMessage());
    }
    node.totalCommands++;
  }

  /**
   * Runs the queued commands of a transaction, each with its reply, for EXEC. Queued commands
   * were checked when queued; blocking ones answer at once.
   */
  void runQueued(Call c, List<RespCommand> queued) {
    RespCommand execCmd = c.cmd;
    boolean mayBlock = c.mayBlock;
    c.mayBlock = false;
    try {
      for (RespCommand q : queued) {
        c.cmd = q;
        CommandSpec spec = node.table.lookup(q);
        if (spec.hasSubcommands()) {
          spec = spec.subcommand(q, 1);
        }
        run(c, spec);
      }
    } finally {
      c.cmd = execCmd;
      c.mayBlock = mayBlock;
    }
  }

  /**
   * Runs a blocked client's command again, to be served from {@code readyKey}; returns its reply,
   * or null when it is still blocked.
   */
  ByteBuf retryBlocked(ClientSession client, byte[] readyKey) {
    Call c = retryCall;
    RespCommand cmd = client.blockedCommand;
    c.client = client;
    c.cmd = cmd;
    c.out = client.channel().alloc().ioBuffer(64);
    c.mayBlock = true;
    c.retry = true;
    c.readyKey = readyKey;
    try {
      CommandSpec spec = node.table.lookup(cmd);
      run(c, spec);
      if (c.out.writerIndex() == 0) {
        c.out.release();
        return null;
      }
      return c.out;
    } finally {
      c.cmd = null;
      c.out = null;
      c.retry = false;
      c.readyKey = null;
    }
  }

  /**
   * Answers a command that failed a check. Inside MULTI the failure dooms the transaction; when
   * the failed command is EXEC itself, Redis discards the transaction at once and says why.
   */
  private void reject(Call c, CommandSpec spec, String message) {
    ClientSession client = c.client;
    if (client.inMulti() && spec == exec) {
      client.multiQueue.forEach(RespCommand::release);
      client.multiQueue = null;
      client.multiError = false;
      node.watches.unwatchAll(client);
      String reason = message.startsWith("ERR ") ? message.substring(4) : message;
      RespWriter.error(c.out, "EXECABORT Transaction discarded because of: " + reason);
      return;
    }
    if (client.inMulti()) {
      client.multiError = true;
    }
    RespWriter.error(c.out, message);
  }

  private static boolean allowedWhileSubscribed(CommandSpec spec) {
    return switch (spec.fullName()) {
      case "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe",
          "quit", "reset" -> true;
      default -> false;
    };
  }

  /** Event fired down a client's pipeline when an unblocked client may run its pending commands. */
  public enum Resume { INSTANCE }

  NodeContext node() {
    return node;
  }
}
