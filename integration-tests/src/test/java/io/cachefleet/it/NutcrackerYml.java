package io.cachefleet.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a one-pool nutcracker.yml under target/, as an operator writes one for Twemproxy. */
final class NutcrackerYml {

  private NutcrackerYml() {}

  /**
   * A Redis pool named {@code pool} listening on {@code 127.0.0.1:listenPort}, with {@code settings}
   * (YAML lines, indented two spaces, such as {@code "  timeout: 200\n"}) and one server of weight 1
   * per port of {@code servers}, in that order.
   */
  static Path write(String pool, int listenPort, String settings, int... servers) {
    return write(pool, listenPort, true, settings, servers);
  }

  /**
   * A memcached pool ({@code redis: false}, Twemproxy's default), otherwise as
   * {@link #write(String, int, String, int...)}: its listener and its servers speak the memcached
   * ASCII protocol.
   */
  static Path writeMemcached(String pool, int listenPort, String settings, int... servers) {
    return write(pool, listenPort, false, settings, servers);
  }

  private static Path write(String pool, int listenPort, boolean redis, String settings, int... servers) {
    StringBuilder yml = new StringBuilder()
        .append(pool).append(":\n")
        .append("  listen: 127.0.0.1:").append(listenPort).append('\n')
        .append("  redis: ").append(redis).append('\n')
        .append(settings)
        .append("  servers:\n");
    for (int port : servers) {
      yml.append("    - 127.0.0.1:").append(port).append(":1\n");
    }
    try {
      Path file = Files.createTempFile(Files.createDirectories(Path.of("target")), "nutcracker-" + pool + "-", ".yml");
      return Files.writeString(file, yml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the nutcracker.yml of " + pool, e);
    }
  }
}
