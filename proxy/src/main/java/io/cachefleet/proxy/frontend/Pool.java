package io.cachefleet.proxy.frontend;

import io.cachefleet.discovery.NodeDirectory;
import io.cachefleet.protocol.CommandDocs;
import io.cachefleet.protocol.CommandTable;
import io.cachefleet.protocol.MemcacheDecoder;
import io.cachefleet.protocol.RespDecoder;
import io.cachefleet.protocol.RespLimits;
import io.cachefleet.proxy.PoolConfig;
import io.cachefleet.proxy.backend.ConnectionSettings;
import io.cachefleet.proxy.backend.LoopConnections;
import io.cachefleet.proxy.backend.Loop;
import io.cachefleet.proxy.route.Router;
import io.cachefleet.proxy.stats.PoolStats;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the clients of one pool share: its settings, the command table, the router, each event
 * loop's connections to the backends, and the pool's statistics. The router follows the pool's
 * {@link NodeDirectory} from {@link #follow()} until {@link #close()}.
 */
public final class Pool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pool.class);


  private final PoolConfig config;
  private final CommandTable table;
  private final CommandDocs docs;
  private final RespLimits limits;
  private final Router router;
  private final NodeDirectory directory;
  private AutoCloseable watch;
  private final ConnectionSettings dedicatedSettings;
  private final ConnectionSettings dedicatedResp3Settings;
  private final Map<EventLoop, Loop> loops;
  private final Map<EventLoop, LoopConnections> connections;
  /** Each event loop's clients of this pool, touched only on that loop. */
  private final Map<EventLoop, Set<FrontendHandler>> clients;
  private final PoolStats stats;
  private final AtomicLong clientIds = new AtomicLong();
  private final long startedAt = System.currentTimeMillis();
  private volatile int port;

  public Pool(PoolConfig config, CommandTable table, CommandDocs docs, RespLimits limits, Router router,
              NodeDirectory directory, Map<EventLoop, Loop> loops, Map<EventLoop, LoopConnections> connections,
              PoolStats stats) {
    // a client's own connection holds blocking commands, which wait as long as they ask
    this.dedicatedSettings = ConnectionSettings.redis(config.redisAuth(), config.redisDb(), Duration.ZERO);
    this.dedicatedResp3Settings = dedicatedSettings.withResp3();
    this.config = config;
    this.table = table;
    this.docs = docs;
    this.limits = limits;
    this.router = router;
    this.directory = directory;
    this.loops = Map.copyOf(loops);
    this.connections = Map.copyOf(connections);
    Map<EventLoop, Set<FrontendHandler>> clients = new HashMap<>();
    loops.keySet().forEach(loop -> clients.put(loop, new LinkedHashSet<>()));
    this.clients = Map.copyOf(clients);
    this.stats = stats;
  }

  public PoolConfig config() {
    return config;
  }

  public PoolStats stats() {
    return stats;
  }

  public Router router() {
    return router;
  }

  /** Where the pool's members come from. */
  public NodeDirectory directory() {
    return directory;
  }

  /** Routes over the directory's membership now, and over every change it reports from now on. */
  public synchronized void follow() {
    watch = directory.watch(router::update);
    // a change reported meanwhile has a later version, and the router keeps it
    router.update(directory.current());
  }

  /**
   * Waits up to {@code timeout} for the pool's first members, which a directory such as Consul
   * reports a moment after it starts; returns whether the pool has members.
   */
  public boolean awaitMembers(Duration timeout) throws InterruptedException {
    CountDownLatch members = new CountDownLatch(1);
    Runnable check = () -> {
      if (!router.backends().isEmpty()) {
        members.countDown();
      }
    };
    router.onChange(check);
    check.run();
    boolean found = members.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    router.removeOnChange(check);
    return found;
  }

  /** Stops following the directory and closes it. */
  @Override
  public synchronized void close() {
    try {
      if (watch != null) {
        watch.close();
      }
    } catch (Exception e) {
      log.warn("pool {}: stopping the watch of its members failed: {}", config.name(), e.toString());
    }
    directory.close();
  }

  CommandTable table() {
    return table;
  }

  CommandDocs docs() {
    return docs;
  }

  /**
   * Sets up a new client connection's pipeline: the RESP decoder and the client's handler, or
   * their memcached counterparts for a pool of memcached servers.
   */
  public void initClient(Channel ch) {
    if (!config.redis()) {
      ch.pipeline().addLast("memcache-decoder", new MemcacheDecoder());
      ch.pipeline().addLast("frontend", new MemcacheFrontend(this));
      return;
    }
    RespDecoder decoder = new RespDecoder(limits);
    ch.pipeline().addLast("resp-decoder", decoder);
    ch.pipeline().addLast("frontend", new FrontendHandler(this, decoder));
  }

  Loop loop(EventLoop eventLoop) {
    return loops.get(eventLoop);
  }

  LoopConnections connections(EventLoop eventLoop) {
    return connections.get(eventLoop);
  }

  /** The pool's clients on {@code eventLoop}; only that loop's thread may use the set. */
  Set<FrontendHandler> clients(EventLoop eventLoop) {
    return clients.get(eventLoop);
  }

  /** Every event loop the pool's clients are on. */
  List<EventLoop> eventLoops() {
    return List.copyOf(clients.keySet());
  }

  /** The settings of a client's own connections, for a client speaking RESP3 or not. */
  ConnectionSettings dedicatedSettings(boolean resp3) {
    return resp3 ? dedicatedResp3Settings : dedicatedSettings;
  }

  long nextClientId() {
    return clientIds.incrementAndGet();
  }

  /** Records the port the pool's listener was bound to. */
  public void bound(int port) {
    this.port = port;
  }

  int port() {
    return port;
  }

  long startedAt() {
    return startedAt;
  }
}
