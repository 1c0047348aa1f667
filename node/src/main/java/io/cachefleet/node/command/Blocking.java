package io.cachefleet.node.command;

import io.cachefleet.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, ...), served as Redis serves them: when a
 * list or sorted set appears under a key, right after the command that made it, the clients
 * blocked on that key run their command again in the order they blocked, before any other
 * command, served from that key; a client whose deadline passes gets a null array.
 */
final class Blocking {

  private final NodeContext node;
  private final Map<Watches.Key, ArrayDeque<ClientSession>> waiting = new HashMap<>();
  private final LinkedHashSet<Watches.Key> ready = new LinkedHashSet<>();

  Blocking(NodeContext node) {
    this.node = node;
  }

  int blockedClients() {
    int n = 0;
    for (ClientSession c : node.clients.values()) {
      if (c.isBlocked()) {
        n++;
      }
    }
    return n;
  }

  void block(Call call, byte[][] keys, long deadline) {
    ClientSession c = call.client;
    if (call.retry) {
      return; // still blocked on the same keys, same deadline
    }
    c.blockedCommand = call.cmd.retain();
    c.blockedKeys = keys;
    c.blockedDeadline = deadline;
    for (byte[] key : keys) {
      waiting.computeIfAbsent(new Watches.Key(key), k -> new ArrayDeque<>(2)).add(c);
    }
    if (deadline > 0) {
      long delay = Math.max(0, deadline - node.keyspace.now());
      c.blockedTimeout = c.channel().eventLoop().schedule(() -> timeout(c), delay, TimeUnit.MILLISECONDS);
    }
  }

  /** Records that a list or sorted set appeared under {@code key}. */
  void keyReady(byte[] key) {
    if (!waiting.isEmpty()) {
      Watches.Key k = new Watches.Key(key);
      if (waiting.containsKey(k)) {
        ready.add(k);
      }
    }
  }

  /** Serves clients blocked on keys made ready by the command that just ran. Under the lock. */
  void serveReady(CommandEngine engine) {
    while (!ready.isEmpty()) {
      Watches.Key k = ready.iterator().next();
      ready.remove(k);
      ArrayDeque<ClientSession> queue = waiting.get(k);
      if (queue == null) {
        continue;
      }
      List<ClientSession> snapshot = new ArrayList<>(queue);
      for (ClientSession c : snapshot) {
        if (!c.isBlocked()) {
          continue;
        }
        ByteBuf reply = engine.retryBlocked(c, k.bytes());
        if (reply != null) {
          unblock(c);
          deliver(c, reply);
        }
        if (node.keyspace.find(k.bytes()) == null) {
          break;
        }
      }
    }
  }

  private void timeout(ClientSession c) {
    node.lock();
    try {
      if (!c.isBlocked()) {
        return;
      }
      long remaining = c.blockedDeadline - node.keyspace.now();
      if (remaining > 0) { // the timer ran early by the wall clock: wait out the rest
        c.blockedTimeout = c.channel().eventLoop().schedule(() -> timeout(c), remaining, TimeUnit.MILLISECONDS);
        return;
      }
      unblock(c);
      ByteBuf reply = c.channel().alloc().ioBuffer(8);
      RespWriter.nullArray(reply, c.resp3);
      deliver(c, reply);
    } finally {
      node.unlock();
    }
  }

  /** Removes {@code c} from every wait queue and releases its blocked command. */
  void unblock(ClientSession c) {
    if (!c.isBlocked()) {
      return;
    }
    for (byte[] key : c.blockedKeys) {
      Watches.Key k = new Watches.Key(key);
      ArrayDeque<ClientSession> queue = waiting.get(k);
      if (queue != null) {
        queue.remove(c);
        if (queue.isEmpty()) {
          waiting.remove(k);
        }
      }
    }
    if (c.blockedTimeout != null) {
      c.blockedTimeout.cancel(false);
      c.blockedTimeout = null;
    }
    c.blockedCommand.release();
    c.blockedCommand = null;
    c.blockedKeys = null;
  }

  /** Writes a blocked client's reply and resumes its pending commands on its own event loop. */
  private void deliver(ClientSession c, ByteBuf reply) {
    c.channel().eventLoop().execute(() -> {
      c.channel().writeAndFlush(reply);
      c.channel().pipeline().fireUserEventTriggered(CommandEngine.Resume.INSTANCE);
    });
  }
}
