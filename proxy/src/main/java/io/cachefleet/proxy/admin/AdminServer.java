package io.cachefleet.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cachefleet.proxy.frontend.Pool;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The proxy's admin HTTP port, served by Reactor Netty on the proxy's own event loops:
 *
 * <ul>
 *   <li>{@code GET /health}: whether the proxy serves, and the condition of each pool and of the
 *       source of its members; 200 while it serves (even degraded), 503 when it cannot;</li>
 *   <li>{@code GET /topology}: each pool's members, their state and zone, the ring's size and
 *       version, the membership's version and the last Consul index;</li>
 *   <li>{@code GET /metrics}: every meter, in Prometheus's text format.</li>
 * </ul>
 *
 * The documents are small and built on request from immutable snapshots; nothing here blocks.
 */
public final class AdminServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String JSON_TYPE = "application/json";

  private final DisposableServer server;

  private AdminServer(DisposableServer server) {
    this.server = server;
  }

  /**
   * Binds {@code bind:port} (0 for a free port) and serves until closed.
   *
   * @param loops the event loops that serve the requests
   * @param pools the proxy's pools
   * @param serving whether the proxy's listeners are open
   * @param registry the meters {@code /metrics} reports
   */
  public static AdminServer start(String bind, int port, EventLoopGroup loops, List<Pool> pools,
                                  BooleanSupplier serving, PrometheusMeterRegistry registry) {
    Documents view = new Documents(pools, serving);
    DisposableServer server = HttpServer.create()
        .host(bind)
        .port(port)
        .runOn(loops)
        .route(routes -> routes
            .get("/health", (req, res) -> {
              Documents.Health health = view.health();
              return json(res.status(health.serving() ? HttpResponseStatus.OK
                  : HttpResponseStatus.SERVICE_UNAVAILABLE), health::document);
            })
            .get("/topology", (req, res) -> json(res, view::topology))
            .get("/metrics", (req, res) -> res
                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .sendString(Mono.fromSupplier(registry::scrape))))
        .bindNow();
    return new AdminServer(server);
  }

  private static Mono<Void> json(HttpServerResponse res, Supplier<Object> document) {
    return res.header(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE)
        .sendString(Mono.fromSupplier(() -> write(document.get()) + "\n")).then();
  }

  private static String write(Object document) {
    try {
      return JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + document, e);
    }
  }

  /** The port the admin server listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
