package io.cachefleet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A proxy's admin HTTP port, as an operator's tools read it, for one of its pools. */
final class AdminPort {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final String pool;

  AdminPort(int port, String pool) {
    this.port = port;
    this.pool = pool;
  }

  /** The names of the members {@code /topology} lists, in membership order. */
  List<String> members() {
    List<String> names = new ArrayList<>();
    for (JsonNode member : topology().path("members")) {
      names.add(member.path("name").asText());
    }
    return names;
  }

  /** The pool's part of {@code /topology}. */
  JsonNode topology() {
    return json(get("/topology").body()).path("pools").path(pool);
  }

  /** {@code /health}: its HTTP status and document. */
  Health health() {
    HttpResponse<String> res = get("/health");
    return new Health(res.statusCode(), json(res.body()), pool);
  }

  record Health(int status, JsonNode document, String pool) {
    String verdict() {
      return document.path("status").asText();
    }

    /** The pool's membership source: reachable, index, last_error, holding, failures. */
    JsonNode membership() {
      return document.path("pools").path(pool).path("membership");
    }
  }

  String metrics() {
    return get("/metrics").body();
  }

  private HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " from the proxy's admin port failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
