package io.cachefleet.proxy.frontend;

import io.cachefleet.proxy.backend.Pending;
import io.netty.buffer.ByteBuf;

/**
 * A client's request: its place in the client's reply order and, once known, its reply. Replies
 * leave in request order however the backends answer, as a Redis client expects.
 */
public class Request extends Pending implements ClientHandler.Slot {

  private final FrontendHandler client;
  private ByteBuf reply;
  /** The id of the command whose latency this reply ends, or -1 when it is not timed. */
  private int command = -1;
  private long startedAt;

  public Request(FrontendHandler client) {
    this.client = client;
  }

  public final FrontendHandler client() {
    return client;
  }

  /** Sets the reply, which this request now owns, and lets the client send what is ready. */
  public final void complete(ByteBuf reply) {
    this.reply = reply;
    if (command >= 0) {
      client.stats().latency(command, System.nanoTime() - startedAt);
    }
    client.completed(this);
  }

  /** Completes with the error reply {@code -message}. */
  public final void fail(String message) {
    complete(Replies.error(client.alloc(), message));
  }

  @Override
  protected void onReply(ByteBuf reply) {
    complete(reply);
  }

  @Override
  protected void onFailure(String error) {
    fail(error);
  }

  /** Times this request's reply as the latency of command {@code command}, read at {@code startedAt}. */
  final void timed(int command, long startedAt) {
    this.command = command;
    this.startedAt = startedAt;
  }

  @Override
  public final boolean ready() {
    return reply != null;
  }

  @Override
  public final ByteBuf takeReply() {
    ByteBuf r = reply;
    reply = null;
    return r;
  }
}
