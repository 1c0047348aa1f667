package io.cachefleet.proxy.fanout;

import io.cachefleet.protocol.RespReplies;
import io.cachefleet.proxy.backend.Pending;
import io.cachefleet.proxy.frontend.FrontendHandler;
import io.cachefleet.proxy.frontend.Replies;
import io.cachefleet.proxy.frontend.Request;
import io.netty.buffer.ByteBuf;

/**
 * A client request answered from several backend replies: Twemproxy's fragment and coalesce
 * steps. Each fragment's reply is kept until the last one arrives; then {@link #combine} builds
 * the client's reply and every fragment reply is released.
 */
abstract class Gather extends Request {

  final ByteBuf[] parts;
  private int remaining;

  Gather(FrontendHandler client, int fragments) {
    super(client);
    this.parts = new ByteBuf[fragments];
    this.remaining = fragments;
  }

  /** What backend {@code i} owes this request. */
  final Pending part(int i) {
    return new Part(i);
  }

  /**
   * Builds the client's reply from {@link #parts}; called once, when every part is in and none is
   * an error (the first error, in fragment order, is the client's reply otherwise).
   */
  abstract ByteBuf combine();

  /** Where each part's first array element starts: cursors to walk the parts' arrays side by side. */
  final int[] firstElements() {
    int[] cursor = new int[parts.length];
    for (int f = 0; f < parts.length; f++) {
      cursor[f] = RespReplies.firstElement(parts[f]);
    }
    return cursor;
  }

  /** A copy of the first error among the parts, in fragment order, or null when none failed. */
  private ByteBuf firstError() {
    for (ByteBuf part : parts) {
      if (RespReplies.isError(part)) {
        return part.copy(part.readerIndex(), part.readableBytes());
      }
    }
    return null;
  }

  private void arrived(int i, ByteBuf reply) {
    parts[i] = reply;
    if (--remaining > 0) {
      return;
    }
    ByteBuf combined;
    try {
      ByteBuf error = firstError();
      combined = error != null ? error : combine();
    } catch (IllegalArgumentException e) {
      combined = Replies.error(client().alloc(), "ERR a backend sent a malformed reply: " + e.getMessage());
    } finally {
      for (ByteBuf part : parts) {
        part.release();
      }
    }
    complete(combined);
  }

  private final class Part extends Pending {
    private final int index;

    Part(int index) {
      this.index = index;
    }

    @Override
    protected void onReply(ByteBuf reply) {
      arrived(index, reply);
    }

    @Override
    protected void onFailure(String error) {
      arrived(index, Replies.error(client().alloc(), error));
    }
  }
}
