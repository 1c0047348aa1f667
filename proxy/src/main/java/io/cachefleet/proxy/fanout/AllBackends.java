package io.cachefleet.proxy.fanout;

import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespReplies;
import io.cachefleet.protocol.RespWriter;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.backend.BackendConnection;
import io.cachefleet.proxy.frontend.FrontendHandler;
import io.cachefleet.proxy.frontend.Request;
import io.cachefleet.proxy.route.Router;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Commands about the whole keyspace, which Twemproxy refuses: DBSIZE (summed), KEYS
 * (concatenated), RANDOMKEY (the pick of a backend chosen at random among those that have keys),
 * FLUSHDB and FLUSHALL (every backend), SCAN, which walks the backends one after another,
 * PUBSUB CHANNELS, NUMSUB and NUMPAT, and SCRIPT LOAD, EXISTS and FLUSH, so that EVALSHA finds its
 * script on whichever backend its keys live.
 *
 * <h2>SCAN cursors</h2>
 * A proxy cursor carries the backend and that backend's own cursor: {@code cursor = backendCursor
 * * N + id}, where N is {@link Router#MAX_BACKENDS}, fixed so that a cursor keeps its meaning as
 * members come and go, and id the backend's id. Cursor 0 starts at the backend with the lowest id
 * in the ring; when a backend's cursor comes back 0 the scan moves on to the next id in the ring,
 * and ends after the last. As with Redis, a key present for the whole scan on an unchanged ring is
 * returned at least once; a backend that leaves the ring mid-scan is skipped, and when the
 * membership changes mid-scan, keys that move between backends may be missed or returned twice.
 */
public final class AllBackends {

  private AllBackends() {}

  public static void run(FrontendHandler client, CommandSpec spec, RespCommand cmd) {
    List<Backend> live = client.pool().router().live();
    if (live.isEmpty()) {
      client.rejectNoBackend(cmd);
      return;
    }
    switch (spec.fullName()) {
      case "scan" -> {
        scan(client, cmd, live);
        return;
      }
      case "pubsub|numpat" -> {
        // PSUBSCRIBE goes to every backend, so any one of them knows every pattern
        client.forward(cmd, live.get(0));
        return;
      }
      default -> { }
    }
    if (live.size() > 1) {
      client.stats().fragments(live.size());
    }
    Gather gather = client.enqueue(switch (spec.fullName()) {
      case "dbsize" -> new KeyFanout.Sum(client, live.size());
      case "keys", "pubsub|channels" -> new Concat(client, live.size());
      case "randomkey" -> new RandomKey(client, live.size());
      case "script|load" -> new SameReply(client, live.size());
      case "script|exists" -> new OnEveryBackend(client, live.size());
      case "pubsub|numsub" -> new NumSub(client, live.size());
      default -> new KeyFanout.AllOk(client, live.size());
    });
    for (int i = 0; i < live.size(); i++) {
      client.connection(live.get(i)).send(gather.part(i), cmd.content().retainedDuplicate());
    }
    cmd.release();
  }

  private static void scan(FrontendHandler client, RespCommand cmd, List<Backend> live) {
    long cursor;
    try {
      cursor = Long.parseUnsignedLong(cmd.argString(1));
    } catch (NumberFormatException e) {
      client.reject(cmd, "ERR invalid cursor");
      return;
    }
    int n = Router.MAX_BACKENDS;
    int id = (int) Long.remainderUnsigned(cursor, n);
    long backendCursor = Long.divideUnsigned(cursor, n);
    Backend backend = firstFrom(live, id);
    if (backend == null) {
      // the cursor's backend and all after it left the ring: the scan is over
      cmd.release();
      ByteBuf done = client.alloc().buffer(16);
      RespWriter.arrayHeader(done, 2);
      RespWriter.bulk(done, "0");
      RespWriter.emptyArray(done);
      client.enqueue(new Request(client)).complete(done);
      return;
    }
    if (backend.id() != id) {
      backendCursor = 0; // the cursor's backend left the ring: go on with the next one
    }
    Scan request = client.enqueue(new Scan(client, backend, live, n));
    BackendConnection conn = client.connection(backend);
    Frames.header(conn, client.alloc(), cmd.argc());
    Frames.args(conn, cmd, 0, 0);
    ByteBuf cursorArg = client.alloc().buffer(24);
    RespWriter.bulk(cursorArg, Long.toUnsignedString(backendCursor));
    conn.write(cursorArg);
    if (cmd.argc() > 2) {
      Frames.args(conn, cmd, 2, cmd.argc() - 1);
    }
    conn.expect(request);
    cmd.release();
  }

  /** The live backend with the smallest id >= {@code id}, or null. */
  private static Backend firstFrom(List<Backend> live, int id) {
    Backend best = null;
    for (Backend b : live) {
      if (b.id() >= id && (best == null || b.id() < best.id())) {
        best = b;
      }
    }
    return best;
  }

  /** KEYS: every backend's array, one after another. */
  private static final class Concat extends Gather {
    Concat(FrontendHandler client, int fragments) {
      super(client, fragments);
    }

    @Override
    ByteBuf combine() {
      long count = 0;
      int size = 16;
      for (ByteBuf part : parts) {
        count += RespReplies.arrayLength(part);
        size += part.writerIndex() - RespReplies.firstElement(part);
      }
      ByteBuf out = client().alloc().buffer(size);
      RespWriter.arrayHeader(out, count);
      for (ByteBuf part : parts) {
        int first = RespReplies.firstElement(part);
        out.writeBytes(part, first, part.writerIndex() - first);
      }
      return out;
    }
  }

  /**
   * RANDOMKEY: each backend names one of its keys, or nil when it has none, and one of the names
   * is picked at random. Like Redis's own pick, which starts from a random bucket, this is not
   * uniform over the keys: a key on a backend with few keys is more likely to come up.
   */
  private static final class RandomKey extends Gather {
    RandomKey(FrontendHandler client, int fragments) {
      super(client, fragments);
    }

    @Override
    ByteBuf combine() {
      ByteBuf pick = null;
      int named = 0;
      for (ByteBuf part : parts) {
        byte type = RespReplies.type(part);
        boolean nil = type == '_' || type == '$' && part.getByte(part.readerIndex() + 1) == '-';
        if (!nil && ThreadLocalRandom.current().nextInt(++named) == 0) {
          pick = part; // each named key is kept with probability 1/named: an even pick among them
        }
      }
      return pick == null ? parts[0].retainedSlice() : pick.retainedSlice();
    }
  }

  /** SCRIPT LOAD: every backend names the script by the same SHA1 digest. */
  private static final class SameReply extends Gather {
    SameReply(FrontendHandler client, int fragments) {
      super(client, fragments);
    }

    @Override
    ByteBuf combine() {
      return parts[0].retainedSlice();
    }
  }

  /** SCRIPT EXISTS: 1 for each script every backend has, else 0. */
  private static final class OnEveryBackend extends Gather {
    OnEveryBackend(FrontendHandler client, int fragments) {
      super(client, fragments);
    }

    @Override
    ByteBuf combine() {
      int[] cursor = firstElements();
      int length = RespReplies.arrayLength(parts[0]);
      ByteBuf out = client().alloc().buffer(16 + 4 * length);
      RespWriter.arrayHeader(out, length);
      for (int i = 0; i < length; i++) {
        long everywhere = 1;
        for (int f = 0; f < parts.length; f++) {
          int end = RespReplies.end(parts[f], cursor[f]);
          everywhere = Math.min(everywhere, RespReplies.integer(parts[f].slice(cursor[f], end - cursor[f])));
          cursor[f] = end;
        }
        RespWriter.integer(out, everywhere);
      }
      return out;
    }
  }

  /** PUBSUB NUMSUB: each channel's subscribers summed over the backends. */
  private static final class NumSub extends Gather {
    NumSub(FrontendHandler client, int fragments) {
      super(client, fragments);
    }

    @Override
    ByteBuf combine() {
      int[] cursor = firstElements();
      int length = RespReplies.arrayLength(parts[0]);
      ByteBuf out = client().alloc().buffer(parts[0].readableBytes() + 16);
      RespWriter.arrayHeader(out, length);
      for (int pair = 0; pair < length / 2; pair++) {
        long sum = 0;
        for (int f = 0; f < parts.length; f++) {
          int channelEnd = RespReplies.end(parts[f], cursor[f]);
          if (f == 0) {
            out.writeBytes(parts[0], cursor[0], channelEnd - cursor[0]);
          }
          int countEnd = RespReplies.end(parts[f], channelEnd);
          sum += RespReplies.integer(parts[f].slice(channelEnd, countEnd - channelEnd));
          cursor[f] = countEnd;
        }
        RespWriter.integer(out, sum);
      }
      return out;
    }
  }

  /** One step of a SCAN: the backend's reply with its cursor turned into the proxy's. */
  private static final class Scan extends Request {
    private final Backend backend;
    private final List<Backend> live;
    private final int n;

    Scan(FrontendHandler client, Backend backend, List<Backend> live, int n) {
      super(client);
      this.backend = backend;
      this.live = live;
      this.n = n;
    }

    @Override
    protected void onReply(ByteBuf reply) {
      if (RespReplies.isError(reply)) {
        complete(reply);
        return;
      }
      try {
        int cursorStart = RespReplies.firstElement(reply);
        int cursorEnd = RespReplies.end(reply, cursorStart);
        int digits = reply.indexOf(cursorStart, cursorEnd, (byte) '\n') + 1;
        long next = Long.parseUnsignedLong(reply.toString(digits, cursorEnd - 2 - digits, StandardCharsets.US_ASCII));
        long cursor;
        if (next == 0) {
          Backend following = firstFrom(live, backend.id() + 1);
          cursor = following == null ? 0 : following.id();
        } else if (Long.compareUnsigned(next, Long.divideUnsigned(-1L - backend.id(), n)) > 0) {
          fail("ERR backend " + backend.label() + " returned a SCAN cursor too large to carry through the proxy");
          return;
        } else {
          cursor = next * n + backend.id();
        }
        ByteBuf out = client().alloc().buffer(reply.writerIndex() - cursorEnd + 32);
        RespWriter.arrayHeader(out, 2);
        RespWriter.bulk(out, Long.toUnsignedString(cursor));
        out.writeBytes(reply, cursorEnd, reply.writerIndex() - cursorEnd);
        complete(out);
      } catch (IllegalArgumentException e) {
        fail("ERR backend " + backend.label() + " sent a malformed SCAN reply");
      } finally {
        reply.release();
      }
    }
  }
}
