package io.cachefleet.node.command;

import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import java.util.ArrayList;
import java.util.List;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH with Redis 7.0's semantics (multi.c): commands queue
 * after MULTI; an error while queueing makes EXEC answer EXECABORT, which wins over a failed
 * WATCH; a change to a watched key (a write, an expiry, a flush of an existing key) makes EXEC
 * answer null; EXEC runs the queue atomically under the lock. A key already expired when
 * watched counts as missing, as in Redis 7.0.15, where its deletion is no change.
 */
final class TransactionCommands implements CommandFamily {

  private final CommandEngine engine;

  TransactionCommands(CommandEngine engine) {
    this.engine = engine;
  }

  @Override
  public void register(CommandRegistry r) {
    r.bind("multi", this::multi);
    r.bind("exec", this::exec);
    r.bind("discard", this::discard);
    r.bind("watch", this::watch);
    r.bind("unwatch", this::unwatch);
  }

  private void multi(Call c) {
    if (c.client.inMulti()) {
      throw RedisError.err("MULTI calls can not be nested");
    }
    c.client.multiQueue = new ArrayList<>();
    c.client.multiError = false;
    c.ok();
  }

  private void exec(Call c) {
    ClientSession client = c.client;
    if (!client.inMulti()) {
      throw RedisError.err("EXEC without MULTI");
    }
    List<RespCommand> queued = client.multiQueue;
    client.multiQueue = null;
    try {
      if (client.multiError) {
        throw new RedisError("EXECABORT Transaction discarded because of previous errors.");
      }
      for (Watches.Key k : client.watched) {
        c.ks().find(k.bytes()); // deletes a watched key whose time has come, marking the client
      }
      if (client.watchDirty) {
        c.nullArray();
        return;
      }
      c.arrayHeader(queued.size());
      engine.runQueued(c, queued);
    } finally {
      queued.forEach(RespCommand::release);
      client.multiError = false;
      c.node.watches.unwatchAll(client);
    }
  }

  private void discard(Call c) {
    ClientSession client = c.client;
    if (!client.inMulti()) {
      throw RedisError.err("DISCARD without MULTI");
    }
    client.multiQueue.forEach(RespCommand::release);
    client.multiQueue = null;
    client.multiError = false;
    c.node.watches.unwatchAll(client);
    c.ok();
  }

  private void watch(Call c) {
    if (c.client.inMulti()) {
      throw RedisError.err("WATCH inside MULTI is not allowed");
    }
    for (int i = 1; i < c.argc(); i++) {
      c.ks().peek(c.cmd, i); // deletes an expired key before it is watched
      c.node.watches.watch(c.client, c.arg(i));
    }
    c.ok();
  }

  private void unwatch(Call c) {
    c.node.watches.unwatchAll(c.client);
    c.ok();
  }
}
