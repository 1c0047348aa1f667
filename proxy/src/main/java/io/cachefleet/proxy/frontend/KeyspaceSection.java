package io.cachefleet.proxy.frontend;

import io.cachefleet.protocol.RespReplies;
import io.cachefleet.proxy.backend.Backend;
import io.cachefleet.proxy.backend.Pending;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * INFO's keyspace section, added up from the backends: every backend in the ring is asked for
 * its own {@code INFO keyspace}, and its line for the pool's database ({@code redis_db}) is summed
 * into one {@code db0} line, the one database the proxy's clients see. {@code avg_ttl} is the
 * backends' mean weighted by their keys with an expiry. As in Redis, there is no {@code db0} line
 * when there are no keys.
 *
 * <p>A backend that fails to answer is left out of the sums and named on an
 * {@code unanswered_backends} line, so that INFO still answers while a backend is down.
 */
final class KeyspaceSection {

  private static final byte[] INFO_KEYSPACE = "*2\r\n$4\r\nINFO\r\n$8\r\nkeyspace\r\n".getBytes(StandardCharsets.US_ASCII);

  private final StringBuilder text;
  private final Runnable done;
  /** The start of the pool's database line in a backend's INFO: {@code db3:}. */
  private final String database;
  private final List<String> unanswered = new ArrayList<>();
  private int remaining;
  private long keys;
  private long expires;
  /** Each backend's avg_ttl times its keys with an expiry, summed. */
  private double ttls;

  private KeyspaceSection(StringBuilder text, Runnable done, int database, int backends) {
    this.text = text;
    this.done = done;
    this.database = "db" + database + ":";
    this.remaining = backends;
  }

  /**
   * Appends the keyspace section to {@code text} once every backend in the ring has answered or
   * failed, then runs {@code done}, on the client's event loop.
   */
  static void append(FrontendHandler client, StringBuilder text, Runnable done) {
    ProxyInfo.title(text, "keyspace");
    List<Backend> live = client.pool().router().live();
    KeyspaceSection section = new KeyspaceSection(text, done, client.pool().config().redisDb(), live.size());
    if (live.isEmpty()) {
      section.finish();
      return;
    }
    for (Backend backend : live) {
      client.connection(backend).send(section.new Part(backend), Unpooled.wrappedBuffer(INFO_KEYSPACE));
    }
    client.loop().flushSoon();
  }

  private void answered(Backend backend, ByteBuf reply) {
    try {
      if (RespReplies.isError(reply)) {
        unanswered.add(backend.label());
      } else {
        add(RespReplies.text(reply));
      }
    } catch (IllegalArgumentException e) {
      unanswered.add(backend.label());
    } finally {
      reply.release();
    }
    arrived();
  }

  /** Adds the counts of {@code info}'s line for the pool's database, if it has one. */
  private void add(String info) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith(database)) {
        long lineExpires = 0;
        long avgTtl = 0;
        for (String field : line.substring(database.length()).split(",")) {
          int eq = field.indexOf('=');
          String value = field.substring(eq + 1);
          switch (field.substring(0, Math.max(eq, 0))) {
            case "keys" -> keys += number(value);
            case "expires" -> lineExpires = number(value);
            case "avg_ttl" -> avgTtl = number(value);
            default -> { } // fields of later Redis versions
          }
        }
        expires += lineExpires;
        ttls += (double) avgTtl * lineExpires;
      }
    }
  }

  private static long number(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + value);
    }
  }

  private void arrived() {
    if (--remaining == 0) {
      finish();
    }
  }

  private void finish() {
    if (keys > 0) {
      text.append("db0:keys=").append(keys).append(",expires=").append(expires).append(",avg_ttl=")
          .append(expires == 0 ? 0 : Math.round(ttls / expires)).append("\r\n");
    }
    if (!unanswered.isEmpty()) {
      ProxyInfo.line(text, "unanswered_backends", String.join(",", unanswered));
    }
    done.run();
  }

  private final class Part extends Pending {
    private final Backend backend;

    Part(Backend backend) {
      this.backend = backend;
    }

    @Override
    protected void onReply(ByteBuf reply) {
      answered(backend, reply);
    }

    @Override
    protected void onFailure(String error) {
      unanswered.add(backend.label());
      arrived();
    }
  }
}
