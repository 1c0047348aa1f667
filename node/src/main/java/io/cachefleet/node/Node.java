package io.cachefleet.node;

import io.cachefleet.node.command.CommandEngine;
import io.cachefleet.node.server.ClientHandler;
import io.cachefleet.protocol.RespDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running memory node: a RESP server over the node's keyspace.
 *
 * <pre>{@code
 * try (Node node = Node.start(NodeConfig.defaults(7001))) {
 *   ... node.port() ...
 * }
 * }</pre>
 */
public final class Node implements AutoCloseable {

  /** Active expiry may take this share of each cycle's period, as Redis's 25%. */
  private static final int EXPIRE_CYCLE_PERCENT = 25;

  private final NodeConfig config;
  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final ChannelGroup connections;
  private final CommandEngine engine;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Node(NodeConfig config, EventLoopGroup group, Channel serverChannel, ChannelGroup connections,
               CommandEngine engine) {
    this.config = config;
    this.group = group;
    this.serverChannel = serverChannel;
    this.connections = connections;
    this.engine = engine;
  }

  /** Binds the node's port and starts serving; throws when the port cannot be bound. */
  public static Node start(NodeConfig config) throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.ioThreads(), io);
    ChannelGroup connections = new DefaultChannelGroup("node-connections", GlobalEventExecutor.INSTANCE);
    try {
      CommandEngine engine = new CommandEngine(System::currentTimeMillis, config.maxMemory(), config.policy(),
          config.requirePass(), config.limits(), config.hz(), config.maxClients());
      ServerBootstrap b = new ServerBootstrap()
          .group(group)
          .channel(channelType)
          .option(ChannelOption.SO_BACKLOG, 511)
          .option(ChannelOption.SO_REUSEADDR, true)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 8 << 20))
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              connections.add(ch);
              RespDecoder decoder = new RespDecoder(engine.limits());
              ch.pipeline().addLast("resp-decoder", decoder);
              ch.pipeline().addLast("commands", new ClientHandler(engine, decoder));
            }
          });
      Channel server = b.bind(new InetSocketAddress(config.bind(), config.port())).sync().channel();
      long period = 1000L / engine.hz();
      long budget = TimeUnit.MILLISECONDS.toNanos(period) * EXPIRE_CYCLE_PERCENT / 100;
      group.next().scheduleAtFixedRate(() -> engine.activeExpireCycle(budget), period, period, TimeUnit.MILLISECONDS);
      return new Node(config, group, server, connections, engine);
    } catch (RuntimeException | InterruptedException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /** How long {@link #health()} waits for the keyspace before it calls the node stuck. */
  private static final long HEALTH_TIMEOUT_MILLIS = 500;

  /** Whether the node serves, and why not: what its registration reports as its health check. */
  public Health health() {
    if (closed.get() || !serverChannel.isActive()) {
      return new Health(false, "not listening");
    }
    if (!engine.responsive(HEALTH_TIMEOUT_MILLIS)) {
      return new Health(false, "the keyspace has been busy for over " + HEALTH_TIMEOUT_MILLIS + " ms");
    }
    return new Health(true, "serving on port " + port());
  }

  /** A node's health: serving or not, and a note saying why. */
  public record Health(boolean serving, String note) {}

  /**
   * Completes when every client connection open now has closed: how a node leaving the fleet
   * learns that the proxies stopped sending to it. Connections opened later are not waited for.
   */
  public CompletableFuture<Void> drained() {
    CompletableFuture<Void> drained = new CompletableFuture<>();
    Runnable check = () -> {
      if (connections.isEmpty()) {
        drained.complete(null);
      }
    };
    // the group drops a channel in its own close listener, added before this one
    for (Channel ch : connections) {
      ch.closeFuture().addListener(f -> check.run());
    }
    check.run();
    return drained;
  }

  /** The port the node listens on. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public NodeConfig config() {
    return config;
  }

  /** Blocks until the node is closed. */
  public void awaitClose() throws InterruptedException {
    serverChannel.closeFuture().sync();
  }

  /** Stops the node; closing it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    serverChannel.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly(); // releases what each connection still holds

    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
