package io.cachefleet.proxy.frontend;

import io.netty.buffer.ByteBuf;

/**
 * A Redis client's request: its place in the client's reply order and, once known, its reply.
 * Replies leave in request order however the backends answer, as a Redis client expects.
 */
public class Request extends ClientHandler.Slot {

  private final FrontendHandler client;

  public Request(FrontendHandler client) {
    super(client);
    this.client = client;
  }

  public final FrontendHandler client() {
    return client;
  }

  /** Completes with the error reply {@code -message}. */
  public final void fail(String message) {
    complete(Replies.error(client.alloc(), message));
  }

  @Override
  protected void onFailure(String error) {
    fail(error);
  }
}
