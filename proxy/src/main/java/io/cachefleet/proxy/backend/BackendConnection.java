package io.cachefleet.proxy.backend;

import io.cachefleet.protocol.MemcacheReplyDecoder;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespProtocolError;
import io.cachefleet.protocol.RespReplies;
import io.cachefleet.protocol.RespReplyDecoder;
import io.cachefleet.proxy.stats.ServerStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipelined connection from one event loop to one backend. Requests are written in order and
 * the backend answers in order, so a FIFO of {@link Pending} pairs each reply with its request.
 *
 * <p>The connection opens on first use (or at start with {@code preconnect}), sends AUTH, HELLO 3
 * for RESP3 clients and SELECT before anything else (a memcached backend needs none of them), and holds requests written meanwhile until it
 * is up. When it cannot connect, or closes, every request it owes fails with an error naming the
 * backend, and the next request opens it again. A request older than the pool's timeout fails alone: its place in the
 * FIFO is kept and its late reply dropped, so the requests behind it are unaffected.
 *
 * <p>Not thread-safe: used only from its loop's thread.
 */
public final class BackendConnection implements Flushable {

  private static final Logger log = LoggerFactory.getLogger(BackendConnection.class);

  private enum State { IDLE, CONNECTING, READY }

  private final Backend backend;
  private final Loop loop;
  private final ConnectionSettings settings;
  private final ServerStats stats;
  private final PushListener pushes;
  private final ArrayDeque<Pending> inflight = new ArrayDeque<>();
  /** Request bytes and their {@link Pending}s, in order, written while the connection opens. */
  private final ArrayList<Object> waiting = new ArrayList<>();

  private State state = State.IDLE;
  private Channel channel;
  private boolean dirty;
  private ScheduledFuture<?> timer;
  /** The proxy closed the connection itself: not a failure of the backend. */
  private boolean closing;
  /** The backend left the pool: close once every reply owed has come. */
  private boolean retiring;
  /** Why the handshake closed the connection, reported to the requests it owed. */
  private String handshakeFailure;
  /** The connection broke (an I/O error, a protocol violation): the backend did not close it in order. */
  private boolean broken;
  /** Bytes written since the last {@link #expect}: the size of the request being written. */
  private long requestBytes;

  /** @param stats the counters of this connection's loop for {@code backend} */
  public BackendConnection(Backend backend, Loop loop, ConnectionSettings settings, ServerStats stats) {
    this(backend, loop, settings, stats, null);
  }

  /**
   * A connection in push mode, for pub/sub: once the handshake is answered, every value the
   * backend sends goes to {@code pushes}, and so does the connection's end.
   */
  public BackendConnection(Backend backend, Loop loop, ConnectionSettings settings, ServerStats stats,
                           PushListener pushes) {
    this.backend = backend;
    this.loop = loop;
    this.settings = settings;
    this.stats = stats;
    this.pushes = pushes;
  }

  /** Receives what a push-mode connection's backend sends on its own. */
  public interface PushListener {

    /** One value from the backend, which the listener now owns. */
    void push(ByteBuf value);

    /** The connection ended; {@code error} names the backend and the reason. */
    void closed(String error);
  }

  public Backend backend() {
    return backend;
  }

  /** Whether the backend answers this connection in RESP3. */
  public boolean resp3() {
    return settings.resp3();
  }

  /** Sends one request; {@code request} is owned by the connection from now on. */
  public void send(Pending pending, ByteBuf request) {
    write(request);
    expect(pending);
  }

  /**
   * Writes request bytes without expecting a reply yet: a request sent in several buffers is
   * written piece by piece, then {@link #expect}ed once.
   */
  public void write(ByteBuf bytes) {
    if (pushes == null) {
      // a push connection's commands are answered by pushes, so they are not requests owed a reply
      requestBytes += bytes.readableBytes();
    }
    if (state == State.READY) {
      channel.write(bytes, channel.voidPromise());
      markDirty();
    } else {
      waiting.add(bytes);
      if (state == State.IDLE) {
        connect();
      }
    }
  }

  /** Registers the reply owed for what was written since the previous call. */
  public void expect(Pending pending) {
    pending.bytes = requestBytes;
    requestBytes = 0;
    stats.requested(pending.bytes);
    if (state == State.READY) {
      awaitReply(pending);
    } else {
      waiting.add(pending);
      stats.queued(pending.bytes);
    }
  }

  private void awaitReply(Pending pending) {
    pending.sentAt = System.nanoTime();
    inflight.add(pending);
    stats.sent(pending.bytes);
    armTimer();
  }

  /** Opens the connection now rather than on first use. */
  public void preconnect() {
    if (state == State.IDLE) {
      connect();
    }
  }

  /** Closes the connection; what it owes fails. */
  public void close() {
    if (channel != null) {
      closing = true;
      // Not at once: a connection opened later in this turn of the loop could get the descriptor
      // this one frees, and an event the loop already read for this one would then reach that one.
      Channel ch = channel;
      try {
        loop.eventLoop().execute(ch::close);
      } catch (RejectedExecutionException e) {
        ch.close(); // the loop is shutting down: it opens nothing more
      }
    }
  }

  /**
   * Closes the connection once the replies it owes have come, so the requests already sent to a
   * backend that leaves the pool are answered by it.
   */
  public void retire() {
    retiring = true;
    closeIfDrained();
  }

  private void closeIfDrained() {
    if (retiring && inflight.isEmpty() && waiting.isEmpty()) {
      close();
    }
  }

  /** Requests written and not yet answered, timed-out ones included. */
  public int inflight() {
    return inflight.size();
  }

  @Override
  public void flushNow() {
    dirty = false;
    if (channel != null) {
      channel.flush();
    }
  }

