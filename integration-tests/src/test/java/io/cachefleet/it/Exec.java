package io.cachefleet.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived program to its end, with its output captured in files under target/. */
final class Exec {

  /** What a finished program left. */
  record Result(int exitCode, String out, String err) {}

  private static final Path DIR = Path.of("target", "exec");

  private Exec() {}

  static Result run(List<String> command, Path stdin, Map<String, String> env, Duration timeout) {
    try {
      Files.createDirectories(DIR);
      Path out = Files.createTempFile(DIR, "out-", ".txt");
      Path err = Files.createTempFile(DIR, "err-", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      builder.environment().putAll(env);
      if (stdin != null) {
        builder.redirectInput(stdin.toFile());
      }
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        fail(command + " did not finish within " + timeout);
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }

  static Result run(String... command) {
    return run(List.of(command), null, Map.of(), Duration.ofSeconds(60));
  }
}
