package io.cachefleet.proxy.frontend;

import io.cachefleet.proxy.backend.Flushable;
import io.cachefleet.proxy.backend.Loop;
import io.cachefleet.proxy.backend.LoopConnections;
import io.cachefleet.proxy.backend.Pending;
import io.cachefleet.proxy.stats.LoopStats;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;

/**
 * What a client connection's handler does whatever protocol the client speaks: it keeps a place
 * for each request's reply in request order, sends the replies ready at the head of that queue,
 * flushes once per event-loop batch through {@link Loop}, closes the connection once the replies
 * owed are sent when asked to, and counts the connection in the pool's statistics.
 *
 * <p>A client that stops reading its replies stops being read: when its channel is not writable,
 * or it has {@link #MAX_PENDING} requests in flight, auto-read is off until it catches up, so one
 * slow client cannot make the proxy buffer without bound.
 *
 * @param <S> the handler's reply slots
 */
abstract class ClientHandler<S extends ClientHandler.Slot> extends ChannelInboundHandlerAdapter implements Flushable {

  /** Requests in flight per client before reading from it pauses; deep pipelines still fill every backend. */
  private static final int MAX_PENDING = 1 << 14;

  /**
   * A request's place in its client's reply order and, once known, its reply. A slot taken while
   * a command is dispatched times its reply as that command's latency.
   */
  abstract static class Slot extends Pending {

    private final ClientHandler<?> client;
    private ByteBuf reply;
    /** The id of the command whose latency this reply ends, or -1 when it is not timed. */
    private int command = -1;
    private long startedAt;

    Slot(ClientHandler<?> client) {
      this.client = client;
    }

    /** Sets the reply, which this slot now owns, and lets the client send what is ready. */
    public final void complete(ByteBuf reply) {
      this.reply = reply;
      if (command >= 0) {
        client.stats.latency(command, System.nanoTime() - startedAt);
      }
      client.completed(this);
    }

    @Override
    protected void onReply(ByteBuf reply) {
      complete(reply);
    }

    /** Times the reply as the latency of command {@code command} (-1: none), read at {@code startedAt}. */
    final void timed(int command, long startedAt) {
      this.command = command;
      this.startedAt = startedAt;
    }

    final boolean ready() {
      return reply != null;
    }

    /** The reply, which the caller now owns; null when it has none. */
    final ByteBuf takeReply() {
      ByteBuf r = reply;
      reply = null;
      return r;
    }
  }

  final Pool pool;
  final long id;
  /** When the client connected, by {@link System#nanoTime()}. */
  final long connectedAt = System.nanoTime();
  /** The id of the command being dispatched, whose latency its slots record; -1 when none is. */
  int timedCommand = -1;
  /** When the command being dispatched, or the last one, was read, by {@link System#nanoTime()}. */
  long dispatchedAt = connectedAt;
  final ArrayDeque<S> replies = new ArrayDeque<>();
  ChannelHandlerContext ctx;
  Loop loop;
  LoopConnections connections;
  LoopStats stats;
  private boolean dirty;
  /** The connection is closed, or closing once its last reply is sent: replies that come are dropped. */
  boolean closed;
  /** Nothing more is read: the connection closes once the replies owed are sent. */
  boolean quitting;
  /** The client asked to be disconnected (QUIT): for the statistics, it ended the connection. */
  private boolean quitRequested;
  /** The connection broke (reset, broken pipe). */
  private boolean failed;

  ClientHandler(Pool pool) {
    this.pool = pool;
    this.id = pool.nextClientId();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.loop = pool.loop(ctx.channel().eventLoop());
    this.connections = pool.connections(ctx.channel().eventLoop());
    this.stats = pool.stats().loop(ctx.channel().eventLoop());
  }

  public ByteBufAllocator alloc() {
    return ctx.alloc();
  }

  /** Takes {@code slot}'s place in the reply order; during a command's dispatch, {@code slot} times its reply. */
  public <T extends S> T enqueue(T slot) {
    slot.timed(timedCommand, dispatchedAt);
    replies.add(slot);
    return slot;
  }

  /** Stops reading from a client with too many requests in flight; called after each request read. */
  final void pauseIfBehind() {
    if (replies.size() >= MAX_PENDING) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  /** Called when {@code slot} got its reply: sends every ready reply at the head of the queue. */
  private void completed(Slot slot) {
    if (closed) {
      release(slot);
      return;
    }
    if (replies.peekFirst() != slot) {
      return;
    }
    S head;
    while ((head = replies.peekFirst()) != null && head.ready()) {
      replies.pollFirst();
      ctx.write(head.takeReply(), ctx.voidPromise());
    }
    markDirty();
  }

  /** Closes the connection once what the client is owed so far is sent. */
  final void disconnect() {
    quitting = true;
    markDirty();
  }

  /** Closes the connection once every reply before this point has been sent, as QUIT does. */
  final void quitAfterReplies() {
    quitting = true;
    quitRequested = true;
    markDirty();
  }

  private void markDirty() {
    if (!dirty) {
      dirty = true;
      loop.dirty(this);
    }
  }

  @Override
  public final void flushNow() {
    dirty = false;
    if (closed) {
      return;
    }
    if (quitting && replies.isEmpty()) {
      ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
      closed = true;
      return;
    }
    ctx.flush();
    boolean caughtUp = ctx.channel().isWritable() && replies.size() < MAX_PENDING / 2;
    if (caughtUp != ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(caughtUp);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    stats.clientConnected();
    ctx.fireChannelActive();
  }

  @Override
  public final void channelReadComplete(ChannelHandlerContext ctx) {
    loop.flushSoon();
  }

  @Override
  public final void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable() && replies.size() < MAX_PENDING / 2) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // closed already: the proxy closed the connection, after a QUIT or on its own
    stats.clientClosed(!failed && (quitRequested || !closed), failed);
    closed = true;
    replies.forEach(ClientHandler::release);
    replies.clear();
  }

  @Override
  public final void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    failed = true;
    ctx.close();
  }

  private static void release(Slot slot) {
    ByteBuf reply = slot.takeReply();
    if (reply != null) {
      reply.release();
    }
  }
}
