package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.ClientDescription;
import io.cachefleet.protocol.ClientFilter;
import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespWriter;
import io.cachefleet.proxy.stats.Relay;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * CLIENT LIST and CLIENT KILL about the clients of the pool that asks: the proxy's own clients, as
 * a Redis server lists and kills its own, with Redis's arguments, fields and replies. Each client
 * is described, or closed, on its own event loop, one loop after another; the reply goes out on
 * the asking client's loop, the list in id order as Redis lists its clients.
 */
final class ClientCommands {

  private ClientCommands() {}

  static void run(FrontendHandler client, CommandSpec spec, RespCommand cmd) {
    boolean kill = spec.fullName().equals("client|kill");
    ClientFilter filter;
    try {
      filter = kill ? ClientFilter.kill(cmd) : ClientFilter.list(cmd);
    } catch (RedisError e) {
      client.reject(cmd, e.getMessage());
      return;
    }
    cmd.release();
    Request r = client.enqueue(new Request(client));
    Pool pool = client.pool();
    List<ClientDescription> matched = new ArrayList<>();
    if (kill) {
      // as in Redis, a client that kills itself runs nothing it sent after CLIENT KILL
      ClientDescription me = client.describe(System.nanoTime());
      if (filter.matches(me.id(), me.addr(), me.laddr(), me.type(), true)) {
        matched.add(me);
        client.kill(client);
      }
    }
    Relay.run(pool.eventLoops(), loop -> {
      long now = System.nanoTime();
      // a copy: a killed client leaves the set when its channel is closed
      for (FrontendHandler other : List.copyOf(pool.clients(loop))) {
        if (kill && other == client) {
          continue;
        }
        ClientDescription d = other.describe(now);
        if (filter.matches(d.id(), d.addr(), d.laddr(), d.type(), other == client)) {
          matched.add(d);
          if (kill) {
            other.kill(client);
          }
        }
      }
    }, client.loop().eventLoop(), () -> {
      ByteBuf out = client.alloc().buffer();
      if (!kill) {
        StringBuilder sb = new StringBuilder();
        matched.stream().sorted(Comparator.comparingLong(ClientDescription::id)).forEach(d -> sb.append(d.line()));
        RespWriter.verbatim(out, sb, client.resp3());
      } else if (!filter.legacyKill()) {
        RespWriter.integer(out, matched.size());
      } else if (matched.isEmpty()) {
        RespWriter.error(out, ClientFilter.NO_SUCH_CLIENT.getMessage());
      } else {
        RespWriter.ok(out);
      }
      r.complete(out);
      client.loop().flushSoon(); // a task ends no read batch, which would flush
    });
  }
}
