package io.cachefleet.proxy.backend;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.ArrayList;

/**
 * What one event loop owns across pools: a bootstrap for its backend connections, and the
 * channels written to since the last flush.
 *
 * <h2>One flush per batch</h2>
 * A client's read batch may send requests to several backends, and a backend's read batch may
 * complete requests of many clients. Writers mark themselves dirty here instead of flushing.
 * Reads end with {@link #flushSoon()}, which flushes once the event loop has handled every
 * channel that was ready: the requests of all the clients read in one {@code epoll_wait} reach a
 * backend in one {@code writev}, as they do in Twemproxy, whose writes wait for the next turn of
 * its event loop. Timers and closed connections, which end no read batch, call {@link #flush()}.
 * Everything here runs on the loop's own thread.
 */
public final class Loop {

  /** Backend connections stop taking writes above this many unsent bytes until the kernel drains them. */
  private static final WriteBufferWaterMark BACKEND_WATER_MARK = new WriteBufferWaterMark(1 << 20, 8 << 20);

  private final EventLoop eventLoop;
  private final Bootstrap bootstrap;
  private final ArrayList<Flushable> dirty = new ArrayList<>();
  private final Runnable flushTask = this::flush;
  private boolean flushScheduled;

  public Loop(EventLoop eventLoop) {
    this.eventLoop = eventLoop;
    this.bootstrap = new Bootstrap()
        .group(eventLoop)
        .channel(Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, BACKEND_WATER_MARK);
  }

  public EventLoop eventLoop() {
    return eventLoop;
  }

  Bootstrap bootstrap() {
    return bootstrap;
  }

  /** Queues {@code f} for the next {@link #flush()}; the caller marks itself so it is queued once. */
  public void dirty(Flushable f) {
    dirty.add(f);
  }

  /**
   * Flushes what was written once the loop has served every channel ready now: a task queued
   * from the loop's own thread runs after its current batch of I/O.
   */
  public void flushSoon() {
    if (!flushScheduled && !dirty.isEmpty()) {
      flushScheduled = true;
      eventLoop.execute(flushTask);
    }
  }

  /** Flushes every channel written since the last call. */
  public void flush() {
    flushScheduled = false;
    // a flush may complete requests (a write failure) and so queue more: index, not iterator
    for (int i = 0; i < dirty.size(); i++) {
      dirty.get(i).flushNow();
    }
    dirty.clear();
  }
}