  private void markDirty() {
    if (!dirty) {
      dirty = true;
      loop.dirty(this);
    }
  }

  private void connect() {
    state = State.CONNECTING;
    handshakeFailure = null;
    closing = false;
    broken = false;
    Bootstrap b = loop.bootstrap().clone().handler(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast("reply-decoder", settings.memcache() ? new MemcacheReplyDecoder() : new RespReplyDecoder());
        ch.pipeline().addLast("backend", new Handler());
      }
    });
    long timeoutMillis = settings.timeout().toMillis();
    if (timeoutMillis > 0) {
      b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeoutMillis, Integer.MAX_VALUE));
    }
    ChannelFuture f = b.connect(backend.address());
    channel = f.channel();
    f.addListener(done -> {
      if (done.isSuccess()) {
        connected();
      } else {
        connectFailed(done.cause());
      }
      loop.flush();
    });
  }

  private void connected() {
    state = State.READY;
    stats.connected();
    if (!settings.auth().isEmpty()) {
      send(new Handshake("AUTH"), command("AUTH", settings.auth()));
    }
    if (settings.resp3()) {
      send(new Handshake("HELLO 3"), command("HELLO", "3"));
    }
    if (settings.db() != 0) {
      send(new Handshake("SELECT"), command("SELECT", Integer.toString(settings.db())));
    }
    for (Object o : waiting) {
      if (o instanceof ByteBuf bytes) {
        channel.write(bytes, channel.voidPromise());
        markDirty();
      } else {
        Pending p = (Pending) o;
        stats.dequeued(p.bytes);
        awaitReply(p);
      }
    }
    waiting.clear();
  }

  private void connectFailed(Throwable cause) {
    state = State.IDLE;
    channel = null;
    String error = backend.unreachable(cause);
    log.debug("{}", error);
    if (!closing) {
      stats.connectFailed();
      backend.failure(error);
    }
    for (Object o : waiting) {
      if (o instanceof ByteBuf bytes) {
        bytes.release();
      } else {
        Pending p = (Pending) o;
        stats.dequeued(p.bytes);
        p.deliverFailure(error);
      }
    }
    waiting.clear();
    if (pushes != null) {
      pushes.closed(error);
    }
  }

  private void closed() {
    state = State.IDLE;
    channel = null;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    boolean failed = broken || handshakeFailure != null;
    stats.closed(!closing && !failed, !closing && failed);
    String error = handshakeFailure != null ? handshakeFailure : backend.closed();
    if (!closing) {
      backend.failure(error);
    }
    Pending p;
    while ((p = inflight.poll()) != null) {
      stats.settled(p.bytes);
      p.deliverFailure(error);
    }
    if (pushes != null) {
      pushes.closed(error);
    }
    loop.flush();
  }

  private void reply(ByteBuf reply) {
    Pending p = inflight.poll();
    if (p == null && pushes != null) {
      pushes.push(reply);
      return;
    }
    if (p == null) {
      reply.release();
      log.warn("{} sent a reply nobody asked for; closing the connection", backend.label());
      broken = true;
      channel.close();
      return;
    }
    stats.settled(p.bytes);
    stats.responded(reply.readableBytes());
    if (handshakeFailure != null) {
      // the backend refused AUTH or SELECT: what it says to the requests behind them (NOAUTH...)
      // would hide the reason, which the client gets instead
      reply.release();
      p.deliverFailure(handshakeFailure);
      return;
    }
    backend.success();
    p.deliver(reply);
    closeIfDrained();
  }

  private void armTimer() {
    if (timer == null && settings.timeoutNanos() > 0) {
      timer = loop.eventLoop().schedule(this::expireRequests, settings.timeoutNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Fails the requests older than the timeout; requests are in send order, so it stops at the first younger one. */
  private void expireRequests() {
    timer = null;
    long timeout = settings.timeoutNanos();
    long now = System.nanoTime();
    for (Pending p : inflight) {
      long age = now - p.sentAt;
      if (age < timeout) {
        timer = loop.eventLoop().schedule(this::expireRequests, timeout - age, TimeUnit.NANOSECONDS);
        break;
      }
      if (!p.isDone()) {
        stats.timedOut();
        String error = backend.timedOut(settings.timeout().toMillis());
        backend.failure(error);
        p.deliverFailure(error);
      }
    }
    loop.flush();
  }

  private static ByteBuf command(String... args) {
    return RespCommand.of(PooledByteBufAllocator.DEFAULT.buffer(), args).content();
  }

  /** AUTH or SELECT sent on connect: an error reply closes the connection, naming the reason. */
  private final class Handshake extends Pending {
    private final String command;

    Handshake(String command) {
      this.command = command;
    }

    @Override
    protected void onReply(ByteBuf reply) {
      try {
        if (RespReplies.isError(reply)) {
          handshakeFailure = "ERR backend " + backend.label() + " refused " + command + ": "
              + reply.toString(reply.readerIndex() + 1, reply.readableBytes() - 3, StandardCharsets.UTF_8);
          log.warn("{}", handshakeFailure);
          channel.close();
        }
      } finally {
        reply.release();
      }
    }

    @Override
    protected void onFailure(String error) {
      // the connection is already failing every request it owes
    }
  }

  /** The connection's channel handler: replies, end of batch, close. */
  private final class Handler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf reply) {
        reply(reply);
      } else if (msg instanceof RespProtocolError error) {
        log.warn("{} broke the protocol: {}; closing the connection", backend.label(), error.reply());
        broken = true;
        ctx.close();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      loop.flushSoon();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("{}: {}", backend.label(), cause.toString());
      broken = true;
      ctx.close();
    }
  }
}
