package io.cachefleet.proxy;

import io.cachefleet.discovery.NodeDirectory;
import io.cachefleet.discovery.StaticNodeDirectory;
import io.cachefleet.protocol.CommandDocs;
import io.cachefleet.protocol.CommandTable;
import io.cachefleet.protocol.MemcacheCommand;
import io.cachefleet.protocol.RespLimits;
import io.cachefleet.proxy.admin.AdminServer;
import io.cachefleet.proxy.admin.ProxyMetrics;
import io.cachefleet.proxy.backend.BackendHealth;
import io.cachefleet.proxy.backend.ConnectionSettings;
import io.cachefleet.proxy.backend.Loop;
import io.cachefleet.proxy.backend.LoopConnections;
import io.cachefleet.proxy.frontend.Pool;
import io.cachefleet.proxy.route.Router;
import io.cachefleet.proxy.stats.PoolStats;
import io.cachefleet.proxy.stats.StatsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running proxy: one listener per pool, all served by one group of event loops.
 *
 * <pre>{@code
 * try (Proxy proxy = Proxy.start(config)) {
 *   int port = proxy.port("alpha");
 * }
 * }</pre>
 *
 * <p>Each event loop owns its connections to every backend, so a request is read, routed,
 * forwarded and answered on one thread without locks or hand-offs. The stats port, unless
 * disabled, serves Twemproxy's stats document ({@link StatsServer}).
 */
