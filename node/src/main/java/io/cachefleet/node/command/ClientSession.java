package io.cachefleet.node.command;

import io.cachefleet.protocol.ClientDescription;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * Everything the node knows of one client connection: identity, protocol version, transaction,
 * watched keys, subscriptions, blocking state, and the reply buffer of the current read batch.
 *
 * <p>Fields are touched on the connection's event loop, or under the keyspace lock when another
 * client's command acts on this one (serving a blocked client, CLIENT KILL, PUBLISH).
 */
public final class ClientSession {

  private final long id;
  private final Channel channel;
  private final RespDecoder decoder;
  private final long createdMillis;
  private ByteBuf out;

  String name;
  boolean resp3;
  boolean authenticated;
  /** Set by QUIT and protocol errors: the connection closes once its replies are written. */
  public boolean closeAfterReply;
  long lastInteractionMillis;
  String lastCommand = "NULL";

  /** Commands queued by MULTI, retained until EXEC, DISCARD or disconnect; null outside MULTI. */
  List<RespCommand> multiQueue;
  /** A command failed to queue: EXEC answers EXECABORT. */
  boolean multiError;
  /** A watched key changed: EXEC answers null. */
  boolean watchDirty;
  /** Keys this client WATCHes, as registered with {@link Watches}. */
  final List<Watches.Key> watched = new ArrayList<>(0);

  /** Channels and patterns this client subscribes to. */
  final Set<PubSub.Name> channels = new HashSet<>(0);
  final Set<PubSub.Name> patterns = new HashSet<>(0);

  /** While blocked: the retained command to run again when a key is ready. */
  RespCommand blockedCommand;
  long blockedDeadline;
  byte[][] blockedKeys;
  ScheduledFuture<?> blockedTimeout;
  /** Commands that arrived while blocked, run in order once unblocked. */
  final ArrayDeque<RespCommand> pending = new ArrayDeque<>(0);

  ClientSession(long id, Channel channel, RespDecoder decoder, boolean authenticated, long nowMillis) {
    this.id = id;
    this.channel = channel;
    this.decoder = decoder;
    this.authenticated = authenticated;
    this.createdMillis = nowMillis;
    this.lastInteractionMillis = nowMillis;
  }

  public long id() {
    return id;
  }

  public Channel channel() {
    return channel;
  }

  public boolean isBlocked() {
    return blockedCommand != null;
  }

  /** True once the connection must close after its pending replies (QUIT, protocol error). */
  public boolean closeAfterReply() {
    return closeAfterReply;
  }

  /** Commands waiting for the client to be unblocked. */
  public ArrayDeque<RespCommand> pending() {
    return pending;
  }

  boolean inMulti() {
    return multiQueue != null;
  }

  boolean isSubscriber() {
    return !channels.isEmpty() || !patterns.isEmpty();
  }

  long createdMillis() {
    return createdMillis;
  }

  void setAuthenticated(boolean value) {
    authenticated = value;
    decoder.setAuthenticated(value);
  }

  /** The reply buffer of the current batch, allocated on first use. */
  ByteBuf out() {
    if (out == null) {
      out = channel.alloc().ioBuffer(256);
    }
    return out;
  }

  /** The reply buffer of the current batch, for the server's own error replies. */
  public ByteBuf takeOrAllocateOut() {
    return out();
  }

  /** Bytes of replies waiting in the batch buffer. */
  public int outBytes() {
    return out == null ? 0 : out.readableBytes();
  }

  /** Hands over the batch's replies, or null when there are none; the caller writes them. */
  public ByteBuf takeOut() {
    ByteBuf b = out;
    out = null;
    return b;
  }

  /** Releases what the session still holds; called once when the connection closes. */
  void releaseAll() {
    if (out != null) {
      out.release();
      out = null;
    }
    if (multiQueue != null) {
      multiQueue.forEach(RespCommand::release);
      multiQueue = null;
    }
    if (blockedCommand != null) {
      blockedCommand.release();
      blockedCommand = null;
    }
    RespCommand c;
    while ((c = pending.poll()) != null) {
      c.release();
    }
  }

  String addressString() {
    return ClientDescription.address(channel.remoteAddress());
  }

  String localAddressString() {
    return ClientDescription.address(channel.localAddress());
  }
}
