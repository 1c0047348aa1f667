package io.cachefleet.node.server;

import io.cachefleet.node.command.ClientSession;
import io.cachefleet.node.command.CommandEngine;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespDecoder;
import io.cachefleet.protocol.RespProtocolError;
import io.cachefleet.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Runs a connection's commands through the engine and writes the replies of each read batch
 * with one flush.
 *
 * <p>Replies accumulate in one buffer per batch; past {@link #WRITE_CHUNK} bytes the buffer is
 * handed to the channel and a new one started, so a pipeline of large replies never grows (and
 * copies) one huge buffer. While the client is blocked (BLPOP), or is not taking its replies
 * (the channel is unwritable), its later commands wait in order in the session and reading
 * pauses; they run once it is unblocked or writable again.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter {

  /** Replies written to the channel in pieces of about this size within one read batch. */
  static final int WRITE_CHUNK = 64 * 1024;

  private final CommandEngine engine;
  private final RespDecoder decoder;
  private ClientSession session;
  /** Chunks of this batch's replies were written but not flushed yet. */
  private boolean unflushed;

  public ClientHandler(CommandEngine engine, RespDecoder decoder) {
    this.engine = engine;
    this.decoder = decoder;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    session = engine.connect(ctx.channel(), decoder);
    if (session == null) {
      ByteBuf err = ctx.alloc().ioBuffer(48);
      RespWriter.error(err, "ERR max number of clients reached");
      ctx.writeAndFlush(err).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (session == null || session.closeAfterReply()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof RespProtocolError error) {
      session.closeAfterReply = true;
      if (error.reply() != null) {
        RespWriter.error(session.takeOrAllocateOut(), error.reply());
      }
      flushAndClose(ctx);
      return;
    }
    RespCommand cmd = (RespCommand) msg;
    if (session.isBlocked() || !session.pending().isEmpty() || !ctx.channel().isWritable()) {
      session.pending().add(cmd);
      ctx.channel().config().setAutoRead(false);
      return;
    }
    run(ctx, cmd);
  }

  private void run(ChannelHandlerContext ctx, RespCommand cmd) {
    try {
      engine.execute(session, cmd);
    } finally {
      cmd.release();
    }
    if (session.closeAfterReply()) {
      flushAndClose(ctx);
      return;
    }
    if (session.isBlocked()) {
      ctx.channel().config().setAutoRead(false);
    }
    if (session.outBytes() >= WRITE_CHUNK) {
      ctx.write(session.takeOut(), ctx.voidPromise());
      unflushed = true;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flush(ctx);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof CommandEngine.Resume) {
      runPending(ctx);
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      runPending(ctx);
    } else {
      ctx.channel().config().setAutoRead(false);
    }
    ctx.fireChannelWritabilityChanged();
  }

  /** Runs commands that waited while the client was blocked or unwritable, then reads again. */
  private void runPending(ChannelHandlerContext ctx) {
    RespCommand cmd;
    while (session != null && !session.isBlocked() && !session.closeAfterReply() && ctx.channel().isWritable()
        && (cmd = session.pending().poll()) != null) {
      run(ctx, cmd);
    }
    flush(ctx);
    if (session != null && !session.isBlocked() && ctx.channel().isWritable() && session.pending().isEmpty()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (session != null) {
      engine.disconnect(session);
      session = null;
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void flush(ChannelHandlerContext ctx) {
    ByteBuf out = session == null ? null : session.takeOut();
    if (out != null && out.isReadable()) {
      ctx.writeAndFlush(out, ctx.voidPromise());
    } else {
      if (out != null) {
        out.release();
      }
      if (unflushed) {
        ctx.flush();
      }
    }
    unflushed = false;
  }

  private void flushAndClose(ChannelHandlerContext ctx) {
    ByteBuf out = session.takeOut();
    if (out == null) {
      ctx.close();
    } else {
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
