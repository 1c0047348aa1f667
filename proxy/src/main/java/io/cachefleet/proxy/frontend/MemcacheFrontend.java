package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.MemcacheCommand;
import io.cachefleet.protocol.MemcacheError;
import io.cachefleet.protocol.MemcacheReplies;
import io.cachefleet.protocol.MemcacheRequest;
import io.cachefleet.proxy.Proxy;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.backend.Pending;
import io.cachefleet.proxy.stats.PoolSnapshot;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One client of a memcached pool, as Twemproxy serves it: each request goes, as the client sent
 * it, to the server owning its key; a get or gets of keys on several servers is split into one per
 * server, and the VALUE blocks are joined back in the order the keys were asked, then one END, as
 * a single memcached would answer. Replies leave in request order.
 *
 * <p>A request with {@code noreply} is sent without it, and its reply dropped here: every request
 * a server gets is answered, so replies stay in step with requests even when a server refuses one.
 * {@code flush_all} and {@code verbosity} go to every server, and answer OK once each did;
 * {@code stats} sums the servers' counters. {@code version} is answered by the proxy and
 * {@code quit} closes the connection once the replies before it are sent. Input memcached refuses gets memcached's error, and the connection stays
 * open, where Twemproxy closes it. A server that fails or times out is named in a
 * {@code SERVER_ERROR}.
 *
 * <p>A client that stops reading its replies stops being read, as {@link ClientHandler} says.
 */
final class MemcacheFrontend extends ClientHandler<MemcacheFrontend.Reply> {

  private static final byte[] OK = "OK\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STATS = "stats\r\n".getBytes(StandardCharsets.US_ASCII);
  /** The stats the proxy reports of itself rather than summed over its servers. */
  private static final Set<String> OWN_STATS = Set.of("pid", "uptime", "time", "version", "pointer_size",
      "curr_connections", "total_connections");

  /** What version and stats say the proxy is. */
  private static final String VERSION = "cachefleet-" + Proxy.version();

