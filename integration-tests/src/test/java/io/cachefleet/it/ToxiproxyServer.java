package io.cachefleet.it;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Toxiproxy's native server as its own process ({@code toxiproxy-server -host 127.0.0.1 -port P}),
 * with a client for its HTTP API. Tests put a Toxiproxy proxy between the cachefleet proxy and a
 * backend, then make that link slow or cut it.
 *
 * <p>It does not speak RESP: it is ready once its API answers {@code GET /version}. It stops as
 * every {@link ServerProcess} does, by pid.
 */
final class ToxiproxyServer implements AutoCloseable {

  /** The version install-toxiproxy builds; the cache directory it builds into is named after it. */
  static final String VERSION = "2.12.0";

  private static final int HTTP_TIMEOUT_MILLIS = 1000;

  private final ServerProcess process;
  private final ToxiproxyClient client;

  private ToxiproxyServer(ServerProcess process) {
    this.process = process;
    this.client = new ToxiproxyClient("127.0.0.1", process.port());
  }

  static ToxiproxyServer start() {
    String server = Tools.requireToxiproxyServer().toString();
    return new ToxiproxyServer(ServerProcess.start("toxiproxy",
        port -> List.of(server, "-host", "127.0.0.1", "-port", Integer.toString(port)), Map.of(),
        new ServerProcess.Readiness("answering GET /version", ToxiproxyServer::answersVersion)));
  }

  /**
   * A new Toxiproxy proxy named {@code name} in front of {@code 127.0.0.1:upstreamPort}, listening
   * on a port Toxiproxy chooses ({@link #port(Proxy)}), so no other process can take it first.
   */
  Proxy proxy(String name, int upstreamPort) {
    try {
      return client.createProxy(name, "127.0.0.1:0", "127.0.0.1:" + upstreamPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create toxiproxy proxy " + name, e);
    }
  }

  /** The port {@code proxy} listens on. */
  static int port(Proxy proxy) {
    String listen = proxy.getListen();
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  /** Enables every proxy and removes every toxic, as between tests. */
  void reset() {
    try {
      client.reset();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset toxiproxy", e);
    }
  }

  @Override
  public void close() {
    process.close();
  }

  private static boolean answersVersion(int port) {
    try {
      HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/version").toURL()
          .openConnection();
      http.setConnectTimeout(HTTP_TIMEOUT_MILLIS);
      http.setReadTimeout(HTTP_TIMEOUT_MILLIS);
      try {
        return http.getResponseCode() == HttpURLConnection.HTTP_OK;
      } finally {
        http.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }
}