public final class Proxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Proxy.class);

  /** How long a pool's ports wait for its first members from a directory such as Consul. */
  private static final Duration FIRST_MEMBERS_TIMEOUT = Duration.ofSeconds(5);

  private final EventLoopGroup group;
  private final Map<String, Channel> listeners;
  private final List<Pool> pools;
  private final ChannelGroup clients;
  /** Null when the stats port is disabled. */
  private final StatsServer stats;
  /** Null when the admin port is disabled. */
  private final AdminServer admin;
  private final PrometheusMeterRegistry registry;
  private final AtomicBoolean closed;

  private Proxy(EventLoopGroup group, Map<String, Channel> listeners, List<Pool> pools, ChannelGroup clients,
                StatsServer stats, AdminServer admin, PrometheusMeterRegistry registry, AtomicBoolean closed) {
    this.group = group;
    this.listeners = listeners;
    this.pools = pools;
    this.clients = clients;
    this.stats = stats;
    this.admin = admin;
    this.registry = registry;
    this.closed = closed;
  }

  /**
   * Starts a proxy whose pools route to the servers their configuration lists.
   *
   * @throws IllegalArgumentException when a pool takes its servers from Consul
   */
  public static Proxy start(ProxyConfig config) throws InterruptedException {
    return start(config, pool -> {
      if (pool.servers().isEmpty()) {
        throw new IllegalArgumentException("pool " + pool.name() + " takes its servers from Consul service '"
            + pool.consulService() + "', and no directory was given for it");
      }
      return new StaticNodeDirectory(pool.servers());
    });
  }

  /**
   * Binds every pool's listen address and the stats port, and starts serving; throws when one
   * cannot be bound.
   *
   * @param directories the source of each pool's members; the proxy closes what it returns
   */
  public static Proxy start(ProxyConfig config, Function<PoolConfig, NodeDirectory> directories)
      throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> serverType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.eventLoops(), io);
    ChannelGroup clients = new DefaultChannelGroup("proxy-clients", GlobalEventExecutor.INSTANCE);
    Map<String, Channel> listeners = new ConcurrentHashMap<>(); // read by the admin port as it fills
    List<Pool> pools = new ArrayList<>();
    StatsServer stats = null;
    AdminServer admin = null;
    try {
      CommandTable table = CommandTable.redis();
      CommandDocs docs = CommandDocs.load();
      Clock clock = Clock.systemUTC();
      Map<EventLoop, Loop> loops = new HashMap<>();
      for (EventExecutor e : group) {
        loops.put((EventLoop) e, new Loop((EventLoop) e));
      }
      for (PoolConfig poolConfig : config.pools()) {
        Pool pool = pool(poolConfig, directories.apply(poolConfig), table, docs, loops, clock);
        pools.add(pool);
        pool.follow();
      }
      for (Pool pool : pools) {
        if (!pool.awaitMembers(FIRST_MEMBERS_TIMEOUT)) {
          log.warn("pool {}: no members from {} after {} ms; serving, and answering errors until some come",
              pool.config().name(), pool.directory().status().source(), FIRST_MEMBERS_TIMEOUT.toMillis());
        }
      }
      // the pools' ports open last: a client that reaches one finds the stats and admin ports up
      AtomicBoolean closed = new AtomicBoolean();
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ProxyMetrics.bind(registry, pools);
      if (config.statsPort() >= 0) {
        List<PoolStats> poolStats = pools.stream().map(Pool::stats).toList();
        stats = bind("stats-port", config.statsBind(), config.statsPort(),
            () -> StatsServer.start(config.statsBind(), config.statsPort(), group, serverType, poolStats, clock));
      }
      if (config.adminPort() >= 0) {
        admin = bind("admin-port", config.adminBind(), config.adminPort(),
            () -> AdminServer.start(config.adminBind(), config.adminPort(), group, pools,
                () -> serving(closed, pools, listeners), registry));
      }
      for (Pool pool : pools) {
        PoolConfig.ListenAddress listen = pool.config().listen();
        listeners.put(pool.config().name(), bind("pool " + pool.config().name(), listen.host(), listen.port(),
            () -> listen(pool, group, serverType, clients)));
      }
      return new Proxy(group, listeners, pools, clients, stats, admin, registry, closed);
    } catch (Exception e) {
      // a failed bind throws its BindException unchecked through Netty's sync()
      listeners.values().forEach(Channel::close);
      if (stats != null) {
        stats.close();
      }
      if (admin != null) {
        admin.close();
      }
      pools.forEach(Pool::close);
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  private static Pool pool(PoolConfig config, NodeDirectory directory, CommandTable table, CommandDocs docs,
                           Map<EventLoop, Loop> loops, Clock clock) {
    Router router = new Router(config.name(), config.hash(), config.hashTag(), config.distribution());
    List<String> commands = config.redis() ? PoolStats.commandNames(table)
        : Arrays.stream(MemcacheCommand.values()).map(MemcacheCommand::wireName).toList();
    PoolStats stats = new PoolStats(config.name(), router::backends, commands, loops.keySet(), clock);
    ConnectionSettings settings = config.redis()
        ? ConnectionSettings.redis(config.redisAuth(), config.redisDb(), config.timeout())
        : ConnectionSettings.memcache(config.timeout());
    Map<EventLoop, LoopConnections> connections = new HashMap<>();
    for (Loop loop : loops.values()) {
      connections.put(loop.eventLoop(), new LoopConnections(loop, settings, config.serverConnections(),
          stats.loop(loop.eventLoop())));
    }
    if (config.autoEjectHosts()) {
      Loop prober = loops.values().iterator().next();
      router.onJoin(b -> b.health(new BackendHealth(b, config.serverFailureLimit(), config.serverRetryTimeout(),
          prober, settings, stats, router::refresh)));
    }
    if (config.preconnect()) {
      router.onJoin(b -> connections.forEach((loop, conns) -> loop.execute(() -> conns.preconnect(b))));
    }
    router.onLeave(b -> {
      AtomicInteger left = new AtomicInteger(connections.size());
      connections.forEach((loop, conns) -> loop.execute(() -> {
        conns.retire(b);
        if (left.decrementAndGet() == 0) {
          router.release(b);
        }
      }));
    });
    return new Pool(config, table, docs, RespLimits.REDIS_DEFAULTS, router, directory, loops, connections, stats);
  }

  /** A port that could not be bound: its message names the address, the setting and the reason. */
  public static final class ListenFailure extends RuntimeException {
    ListenFailure(String what, String address, Throwable cause) {
      super(address + " (" + what + "): " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
          : cause.getMessage()), cause);
    }
  }

  /** Binds with {@code bind}, naming {@code what} and its address when that fails. */
  private static <T> T bind(String what, String host, int port, Callable<T> bind) throws InterruptedException {
    try {
      return bind.call();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // Netty rethrows a BindException unchecked from sync(); Reactor Netty wraps it
      throw new ListenFailure(what, host + ":" + port, e);
    }
  }

  private static Channel listen(Pool pool, EventLoopGroup group, Class<? extends ServerChannel> serverType,
                                ChannelGroup clients) throws InterruptedException {
    PoolConfig config = pool.config();
    ChannelGroup poolClients = new DefaultChannelGroup(config.name() + "-clients", GlobalEventExecutor.INSTANCE);
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(serverType)
        .option(ChannelOption.SO_BACKLOG, config.backlog())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 8 << 20))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (config.clientConnections() > 0 && poolClients.size() >= config.clientConnections()) {
              ch.close();
              return;
            }
            poolClients.add(ch);
            clients.add(ch);
            pool.initClient(ch);
          }
        });
    Channel listener = b.bind(new InetSocketAddress(config.listen().host(), config.listen().port())).sync().channel();
    pool.bound(((InetSocketAddress) listener.localAddress()).getPort());
    return listener;
  }

  /** cachefleet's version as the jar's manifest carries it; "dev" when run from a build's classes. */
  public static String version() {
    String version = Proxy.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /** The port pool {@code name} listens on. */
  public int port(String name) {
    Channel ch = listeners.get(name);
    if (ch == null) {
      throw new IllegalArgumentException("no pool named '" + name + "'");
    }
    return ((InetSocketAddress) ch.localAddress()).getPort();
  }

  /** The port of the stats listener, or -1 when it is disabled. */
  public int statsPort() {
    return stats == null ? -1 : stats.port();
  }

  /** The port of the admin HTTP listener, or -1 when it is disabled. */
  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  /** True while every pool's listener is open: what the proxy's health check in Consul reports. */
  public boolean serving() {
    return serving(closed, pools, listeners);
  }

  private static boolean serving(AtomicBoolean closed, List<Pool> pools, Map<String, Channel> listeners) {
    return !closed.get() && listeners.size() == pools.size()
        && listeners.values().stream().allMatch(Channel::isActive);
  }

  /** The running pools, in configuration order. */
  public List<Pool> pools() {
    return pools;
  }

  /** Blocks until the proxy is closed. */
  public void awaitClose() throws InterruptedException {
    for (Channel ch : listeners.values()) {
      ch.closeFuture().sync();
    }
  }

  /** Stops the proxy; closing it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    listeners.values().forEach(ch -> ch.close().syncUninterruptibly());
    pools.forEach(Pool::close);
    if (stats != null) {
      stats.close();
    }
    if (admin != null) {
      admin.close();
    }
    registry.close();
    clients.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