  MemcacheFrontend(Pool pool) {
    super(pool);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof MemcacheRequest request) {
      stats.command();
      if (quitting) {
        request.release();
        return;
      }
      timedCommand = request.command().ordinal();
      dispatchedAt = System.nanoTime();
      dispatch(request);
      timedCommand = -1;
      pauseIfBehind();
    } else if (msg instanceof MemcacheError error) {
      answer(error.reply());
      if (error.closes()) {
        disconnect();
      }
    }
  }

  private void dispatch(MemcacheRequest request) {
    switch (request.command().kind()) {
      case LOCAL -> {
        request.release();
        switch (request.command()) {
          case QUIT -> quitAfterReplies();
          case STATS -> stats();
          default -> answer("VERSION " + VERSION);
        }
      }
      case RETRIEVAL -> retrieve(request);
      case ALL_SERVERS -> everyServer(request);
      default -> {
        Backend owner = route(request, 0);
        if (owner == null) {
          noBackend(request);
        } else if (request.noreply()) {
          connections.get(owner, id, false).send(new Dropped(), request.withReply(ctx.alloc()));
          request.release();
        } else {
          connections.get(owner, id, false).send(enqueue(new Reply()), request.content());
        }
      }
    }
  }

  /** A get or gets: to the one server owning every key, or split per server and joined. */
  private void retrieve(MemcacheRequest request) {
    int n = request.keyCount();
    Backend[] owners = new Backend[n];
    Backend first = null;
    boolean split = false;
    for (int k = 0; k < n; k++) {
      owners[k] = route(request, k);
      if (owners[k] == null) {
        noBackend(request);
        return;
      }
      first = first == null ? owners[k] : first;
      split |= owners[k] != first;
    }
    if (!split) {
      connections.get(first, id, false).send(enqueue(new Reply()), request.content());
      return;
    }
    // one part per server, in the order of the first key each owns
    Backend[] servers = new Backend[n];
    int[] partOf = new int[n];
    int[] counts = new int[n];
    int parts = 0;
    for (int k = 0; k < n; k++) {
      int p = 0;
      while (p < parts && servers[p] != owners[k]) {
        p++;
      }
      if (p == parts) {
        servers[parts++] = owners[k];
      }
      partOf[k] = p;
      counts[p]++;
    }
    stats.fragments(parts);
    Join join = enqueue(new Join(request, parts));
    for (int p = 0; p < parts; p++) {
      int[] keys = new int[counts[p]];
      for (int k = 0, i = 0; k < n; k++) {
        if (partOf[k] == p) {
          keys[i++] = k;
        }
      }
      connections.get(servers[p], id, false).send(join.part(p, keys), request.retrievalOf(ctx.alloc(), keys));
    }
  }

  /** flush_all and verbosity: every server in the ring runs it; OK once every one said OK. */
  private void everyServer(MemcacheRequest request) {
    List<Backend> live = pool.router().live();
    if (live.isEmpty()) {
      noBackend(request);
      return;
    }
    if (live.size() > 1) {
      stats.fragments(live.size());
    }
    AllOk all = request.noreply() ? null : enqueue(new AllOk(live.size()));
    for (Backend backend : live) {
      connections.get(backend, id, false).send(all == null ? new Dropped() : part(all::arrived),
          all == null ? request.withReply(ctx.alloc()) : request.content().retainedDuplicate());
    }
    request.release();
  }

  /**
   * stats: the proxy's own process and connection numbers, then each counter the servers
   * report as a whole number (items, bytes, hits, misses, evictions...) summed over the servers in
   * the ring, as one memcached holding all their items would count them.
   */
  private void stats() {
    StatsJoin join = enqueue(new StatsJoin());
    pool.stats().snapshot(loop.eventLoop(), snapshot -> {
      List<Backend> live = pool.router().live();
      join.start(snapshot, live.size());
      for (Backend backend : live) {
        connections.get(backend, id, false).send(part(join::arrived), Unpooled.wrappedBuffer(STATS));
      }
      loop.flushSoon();
    });
  }

  private Backend route(MemcacheRequest request, int key) {
    return pool.router().route(request.content(), request.keyIndex(key), request.keyLength(key));
  }

  private void noBackend(MemcacheRequest request) {
    stats.forwardError();
    boolean silent = request.noreply();
    request.release();
    if (!silent) {
      answer("SERVER_ERROR no backend is available");
    }
  }

  /** Queues a reply line made here, CRLF added. */
  private void answer(String line) {
    ByteBuf out = ctx.alloc().buffer(line.length() + 2);
    out.writeCharSequence(line, StandardCharsets.ISO_8859_1);
    out.writeByte('\r').writeByte('\n');
    enqueue(new Reply()).complete(out);
  }

  /** {@code SERVER_ERROR} and the reason, a proxy error ({@code ERR ...}) reworded. */
  private ByteBuf serverError(String error) {
    String reason = error.startsWith("ERR ") ? error.substring(4) : error;
    ByteBuf out = ctx.alloc().buffer(reason.length() + 15);
    out.writeCharSequence("SERVER_ERROR ", StandardCharsets.ISO_8859_1);
    out.writeCharSequence(reason, StandardCharsets.ISO_8859_1);
    out.writeByte('\r').writeByte('\n');
    return out;
  }

  /** A request's place in the reply order; a server's failure is the client's SERVER_ERROR. */
  class Reply extends ClientHandler.Slot {
    Reply() {
      super(MemcacheFrontend.this);
    }

    @Override
    protected void onFailure(String error) {
      complete(serverError(error));
    }
  }

  /** What one server owes a request several servers answer: its reply, or its failure as a SERVER_ERROR. */
  private Pending part(Consumer<ByteBuf> arrived) {
    return new Pending() {
      @Override
      protected void onReply(ByteBuf reply) {
        arrived.accept(reply);
      }

      @Override
      protected void onFailure(String error) {
        arrived.accept(serverError(error));
      }
    };
  }

  /** The reply to a request the client sent with noreply: dropped. */
  private static final class Dropped extends Pending {
    @Override
    protected void onReply(ByteBuf reply) {
      reply.release();
    }

    @Override
    protected void onFailure(String error) {
      // the client asked to hear nothing
    }
  }

  /** The reply to stats: the proxy's numbers, then the servers' counters summed. */
  private final class StatsJoin extends Reply {
    private final Map<String, Long> sums = new LinkedHashMap<>();
    private final Set<String> notNumbers = new HashSet<>();
    private PoolSnapshot snapshot;
    private int remaining;

    void start(PoolSnapshot snapshot, int servers) {
      this.snapshot = snapshot;
      this.remaining = servers;
      if (servers == 0) {
        finish();
      }
    }

    /** A server's stats reply; one that failed adds nothing to the sums. */
    private void arrived(ByteBuf reply) {
      add(reply.toString(StandardCharsets.ISO_8859_1));
      reply.release();
      if (--remaining == 0) {
        finish();
      }
    }

    private void add(String reply) {
      for (String line : reply.split("\r\n")) {
        String[] stat = line.split(" ", 3);
        if (stat.length == 3 && stat[0].equals("STAT") && !OWN_STATS.contains(stat[1])) {
          try {
            sums.merge(stat[1], Long.parseLong(stat[2]), Long::sum);
          } catch (NumberFormatException e) {
            notNumbers.add(stat[1]);
          }
        }
      }
    }

    private void finish() {
      long now = System.currentTimeMillis();
      StringBuilder sb = new StringBuilder();
      stat(sb, "pid", ProcessHandle.current().pid());
      stat(sb, "uptime", (now - pool.startedAt()) / 1000);
      stat(sb, "time", now / 1000);
      stat(sb, "version", VERSION);
      stat(sb, "pointer_size", 64);
      stat(sb, "curr_connections", snapshot.clientConnections());
      stat(sb, "total_connections", snapshot.clientsAccepted());
      sums.forEach((name, sum) -> {
        if (!notNumbers.contains(name)) {
          stat(sb, name, sum);
        }
      });
      sb.append("END\r\n");
      ByteBuf out = ctx.alloc().buffer(sb.length());
      out.writeCharSequence(sb, StandardCharsets.ISO_8859_1);
      complete(out);
    }

    private static void stat(StringBuilder sb, String name, Object value) {
      sb.append("STAT ").append(name).append(' ').append(value).append("\r\n");
    }
  }

  /** A command every server runs: OK when each said OK, else the first other reply. */
  private final class AllOk extends Reply {
    private int remaining;
    private ByteBuf refusal;

    AllOk(int servers) {
      this.remaining = servers;
    }

    private void arrived(ByteBuf reply) {
      if (refusal == null && !ByteBufUtil.equals(reply, Unpooled.wrappedBuffer(OK))) {
        refusal = reply;
      } else {
        reply.release();
      }
      if (--remaining == 0) {
        complete(refusal != null ? refusal : Unpooled.wrappedBuffer(OK));
      }
    }
  }

  /**
   * A get or gets split across servers: each part's reply is kept until the last comes, then the
   * VALUE blocks are written in the order the client asked for their keys.
   */
  private final class Join extends Reply {
    private final MemcacheRequest request;
    private final ByteBuf[] parts;
    /** The client's key numbers each part asked for, in order. */
    private final int[][] keysOf;
    private int remaining;

    Join(MemcacheRequest request, int parts) {
      this.request = request;
      this.parts = new ByteBuf[parts];
      this.keysOf = new int[parts][];
      this.remaining = parts;
    }

    /** What server {@code i}, which is asked for the client's keys numbered {@code keys}, owes. */
    Pending part(int i, int[] keys) {
      keysOf[i] = keys;
      return MemcacheFrontend.this.part(reply -> arrived(i, reply));
    }

    private void arrived(int i, ByteBuf reply) {
      parts[i] = reply;
      if (--remaining > 0) {
        return;
      }
      ByteBuf joined;
      try {
        joined = join();
      } catch (IllegalArgumentException e) {
        joined = serverError("a backend sent a malformed reply: " + e.getMessage());
      } finally {
        for (ByteBuf part : parts) {
          part.release();
        }
        request.release();
      }
      complete(joined);
    }

    /** The parts' blocks in the client's key order, then END; or the first part that is not a get reply. */
    private ByteBuf join() {
      for (ByteBuf part : parts) {
        if (!MemcacheReplies.isRetrieval(part)) {
          return part.retainedDuplicate();
        }
      }
      int n = request.keyCount();
      int[] blockPart = new int[n];
      int[] blockStart = new int[n];
      int[] blockEnd = new int[n];
      Arrays.fill(blockPart, -1);
      int size = MemcacheReplies.END_LINE.length;
      for (int p = 0; p < parts.length; p++) {
        ByteBuf part = parts[p];
        int[] keys = keysOf[p];
        int next = 0;
        for (int at = part.readerIndex(); !MemcacheReplies.isEnd(part, at); ) {
          int end = MemcacheReplies.blockEnd(part, at);
          int keyLength = MemcacheReplies.keyLength(part, at);
          while (next < keys.length && !sameKey(part, at, keyLength, keys[next])) {
            next++; // a miss: memcached leaves the key out
          }
          if (next == keys.length) {
            throw new IllegalArgumentException("a VALUE for a key not asked for");
          }
          blockPart[keys[next]] = p;
          blockStart[keys[next]] = at;
          blockEnd[keys[next]] = end;
          size += end - at;
          next++;
          at = end;
        }
      }
      ByteBuf out = ctx.alloc().buffer(size);
      for (int k = 0; k < n; k++) {
        if (blockPart[k] >= 0) {
          out.writeBytes(parts[blockPart[k]], blockStart[k], blockEnd[k] - blockStart[k]);
        }
      }
      out.writeBytes(MemcacheReplies.END_LINE);
      return out;
    }

    private boolean sameKey(ByteBuf part, int at, int keyLength, int key) {
      return keyLength == request.keyLength(key)
          && ByteBufUtil.equals(part, MemcacheReplies.keyIndex(at), request.content(), request.keyIndex(key), keyLength);
    }
  }
}
