package io.cachefleet.node.command;

import io.cachefleet.node.server.ClientHandler;
import io.cachefleet.node.store.EvictionPolicy;
import io.cachefleet.protocol.RespDecoder;
import io.cachefleet.protocol.RespLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node engine with a hand-driven clock, and clients on embedded channels that send commands
 * and read back the raw RESP replies, exactly as a socket client would see them.
 */
final class NodeHarness {

  final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  final CommandEngine engine;

  NodeHarness() {
    this(0, EvictionPolicy.NOEVICTION, null);
  }

  NodeHarness(long maxMemory, EvictionPolicy policy, String requirePass) {
    engine = new CommandEngine(clock::get, maxMemory, policy, requirePass, RespLimits.REDIS_DEFAULTS, 10, 10000);
  }

  Client client() {
    return new Client();
  }

  /** Moves the clock forward; expiry and blocking deadlines see the new time. */
  void advance(long millis) {
    clock.addAndGet(millis);
  }

  final class Client implements AutoCloseable {
    final EmbeddedChannel channel;

    Client() {
      RespDecoder decoder = new RespDecoder(engine.limits());
      channel = new EmbeddedChannel(decoder, new ClientHandler(engine, decoder));
    }

    /** Sends one command and returns every reply byte written since the last read. */
    String call(String... args) {
      StringBuilder sb = new StringBuilder().append('*').append(args.length).append("\r\n");
      for (String a : args) {
        sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      return send(sb.toString());
    }

    /** Sends raw bytes (inline commands, pipelines, broken frames) and returns the replies. */
    String send(String raw) {
      channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
      return read();
    }

    /** Replies that arrived without a request: pushes, unblocked commands. */
    String read() {
      channel.runPendingTasks();
      StringBuilder sb = new StringBuilder();
      ByteBuf b;
      while ((b = channel.readOutbound()) != null) {
        sb.append(b.toString(StandardCharsets.UTF_8));
        b.release();
      }
      return sb.toString();
    }

    /** Advances this client's event-loop time and runs what became due (blocking timeouts). */
    String advanceLoop(long millis) {
      channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
      return read();
    }

    boolean isOpen() {
      channel.runPendingTasks();
      return channel.isOpen();
    }

    @Override
    public void close() {
      channel.finishAndReleaseAll();
    }
  }

  // ---------------------------------------------------------------- expected replies

  static final String WRONGTYPE = error("WRONGTYPE Operation against a key holding the wrong kind of value");
  static final String SYNTAX = error("ERR syntax error");
  static final String NOT_INTEGER = error("ERR value is not an integer or out of range");
  static final String NOT_POSITIVE = error("ERR value is out of range, must be positive");
  static final String NULL_ARRAY = "*-1\r\n";
  static final String EMPTY_ARRAY = "*0\r\n";
  /** RESP3's null, which replaces both null bulk and null array after HELLO 3. */
  static final String NULL3 = "_\r\n";

  static String ok() {
    return "+OK\r\n";
  }

  static String bulk(String s) {
    return "$" + s.getBytes(StandardCharsets.UTF_8).length + "\r\n" + s + "\r\n";
  }

  static String nil() {
    return "$-1\r\n";
  }

  static String integer(long n) {
    return ":" + n + "\r\n";
  }

  static String error(String message) {
    return "-" + message + "\r\n";
  }

  /** An array of already encoded replies. */
  static String arr(String... items) {
    return "*" + items.length + "\r\n" + String.join("", items);
  }

  /** A RESP3 double. */
  static String dbl(String text) {
    return "," + text + "\r\n";
  }

  /** An array of bulk strings; a null element is a null bulk. */
  static String array(String... items) {
    StringBuilder sb = new StringBuilder().append('*').append(items.length).append("\r\n");
    for (String s : items) {
      sb.append(s == null ? nil() : bulk(s));
    }
    return sb.toString();
  }
}
