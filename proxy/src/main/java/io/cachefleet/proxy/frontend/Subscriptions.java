package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespReplies;
import io.cachefleet.protocol.RespWriter;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.backend.BackendConnection;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client's pub/sub subscriptions, spread over the backends.
 *
 * <h2>Design</h2>
 * A channel lives on the backend its name hashes to, like a key, so PUBLISH goes to one backend
 * and reaches every subscriber of that channel through any proxy. A pattern may match channels
 * anywhere, so PSUBSCRIBE goes to every backend. Each backend this client subscribes on gets a
 * push-mode connection of the client's own.
 *
 * <p>The client sees what one Redis server would send. Its subscriptions change in request order,
 * when each command is read, as Redis changes them, and each confirmation carries the client's
 * total count at that point. SUBSCRIBE is answered once every backend involved has confirmed, so a
 * message published after the client's confirmation is never missed. UNSUBSCRIBE and RESET are
 * answered at once, and messages for channels or patterns the client no longer has are dropped
 * on arrival. Messages wait behind replies the client is still owed, so order is kept. If a
 * backend connection holding subscriptions closes, the client is disconnected: it would otherwise
 * silently stop receiving, and clients resubscribe when they reconnect.
 */
final class Subscriptions {

  private final FrontendHandler client;
  /** Channel and pattern names decoded as ISO-8859-1, which keeps every byte. */
  private final Set<String> channels = new LinkedHashSet<>();
  private final Set<String> patterns = new LinkedHashSet<>();
  private final Map<Backend, Subscriber> subscribers = new LinkedHashMap<>();

  Subscriptions(FrontendHandler client) {
    this.client = client;
  }

  /** True when the client is in subscribed mode. */
  boolean active() {
    return !channels.isEmpty() || !patterns.isEmpty();
  }

  int count() {
    return channels.size() + patterns.size();
  }

  int channels() {
    return channels.size();
  }

  int patterns() {
    return patterns.size();
  }

  void subscribe(RespCommand cmd, boolean pattern) {
    List<String> names = names(cmd, 1);
    Confirmation confirmation = client.enqueue(new Confirmation(client, names, pattern));
    if (pattern) {
      confirmation.subscribe();
      List<Backend> live = client.pool().router().live();
      for (Backend b : live) {
        subscriber(b).send("PSUBSCRIBE", names, confirmation);
      }
    } else {
      Map<Backend, List<String>> byBackend = new LinkedHashMap<>();
      for (int i = 1; i < cmd.argc(); i++) {
        Backend b = client.route(cmd, i);
        if (b == null) {
          cmd.release();
          client.stats().forwardError();
          confirmation.fail(FrontendHandler.noBackend());
          return;
        }
        byBackend.computeIfAbsent(b, k -> new ArrayList<>()).add(names.get(i - 1));
      }
      confirmation.subscribe();
      byBackend.forEach((b, list) -> subscriber(b).send("SUBSCRIBE", list, confirmation));
    }
    cmd.release();
    confirmation.sent();
  }

  void unsubscribe(RespCommand cmd, boolean pattern) {
    Set<String> set = pattern ? patterns : channels;
    List<String> names = cmd.argc() > 1 ? names(cmd, 1) : new ArrayList<>(set);
    cmd.release();
    String kind = pattern ? "punsubscribe" : "unsubscribe";
    ByteBuf out = client.alloc().buffer();
    if (names.isEmpty()) {
      confirm(out, kind, null, count(), client.resp3());
    }
    Map<Backend, List<String>> byBackend = new LinkedHashMap<>();
    for (String name : names) {
      if (set.remove(name)) {
        if (pattern) {
          subscribers.keySet().forEach(b -> byBackend.computeIfAbsent(b, k -> new ArrayList<>()).add(name));
        } else {
          Backend b = client.pool().router().route(ascii(name), 0, name.length());
          if (b != null && subscribers.containsKey(b)) {
            byBackend.computeIfAbsent(b, k -> new ArrayList<>()).add(name);
          }
        }
      }
      confirm(out, kind, name, count(), client.resp3());
    }
    byBackend.forEach((b, list) -> subscribers.get(b).send(pattern ? "PUNSUBSCRIBE" : "UNSUBSCRIBE", list, null));
    client.enqueue(new Request(client)).complete(out);
  }

  /** PING in subscribed mode: {@code ["pong", message]}. */
  void ping(RespCommand cmd, ByteBuf out) {
    RespWriter.arrayHeader(out, 2);
    RespWriter.bulk(out, "pong");
    if (cmd.argc() > 1) {
      RespWriter.bulk(out, cmd.content(), cmd.argIndex(1), cmd.argLength(1));
    } else {
      RespWriter.emptyBulk(out);
    }
  }

  /**
   * RESET: leaves every channel and pattern without the confirmations UNSUBSCRIBE brings. A
   * SUBSCRIBE still waiting for its backends is answered, but no longer subscribes the client.
   */
  void reset() {
    channels.clear();
    patterns.clear();
    for (Subscriber s : subscribers.values()) {
      s.send("UNSUBSCRIBE", List.of(), null);
      s.send("PUNSUBSCRIBE", List.of(), null);
    }
  }

  /** Closes every subscriber connection: the client is gone. */
  void close() {
    subscribers.values().forEach(s -> s.conn.close());
    subscribers.clear();
    channels.clear();
    patterns.clear();
  }

  /** A confirmation: an array in RESP2, a push in RESP3, as Redis sends it. */
  private static void confirm(ByteBuf out, String kind, String name, int count, boolean resp3) {
    RespWriter.pushHeader(out, 3, resp3);
    RespWriter.bulk(out, kind);
    if (name == null) {
      RespWriter.nullBulk(out, resp3);
    } else {
      RespWriter.bulk(out, name.getBytes(StandardCharsets.ISO_8859_1));
    }
    RespWriter.integer(out, count);
  }

