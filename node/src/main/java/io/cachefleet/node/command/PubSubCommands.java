package io.cachefleet.node.command;

import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespWriter;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB, as Redis 7.0's pubsub.c
 * answers them. Confirmations are RESP3 pushes or RESP2 arrays. Shard channels (SSUBSCRIBE) are
 * not implemented, so PUBSUB SHARDCHANNELS and SHARDNUMSUB truthfully report none.
 */
final class PubSubCommands implements CommandFamily {

  private static final AsciiString SUBSCRIBE = AsciiString.of("subscribe");
  private static final AsciiString UNSUBSCRIBE = AsciiString.of("unsubscribe");
  private static final AsciiString PSUBSCRIBE = AsciiString.of("psubscribe");
  private static final AsciiString PUNSUBSCRIBE = AsciiString.of("punsubscribe");

  @Override
  public void register(CommandRegistry r) {
    r.bind("subscribe", this::subscribe);
    r.bind("psubscribe", this::psubscribe);
    r.bind("unsubscribe", this::unsubscribe);
    r.bind("punsubscribe", this::punsubscribe);
    r.bind("publish", this::publish);
    r.bind("pubsub|channels", this::channels);
    r.bind("pubsub|numsub", this::numsub);
    r.bind("pubsub|numpat", c -> c.integer(c.node.pubsub.patterns.size()));
    r.bind("pubsub|shardchannels", c -> {
      checkPatternArgs(c);
      c.arrayHeader(0);
    });
    r.bind("pubsub|shardnumsub", this::shardnumsub);
    r.bind("pubsub|help", c -> ServerCommands.help(c, "PUBSUB",
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)"));
  }

  private static int count(ClientSession c) {
    return c.channels.size() + c.patterns.size();
  }

  private static void confirm(Call c, AsciiString kind, byte[] name) {
    RespWriter.pushHeader(c.out, 3, c.resp3());
    RespWriter.bulk(c.out, kind);
    if (name == null) {
      c.nullBulk();
    } else {
      c.bulk(name);
    }
    c.integer(count(c.client));
  }

  private void subscribe(Call c) {
    for (int i = 1; i < c.argc(); i++) {
      byte[] ch = c.arg(i);
      c.node.pubsub.subscribe(c.client, ch);
      confirm(c, SUBSCRIBE, ch);
    }
  }

  private void psubscribe(Call c) {
    for (int i = 1; i < c.argc(); i++) {
      byte[] p = c.arg(i);
      c.node.pubsub.psubscribe(c.client, p);
      confirm(c, PSUBSCRIBE, p);
    }
  }

  private void unsubscribe(Call c) {
    if (c.argc() == 1) {
      if (c.client.channels.isEmpty()) {
        confirm(c, UNSUBSCRIBE, null);
        return;
      }
      for (PubSub.Name n : c.client.channels.toArray(new PubSub.Name[0])) {
        c.node.pubsub.unsubscribe(c.client, n);
        confirm(c, UNSUBSCRIBE, n.bytes());
      }
      return;
    }
    for (int i = 1; i < c.argc(); i++) {
      byte[] ch = c.arg(i);
      c.node.pubsub.unsubscribe(c.client, new PubSub.Name(ch));
      confirm(c, UNSUBSCRIBE, ch);
    }
  }

  private void punsubscribe(Call c) {
    if (c.argc() == 1) {
      if (c.client.patterns.isEmpty()) {
        confirm(c, PUNSUBSCRIBE, null);
        return;
      }
      for (PubSub.Name n : c.client.patterns.toArray(new PubSub.Name[0])) {
        c.node.pubsub.punsubscribe(c.client, n);
        confirm(c, PUNSUBSCRIBE, n.bytes());
      }
      return;
    }
    for (int i = 1; i < c.argc(); i++) {
      byte[] p = c.arg(i);
      c.node.pubsub.punsubscribe(c.client, new PubSub.Name(p));
      confirm(c, PUNSUBSCRIBE, p);
    }
  }

  private void publish(Call c) {
    int n = c.node.pubsub.publish(c.client, c.out, c.arg(1), c.arg(2));
    c.integer(n);
  }

  /** PUBSUB CHANNELS and SHARDCHANNELS take at most a pattern, checked by the handler as in Redis. */
  private static void checkPatternArgs(Call c) {
    if (c.argc() > 3) {
      throw RedisError.err("unknown subcommand or wrong number of arguments for '" + c.argString(1)
          + "'. Try PUBSUB HELP.");
    }
  }

  private void channels(Call c) {
    checkPatternArgs(c);
    byte[] pattern = c.argc() > 2 ? c.arg(2) : null;
    List<byte[]> matched = new ArrayList<>();
    for (PubSub.Name n : c.node.pubsub.channels.keySet()) {
      if (pattern == null || Glob.matches(pattern, n.bytes(), false)) {
        matched.add(n.bytes());
      }
    }
    c.arrayHeader(matched.size());
    matched.forEach(c::bulk);
  }

  /** PUBSUB NUMSUB [channel ...]: channel and count pairs, a flat array even in RESP3, as Redis sends it. */
  private void numsub(Call c) {
    c.arrayHeader((c.argc() - 2) * 2L);
    for (int i = 2; i < c.argc(); i++) {
      byte[] ch = c.arg(i);
      Set<ClientSession> subs = c.node.pubsub.channels.get(new PubSub.Name(ch));
      c.bulk(ch);
      c.integer(subs == null ? 0 : subs.size());
    }
  }

  private void shardnumsub(Call c) {
    c.arrayHeader((c.argc() - 2) * 2L);
    for (int i = 2; i < c.argc(); i++) {
      c.bulk(c.arg(i));
      c.integer(0);
    }
  }
}
