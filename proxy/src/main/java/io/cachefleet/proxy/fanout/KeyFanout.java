package io.cachefleet.proxy.fanout;

import io.cachefleet.protocol.CommandErrors;
import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespReplies;
import io.cachefleet.protocol.RespWriter;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.backend.BackendConnection;
import io.cachefleet.proxy.frontend.FrontendHandler;
import io.cachefleet.proxy.frontend.Replies;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Multi-key commands split by backend and reassembled in key order: MGET (values), MSET (all
 * OK), DEL, UNLINK, EXISTS and TOUCH (counts summed).
 *
 * <p>When every key lives on one backend the client's frame goes out unchanged. Otherwise each
 * backend gets one command with its keys, in the client's order, built from the client's own
 * argument bytes ({@link Frames}); the replies are combined when the last arrives. A backend
 * that fails makes the whole command fail with its error, as the command would on one server.
 */
public final class KeyFanout {

  private KeyFanout() {}

  public static void run(FrontendHandler client, CommandSpec spec, RespCommand cmd) {
    int step = spec.fullName().equals("mset") ? 2 : 1;
    if ((cmd.argc() - 1) % step != 0) {
      client.reject(cmd, CommandErrors.wrongArity(spec));
      return;
    }
    int keys = (cmd.argc() - 1) / step;
    // fragment of each key, and the backends in order of first use
    int[] fragmentOf = new int[keys];
    Backend[] backends = new Backend[Math.max(1, Math.min(keys, client.pool().router().backends().size()))];
    int fragments = 0;
    for (int k = 0; k < keys; k++) {
      Backend b = client.route(cmd, 1 + k * step);
      if (b == null) {
        client.rejectNoBackend(cmd);
        return;
      }
      int f = 0;
      while (f < fragments && backends[f] != b) {
        f++;
      }
      if (f == fragments) {
        if (fragments == backends.length) {
          // the membership grew while the keys were routed
          backends = Arrays.copyOf(backends, fragments * 2);
        }
        backends[fragments++] = b;
      }
      fragmentOf[k] = f;
    }
    if (fragments == 1) {
      client.forward(cmd, backends[0]);
      return;
    }
    client.stats().fragments(fragments);
    Gather gather = client.enqueue(combiner(client, spec, fragments, fragmentOf));
    for (int f = 0; f < fragments; f++) {
      BackendConnection conn = client.connection(backends[f]);
      send(client, cmd, step, f, fragmentOf, conn);
      conn.expect(gather.part(f));
    }
    cmd.release();
  }

  /** Writes fragment {@code f}: the command name, then its keys (with values), merging adjacent runs. */
  private static void send(FrontendHandler client, RespCommand cmd, int step, int f, int[] fragmentOf,
                           BackendConnection conn) {
    int count = 0;
    for (int owner : fragmentOf) {
      count += owner == f ? 1 : 0;
    }
    Frames.header(conn, client.alloc(), 1 + count * step);
    Frames.args(conn, cmd, 0, 0);
    int runStart = -1;
    for (int k = 0; k <= fragmentOf.length; k++) {
      boolean mine = k < fragmentOf.length && fragmentOf[k] == f;
      if (mine && runStart < 0) {
        runStart = k;
      } else if (!mine && runStart >= 0) {
        Frames.args(conn, cmd, 1 + runStart * step, k * step);
        runStart = -1;
      }
    }
  }

  private static Gather combiner(FrontendHandler client, CommandSpec spec, int fragments, int[] fragmentOf) {
    return switch (spec.fullName()) {
      case "mget" -> new Values(client, fragments, fragmentOf);
      case "mset" -> new AllOk(client, fragments);
      default -> new Sum(client, fragments);
    };
  }

  /** MGET: each key's value from its backend's array, in the client's key order. */
  private static final class Values extends Gather {
    private final int[] fragmentOf;

    Values(FrontendHandler client, int fragments, int[] fragmentOf) {
      super(client, fragments);
      this.fragmentOf = fragmentOf;
    }

    @Override
    ByteBuf combine() {
      int[] cursor = new int[parts.length];
      int size = 16;
      for (int f = 0; f < parts.length; f++) {
        cursor[f] = RespReplies.firstElement(parts[f]);
        size += parts[f].writerIndex() - cursor[f];
      }
      ByteBuf out = client().alloc().buffer(size);
      RespWriter.arrayHeader(out, fragmentOf.length);
      for (int f : fragmentOf) {
        ByteBuf part = parts[f];
        int end = RespReplies.end(part, cursor[f]);
        out.writeBytes(part, cursor[f], end - cursor[f]);
        cursor[f] = end;
      }
      return out;
    }
  }

  /** MSET, and the ALL_BACKENDS writes: +OK when every backend said OK, else the first error. */
  static final class AllOk extends Gather {
    AllOk(FrontendHandler client, int fragments) {
      super(client, fragments);
    }

    @Override
    ByteBuf combine() {
      return Replies.ok(client().alloc());
    }
  }

  /** DEL, UNLINK, EXISTS, TOUCH, DBSIZE: the sum of the backends' counts. */
  static final class Sum extends Gather {
    Sum(FrontendHandler client, int fragments) {
      super(client, fragments);
    }

    @Override
    ByteBuf combine() {
      long sum = 0;
      for (ByteBuf part : parts) {
        sum += RespReplies.integer(part);
      }
      return Replies.integer(client().alloc(), sum);
    }
  }
}
