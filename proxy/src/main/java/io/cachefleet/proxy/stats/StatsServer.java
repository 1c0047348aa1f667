package io.cachefleet.proxy.stats;

import io.cachefleet.proxy.Proxy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;

/**
 * Twemproxy's stats port: each connection receives the stats document, in nutcracker's JSON, and
 * is closed. The document has nutcracker's fields and nesting: a header, then one object per pool,
 * keyed by the pool's name, with the pool's fields and one object per backend, keyed by the
 * backend's name. Each pool also carries, as flat numbers, the latency of every command it has
 * answered: {@code latency_<command>_p50_us}, {@code _p99_us}, {@code _p999_us} (microseconds)
 * and {@code _count}, with {@code |} in subcommand names written {@code _}
 * ({@code latency_client_id_p50_us}); dashboards take nested objects for servers, so these stay scalars.
 *
 * <p>Twemproxy aggregates its counters on a timer ({@code -i}) and serves the last aggregate; the
 * proxy computes the document when a client connects ({@link PoolStats}), so it is always current
 * and has no interval to set.
 *
 * <h2>What the fields count here</h2>
 * Header: {@code service} is {@code cachefleet} and {@code version} its version;
 * {@code total_connections} counts the pools' listeners, the clients accepted and the backend
 * connections opened since the start, {@code curr_connections} those open now, as nutcracker
 * counts its own.
 *
 * <p>Pool: {@code client_eof}, client connections the client closed or ended with QUIT (as
 * Twemproxy counts QUIT); {@code client_err}, client connections that broke (reset, broken pipe);
 * {@code client_connections}, those open; {@code server_ejects}, times a backend was taken out of
 * the ring by {@code auto_eject_hosts}, a failed probe of an ejected backend included;
 * {@code forward_error}, requests answered with an error because no backend was live to take
 * them; {@code fragments}, backend requests made by splitting a client request over several
 * backends (MGET, MSET, DEL, ... and the whole-keyspace commands such as DBSIZE). nutcracker
 * 0.5.0 lists {@code fragments} but leaves it at 0.
 *
 * <p>Server: {@code server_eof}, connections the backend closed; {@code server_err},
 * connections that could not open or broke (I/O error, protocol violation, AUTH or SELECT
 * refused); {@code server_timedout}, requests failed by the pool's timeout (Twemproxy closes the
 * connection on a timeout and counts a {@code server_err} too; the proxy fails only the late
 * request); {@code server_connections}, connections open from every event loop: shared ones, a
 * client's own (blocking commands, WATCH, pub/sub), health probes; {@code server_ejected_at},
 * when the backend was last ejected, in microseconds since the epoch, 0 if never;
 * {@code requests} and {@code request_bytes}, requests sent expecting a reply, the AUTH and
 * SELECT that open a connection and health probes included (Twemproxy leaves its AUTH out),
 * pub/sub commands, answered by pushes, not; {@code responses} and {@code response_bytes}, the
 * replies to them, late ones included; {@code in_queue} and {@code in_queue_bytes}, requests
 * waiting for their connection to open; {@code out_queue} and {@code out_queue_bytes}, requests
 * written to an open connection and awaiting their reply, a timed-out one until its late reply
 * comes or the connection ends.
 */
public final class StatsServer implements AutoCloseable {

  private final Channel listener;

  private StatsServer(Channel listener) {
    this.listener = listener;
  }

  /**
   * Listens on {@code bind:port} (0 for a free port) with the proxy's event loops.
   *
   * @param pools every pool, served by the same event loops
   */
  public static StatsServer start(String bind, int port, EventLoopGroup group, Class<? extends ServerChannel> type,
                                  List<PoolStats> pools, Clock clock) throws InterruptedException {
    Responder responder = new Responder(pools, clock);
    Channel listener = new ServerBootstrap()
        .group(group)
        .channel(type)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(responder)
        .bind(new InetSocketAddress(bind, port)).sync().channel();
    return new StatsServer(listener);
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
  }

  /** Sends each new connection the document, then closes it; reads nothing. */
  @ChannelHandler.Sharable
  private static final class Responder extends ChannelInboundHandlerAdapter {
    private final List<PoolStats> pools;
    private final List<EventLoop> loops;
    private final Clock clock;
    private final String source = hostname();
    private final String version = Proxy.version();
    private final long startedAt;

    Responder(List<PoolStats> pools, Clock clock) {
      this.pools = List.copyOf(pools);
      this.loops = pools.get(0).loops();
      this.clock = clock;
      this.startedAt = clock.millis();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel ch = ctx.channel();
      List<PoolSnapshot> snapshots = pools.stream().map(PoolStats::newSnapshot).toList();
      Relay.run(loops, loop -> {
        for (int i = 0; i < pools.size(); i++) {
          snapshots.get(i).add(pools.get(i).loop(loop));
        }
      }, ch.eventLoop(), () -> {
        long now = clock.millis();
        StatsJson.Header header = new StatsJson.Header("cachefleet", source, version, (now - startedAt) / 1000,
            now / 1000);
        String document = StatsJson.render(header, snapshots);
        ch.writeAndFlush(ByteBufUtil.writeUtf8(ch.alloc(), document)).addListener(ChannelFutureListener.CLOSE);
      });
    }

    /** The host's name, as nutcracker's {@code source}; read once, at start, off the event loops. */
    private static String hostname() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "unknown";
      }
    }

  }
}
