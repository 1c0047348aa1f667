package io.cachefleet.node.command;

import io.cachefleet.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Channel and pattern subscriptions. PUBLISH writes each message straight to the subscribers'
 * connections, as a RESP2 array or a RESP3 push by each subscriber's protocol.
 */
final class PubSub {

  /** A channel or pattern name with byte equality. */
  record Name(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Name n && Arrays.equals(bytes, n.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PMESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);

  final Map<Name, Set<ClientSession>> channels = new HashMap<>();
  final Map<Name, Set<ClientSession>> patterns = new HashMap<>();

  boolean subscribe(ClientSession c, byte[] channel) {
    Name n = new Name(channel);
    if (!c.channels.add(n)) {
      return false;
    }
    channels.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(c);
    return true;
  }

  boolean unsubscribe(ClientSession c, Name n) {
    if (!c.channels.remove(n)) {
      return false;
    }
    Set<ClientSession> set = channels.get(n);
    if (set != null && set.remove(c) && set.isEmpty()) {
      channels.remove(n);
    }
    return true;
  }

  boolean psubscribe(ClientSession c, byte[] pattern) {
    Name n = new Name(pattern);
    if (!c.patterns.add(n)) {
      return false;
    }
    patterns.computeIfAbsent(n, k -> new LinkedHashSet<>()).add(c);
    return true;
  }

  boolean punsubscribe(ClientSession c, Name n) {
    if (!c.patterns.remove(n)) {
      return false;
    }
    Set<ClientSession> set = patterns.get(n);
    if (set != null && set.remove(c) && set.isEmpty()) {
      patterns.remove(n);
    }
    return true;
  }

  void unsubscribeAll(ClientSession c) {
    for (Name n : c.channels.toArray(new Name[0])) {
      unsubscribe(c, n);
    }
    for (Name n : c.patterns.toArray(new Name[0])) {
      punsubscribe(c, n);
    }
  }

  /** Delivers a message; returns the number of clients that received it. */
  int publish(ClientSession publisher, ByteBuf publisherOut, byte[] channel, byte[] message) {
    int receivers = 0;
    Set<ClientSession> direct = channels.get(new Name(channel));
    if (direct != null) {
      for (ClientSession c : direct) {
        ByteBuf buf = c == publisher ? publisherOut : c.channel().alloc().ioBuffer(32 + channel.length + message.length);
        RespWriter.pushHeader(buf, 3, c.resp3);
        RespWriter.bulk(buf, MESSAGE);
        RespWriter.bulk(buf, channel);
        RespWriter.bulk(buf, message);
        if (c != publisher) {
          c.channel().writeAndFlush(buf);
        }
        receivers++;
      }
    }
    for (Map.Entry<Name, Set<ClientSession>> e : patterns.entrySet()) {
      byte[] pattern = e.getKey().bytes();
      if (!Glob.matches(pattern, channel, false)) {
        continue;
      }
      for (ClientSession c : e.getValue()) {
        ByteBuf buf = c == publisher ? publisherOut
            : c.channel().alloc().ioBuffer(48 + pattern.length + channel.length + message.length);
        RespWriter.pushHeader(buf, 4, c.resp3);
        RespWriter.bulk(buf, PMESSAGE);
        RespWriter.bulk(buf, pattern);
        RespWriter.bulk(buf, channel);
        RespWriter.bulk(buf, message);
        if (c != publisher) {
          c.channel().writeAndFlush(buf);
        }
        receivers++;
      }
    }
    return receivers;
  }
}
