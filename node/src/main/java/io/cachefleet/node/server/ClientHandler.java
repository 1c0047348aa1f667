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
 * with one flush. While the client is blocked (BLPOP) its later commands wait, in order, and
 * reading pauses; reading also pauses while the client does not take its replies.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter {

  private final CommandEngine engine;
  private final RespDecoder decoder;
  private ClientSession session;

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
    if (session.isBlocked() || !session.pending().isEmpty()) {
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
    } else if (session.isBlocked()) {
      ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    flush(ctx);
    ctx.fireChannelReadComplete();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof CommandEngine.Resume)) {
      ctx.fireUserEventTriggered(evt);
      return;
    }
    RespCommand cmd;
    while (session != null && !session.isBlocked() && !session.closeAfterReply()
        && (cmd = session.pending().poll()) != null) {
      run(ctx, cmd);
    }
    flush(ctx);
    if (session != null && !session.isBlocked() && ctx.channel().isWritable()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    boolean writable = ctx.channel().isWritable();
    if (session != null && !session.isBlocked()) {
      ctx.channel().config().setAutoRead(writable);
    }
    ctx.fireChannelWritabilityChanged();
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
    if (session == null) {
      return;
    }
    ByteBuf out = session.takeOut();
    if (out == null) {
      return;
    }
    if (out.isReadable()) {
      ctx.writeAndFlush(out, ctx.voidPromise());
    } else {
      out.release();
    }
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
