package io.cachefleet.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the programs a test needs. A missing one skips the test on a developer's machine but
 * fails it in CI ({@code CI=true}), where a skipped suite would look like a passing one.
 */
final class Tools {

  private Tools() {}

  /** The repository root, which Maven passes as {@code cachefleet.home}. */
  static Path home() {
    String home = System.getProperty("cachefleet.home");
    if (home == null) {
      fail("system property cachefleet.home is not set: run the integration tests through Maven");
    }
    return Path.of(home).toAbsolutePath().normalize();
  }

  /** The program on PATH, or a skipped (a failed, in CI) test naming what to install. */
  static Path require(String program, String install) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return missing(program + " not found on PATH; " + install);
  }

  /** The java bin/cachefleet will run: $JAVA_HOME/bin/java, else java on PATH. */
  static Path requireJava() {
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isEmpty()) {
      Path java = Path.of(javaHome, "bin", "java");
      return Files.isExecutable(java) ? java : missing("JAVA_HOME is " + javaHome + " but it has no bin/java");
    }
    return require("java", "install Java 17 or later, or set JAVA_HOME");
  }

  /**
   * Toxiproxy's server: {@code $TOXIPROXY_SERVER} when set, else the build that
   * {@code integration-tests/bin/install-toxiproxy} caches.
   */
  static Path requireToxiproxyServer() {
    return requireBuilt("TOXIPROXY_SERVER", "toxiproxy-" + ToxiproxyServer.VERSION, "toxiproxy-server",
        "integration-tests/bin/install-toxiproxy");
  }

  /** Consul: {@code $CONSUL_BIN} when set, else the build that {@code integration-tests/bin/install-consul} caches. */
  static Path requireConsul() {
    return requireBuilt("CONSUL_BIN", "consul-" + ConsulAgent.VERSION, "consul", "integration-tests/bin/install-consul");
  }

  /**
   * A program built from source once per machine into
   * {@code ${XDG_CACHE_HOME:-$HOME/.cache}/cachefleet/VERSIONED_DIR/PROGRAM}, or the path in
   * environment variable {@code env} when it is set.
   */
  private static Path requireBuilt(String env, String versionedDir, String program, String script) {
    String install = "build it with " + script + " (install-deps runs it)";
    String configured = System.getenv(env);
    if (configured != null && !configured.isEmpty()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? path
          : missing(env + " is " + configured + " but that is not an executable file; " + install);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    Path path = cache.resolve("cachefleet").resolve(versionedDir).resolve(program);
    return Files.isExecutable(path) ? path : missing(program + " not found at " + path + "; " + install
        + ", or set " + env);
  }

  private static <T> T missing(String message) {
    if ("true".equals(System.getenv("CI"))) {
      return fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    return Assumptions.abort(message);
  }
}