  private Subscriber subscriber(Backend b) {
    Subscriber s = subscribers.get(b);
    if (s == null || s.conn.resp3() != client.resp3()) {
      if (s != null) {
        // left over from before a RESET that took the client back to RESP2
        s.replaced = true;
        s.conn.close();
      }
      s = new Subscriber(b);
      subscribers.put(b, s);
    }
    return s;
  }

  private static List<String> names(RespCommand cmd, int from) {
    List<String> names = new ArrayList<>(cmd.argc() - from);
    for (int i = from; i < cmd.argc(); i++) {
      names.add(cmd.content().toString(cmd.argIndex(i), cmd.argLength(i), StandardCharsets.ISO_8859_1));
    }
    return names;
  }

  private static ByteBuf ascii(String name) {
    return io.netty.buffer.Unpooled.wrappedBuffer(name.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The string of the bulk element starting at {@code index} of a push. */
  private static String bulk(ByteBuf push, int index) {
    int data = push.indexOf(index, push.writerIndex(), (byte) '\n') + 1;
    int end = RespReplies.end(push, index) - 2;
    return push.toString(data, end - data, StandardCharsets.ISO_8859_1);
  }

  /**
   * A SUBSCRIBE or PSUBSCRIBE: the client is subscribed when the command is read, and answered
   * when every backend it went to has confirmed; if one fails, the client is left without the
   * names this command added.
   */
  private final class Confirmation extends Request {
    private final List<String> names;
    private final boolean pattern;
    /** The client's count after each name, as Redis reports it. */
    private final int[] counts;
    /** The protocol the client spoke when it sent the command. */
    private final boolean resp3 = client.resp3();
    private final List<String> added = new ArrayList<>();
    private int awaited;
    private boolean sent;
    private String error;

    Confirmation(FrontendHandler client, List<String> names, boolean pattern) {
      super(client);
      this.names = names;
      this.pattern = pattern;
      this.counts = new int[names.size()];
    }

    void subscribe() {
      Set<String> set = pattern ? patterns : channels;
      for (int i = 0; i < counts.length; i++) {
        if (set.add(names.get(i))) {
          added.add(names.get(i));
        }
        counts[i] = count();
      }
    }

    void expect(int confirmations) {
      awaited += confirmations;
    }

    void sent() {
      sent = true;
      finishIfDone();
    }

    void confirmed(String failure) {
      awaited--;
      if (failure != null && error == null) {
        error = failure;
      }
      finishIfDone();
    }

    private void finishIfDone() {
      if (!sent || awaited > 0 || ready()) {
        return;
      }
      if (error != null) {
        (pattern ? patterns : channels).removeAll(added);
        fail(error);
        return;
      }
      ByteBuf out = client().alloc().buffer();
      for (int i = 0; i < counts.length; i++) {
        confirm(out, pattern ? "psubscribe" : "subscribe", names.get(i), counts[i], resp3);
      }
      complete(out);
    }
  }

  /** This client's push-mode connection to one backend, and the confirmations it still owes. */
  private final class Subscriber implements BackendConnection.PushListener {
    private final BackendConnection conn;
    /** Another connection took this one's place; its end is not the client's. */
    private boolean replaced;
    /** Per command sent, the confirmation waiting for it and how many replies it brings. */
    private final ArrayDeque<Owed> owed = new ArrayDeque<>();

    Subscriber(Backend backend) {
      this.conn = new BackendConnection(backend, client.loop(),
          client.pool().dedicatedSettings(client.resp3()), client.stats().server(backend), this);
    }

    void send(String command, List<String> names, Confirmation confirmation) {
      ByteBuf out = client.alloc().buffer();
      RespWriter.arrayHeader(out, names.size() + 1L);
      RespWriter.bulk(out, command);
      for (String name : names) {
        RespWriter.bulk(out, name.getBytes(StandardCharsets.ISO_8859_1));
      }
      conn.write(out);
      if (confirmation != null) {
        confirmation.expect(names.size());
        owed.add(new Owed(confirmation, names.size()));
      }
    }

    @Override
    public void push(ByteBuf value) {
      try {
        int kindAt = RespReplies.firstElement(value);
        String kind = bulk(value, kindAt);
        int second = RespReplies.end(value, kindAt);
        switch (kind) {
          case "subscribe", "psubscribe" -> confirmed();
          case "message" -> deliverIf(channels.contains(bulk(value, second)), value);
          case "pmessage" -> deliverIf(patterns.contains(bulk(value, second)), value);
          default -> { } // confirmations of unsubscribes, answered already
        }
      } finally {
        value.release();
      }
    }

    private void deliverIf(boolean subscribed, ByteBuf message) {
      if (subscribed && !replaced) {
        client.push(message.retain());
      }
    }

    private void confirmed() {
      Owed head = owed.peek();
      if (head == null) {
        return;
      }
      if (--head.left == 0) {
        owed.poll();
      }
      head.confirmation.confirmed(null);
    }

    @Override
    public void closed(String error) {
      Owed head;
      while ((head = owed.poll()) != null) {
        for (; head.left > 0; head.left--) {
          head.confirmation.confirmed(error);
        }
      }
      if (active() && !replaced) {
        client.disconnect();
      }
    }
  }

  /** Confirmations a subscribe command sent to one backend still brings. */
  private static final class Owed {
    final Confirmation confirmation;
    int left;

    Owed(Confirmation confirmation, int left) {
      this.confirmation = confirmation;
      this.left = left;
    }
  }
}
