package io.cachefleet.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The pool shapes the placement parity tests give nutcracker and the cachefleet proxy alike:
 * Twemproxy's default, named servers of unequal weights, a hash tag, modula, and another hash.
 */
final class ParityPools {

  /** Pool settings and server lines, by case; {@code %d} are the backends' ports. */
  private static final Map<String, String> CASES = Map.of(
      "default", """
            hash: fnv1a_64
            distribution: ketama
            servers:
              - 127.0.0.1:%d:1
              - 127.0.0.1:%d:1
              - 127.0.0.1:%d:1
          """,
      "named-weighted", """
            hash: fnv1a_64
            distribution: ketama
            servers:
              - 127.0.0.1:%d:1 alpha
              - 127.0.0.1:%d:3 beta
              - 127.0.0.1:%d:2 gamma
          """,
      "hash-tag", """
            hash: murmur
            hash_tag: "{}"
            distribution: ketama
            servers:
              - 127.0.0.1:%d:1
              - 127.0.0.1:%d:2
              - 127.0.0.1:%d:1
          """,
      "md5-modula", """
            hash: md5
            distribution: modula
            servers:
              - 127.0.0.1:%d:1
              - 127.0.0.1:%d:2
              - 127.0.0.1:%d:1
          """,
      "crc32a-ketama", """
            hash: crc32a
            distribution: ketama
            servers:
              - 127.0.0.1:%d:2 one
              - 127.0.0.1:%d:1 two
              - 127.0.0.1:%d:1 three
          """);

  private ParityPools() {}

  /**
   * Writes the nutcracker.yml of case {@code name} under target/: one pool listening on
   * {@code port}, a Redis pool or a memcached one, over the three backends on {@code backends}.
   */
  static Path write(String name, int port, boolean redis, int... backends) throws IOException {
    Path config = Files.createTempFile(Files.createDirectories(Path.of("target")), "nutcracker-" + name + "-", ".yml");
    return Files.writeString(config, "parity:\n  listen: 127.0.0.1:" + port + "\n  redis: " + redis + "\n"
        + CASES.get(name).formatted(backends[0], backends[1], backends[2]));
  }
}
