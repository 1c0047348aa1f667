package io.cachefleet.proxy.backend;

import io.netty.buffer.ByteBuf;

/**
 * One reply a backend connection owes: a client request, a fragment of a multi-key request, or a
 * connection's own AUTH or SELECT.
 *
 * <p>Exactly one outcome is delivered, on the connection's event loop: the reply, or a failure
 * (timeout, refused or lost connection). A reply that arrives after a timeout failed the request
 * is released, so one slow reply fails only its own request and the pipeline stays aligned.
 */
public abstract class Pending {

  long sentAt;
  /** The request's size, for the connection's queue statistics. */
  long bytes;
  private boolean done;

  /** True once a reply or a failure was delivered. */
  public final boolean isDone() {
    return done;
  }

  final void deliver(ByteBuf reply) {
    if (done) {
      reply.release();
      return;
    }
    done = true;
    onReply(reply);
  }

  final void deliverFailure(String error) {
    if (!done) {
      done = true;
      onFailure(error);
    }
  }

  /** The backend's reply: one complete RESP value that this object now owns. */
  protected abstract void onReply(ByteBuf reply);

  /** The request failed; {@code error} is a RESP error text, {@code "ERR backend ..."}, naming the backend. */
  protected abstract void onFailure(String error);
}
