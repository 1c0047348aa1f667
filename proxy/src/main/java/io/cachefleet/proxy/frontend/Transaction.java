package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.backend.BackendConnection;
import io.cachefleet.proxy.backend.Pending;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MULTI/EXEC/DISCARD/WATCH/UNWATCH for a client whose transaction keys all live on one backend.
 *
 * <h2>Design</h2>
 * Between MULTI and EXEC the proxy queues the commands itself, answering {@code +QUEUED} after the
 * same checks Redis makes at queue time, plus one of its own: every key must live on the backend
 * of the first. A command that fails a check is refused and marks the transaction, so EXEC answers
 * {@code EXECABORT} as Redis does. EXEC then writes MULTI, the queued commands and EXEC back to
 * back on one connection; the backend runs them atomically and its EXEC reply goes to the client.
 *
 * <p>WATCH needs the backend to remember the watched keys until EXEC, so it pins the client to a
 * connection of its own to that backend, and the transaction must then live there. Without
 * WATCH, the batch can use the client's shared connection: the event loop writes it without
 * interleaving, so it reaches the backend as one uninterrupted sequence.
 */
final class Transaction {

  private static final byte[] MULTI = "*1\r\n$5\r\nMULTI\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXEC = "*1\r\n$4\r\nEXEC\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNWATCH = "*1\r\n$7\r\nUNWATCH\r\n".getBytes(StandardCharsets.US_ASCII);

  private final FrontendHandler client;
  /** Non-null inside MULTI. */
  private List<RespCommand> queued;
  private boolean failed;
  /** Where the transaction's keys live: the watched backend, else the first queued key's. */
  private Backend backend;
  /** The backend holding this client's WATCHed keys, or null. */
  private Backend watched;

  Transaction(FrontendHandler client) {
    this.client = client;
  }

  boolean inMulti() {
    return queued != null;
  }

  /** The commands queued in MULTI, or -1 outside one, as CLIENT LIST counts them. */
  int queuedCount() {
    return queued == null ? -1 : queued.size();
  }

  /** Whether the client holds WATCHed keys on a connection of its own. */
  boolean watching() {
    return watched != null;
  }

  /** Runs MULTI, EXEC, DISCARD, WATCH or UNWATCH. */
  void run(CommandSpec spec, RespCommand cmd) {
    switch (spec.fullName()) {
      case "multi" -> multi(cmd);
      case "exec" -> exec(cmd);
      case "discard" -> discard(cmd);
      case "watch" -> watch(spec, cmd);
      case "unwatch" -> unwatch(cmd);
      default -> throw new IllegalArgumentException(spec.fullName());
    }
  }

  /**
   * Queues a command inside MULTI whose keys live on {@code owner} (null for a keyless command
   * the backend can run, such as PING); refuses it when the transaction already lives elsewhere.
   */
  void queue(CommandSpec spec, RespCommand cmd, Backend owner) {
    if (owner != null && backend != null && owner != backend) {
      refuse(cmd, "ERR keys of '" + spec.fullName() + "' live on " + owner.label() + ", but this transaction's "
          + "keys live on " + backend.label());
      return;
    }
    if (owner != null) {
      backend = owner;
    }
    queued.add(cmd);
    ByteBuf reply = client.alloc().buffer(9);
    RespWriter.queued(reply);
    client.enqueue(new Request(client)).complete(reply);
  }

  /** Refuses a command inside MULTI: Redis then discards the whole transaction at EXEC. */
  void refuse(RespCommand cmd, String error) {
    markFailed();
    client.reject(cmd, error);
  }

  /** Marks the transaction for EXECABORT: a command inside it was refused. */
  void markFailed() {
    failed = true;
  }

  private void multi(RespCommand cmd) {
    if (inMulti()) {
      client.reject(cmd, "ERR MULTI calls can not be nested");
      return;
    }
    cmd.release();
    queued = new ArrayList<>();
    failed = false;
    backend = watched;
    client.enqueue(new Request(client)).complete(Replies.ok(client.alloc()));
  }

  private void exec(RespCommand cmd) {
    cmd.release();
    if (!inMulti()) {
      client.enqueue(new Request(client)).fail("ERR EXEC without MULTI");
      return;
    }
    Request r = client.enqueue(new Request(client));
    if (failed) {
      end();
      unwatchBackend();
      r.fail("EXECABORT Transaction discarded because of previous errors.");
      return;
    }
    if (backend == null) {
      end();
      ByteBuf empty = client.alloc().buffer(4);
      RespWriter.emptyArray(empty);
      r.complete(empty);
      return;
    }
    BackendConnection conn = watched != null ? client.dedicated(watched) : client.connection(backend);
    send(conn, MULTI);
    for (RespCommand q : queued) {
      conn.send(new Ignored(), q.content());
    }
    queued.clear();
    conn.write(client.alloc().buffer(EXEC.length).writeBytes(EXEC));
    conn.expect(r);
    end();
    watched = null;
  }

  private void discard(RespCommand cmd) {
    if (!inMulti()) {
      client.reject(cmd, "ERR DISCARD without MULTI");
      return;
    }
    cmd.release();
    end();
    unwatchBackend();
    client.enqueue(new Request(client)).complete(Replies.ok(client.alloc()));
  }

  private void watch(CommandSpec spec, RespCommand cmd) {
    if (inMulti()) {
      client.reject(cmd, "ERR WATCH inside MULTI is not allowed");
      return;
    }
    Backend owner = client.ownerOfAllKeys(spec, cmd);
    if (owner == null) {
      return; // refused, with the reason
    }
    if (watched != null && owner != watched) {
      client.reject(cmd, "ERR keys of 'watch' live on " + owner.label() + ", but this client already watches keys on "
          + watched.label());
      return;
    }
    watched = owner;
    client.dedicated(owner).send(client.enqueue(new Request(client)), cmd.content());
  }

  private void unwatch(RespCommand cmd) {
    if (watched == null) {
      cmd.release();
      client.enqueue(new Request(client)).complete(Replies.ok(client.alloc()));
      return;
    }
    client.dedicated(watched).send(client.enqueue(new Request(client)), cmd.content());
    watched = null;
  }

  /** RESET: leaves MULTI without running it and forgets the WATCHed keys. */
  void reset() {
    end();
    unwatchBackend();
  }

  private void unwatchBackend() {
    if (watched != null) {
      send(client.dedicated(watched), UNWATCH);
      watched = null;
    }
  }

  private void send(BackendConnection conn, byte[] command) {
    conn.send(new Ignored(), client.alloc().buffer(command.length).writeBytes(command));
  }

  private void end() {
    release();
    queued = null;
    backend = null;
    failed = false;
  }

  /** Releases the queued commands; the client is gone or the transaction ended. */
  void release() {
    if (queued != null) {
      queued.forEach(RespCommand::release);
      queued.clear();
    }
  }

  /** A reply the client does not see: MULTI's OK, each QUEUED, UNWATCH's OK. */
  private static final class Ignored extends Pending {
    @Override
    protected void onReply(ByteBuf reply) {
      reply.release();
    }

    @Override
    protected void onFailure(String error) {
      // the EXEC request behind it fails with the same error
    }
  }
}
