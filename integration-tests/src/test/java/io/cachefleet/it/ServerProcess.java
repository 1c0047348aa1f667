package io.cachefleet.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A memory node run as its own process through {@code bin/cachefleet node --port P}, as a user runs
 * it. Its output goes to {@code target/node-logs/node-P.log}.
 *
 * <p>Starting picks a free port and polls PING until the node answers or a deadline passes; a
 * node that lost its port to another process in between is started again on another one.
 * Stopping sends SIGTERM to the pid, then SIGKILL if the node has not exited in time.
 */
final class NodeProcess implements AutoCloseable {

  /** A cold JVM on a busy two-core machine can take several seconds to bind. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private static final long POLL_MILLIS = 25;

  /** Attempts when the chosen port was taken between choosing and binding. */
  private static final int START_ATTEMPTS = 3;

  private static final Path LOGS = Path.of("target", "node-logs");

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread reaper;

  private NodeProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.reaper = new Thread(process::destroyForcibly, "reap-node-" + port);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  static NodeProcess start(String... args) {
    return start(Map.of(), args);
  }

  /** Starts a node with extra command line arguments and environment (CACHEFLEET_JAVA_OPTS...). */
  static NodeProcess start(Map<String, String> env, String... args) {
    Tools.requireJava();
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Path log = LOGS.resolve("node-" + port + ".log");
      Process process = launch(port, log, env, args);
      if (awaitReady(process, port, log)) {
        return new NodeProcess(process, port, log);
      }
      String output = read(log);
      if (attempt == START_ATTEMPTS || !output.contains("cannot listen")) {
        throw new AssertionError("node exited with code " + process.exitValue() + " before answering PING:\n"
            + output);
      }
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Everything the node has printed so far. */
  String output() {
    return read(log);
  }

  /** Stops the node and returns its exit code: SIGTERM first, SIGKILL after a timeout. */
  int stop() {
    ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
    try {
      if (handle != null) {
        handle.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          handle.destroyForcibly();
        }
      }
      int code = process.waitFor();
      Runtime.getRuntime().removeShutdownHook(reaper);
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while stopping the node on port " + port, e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private static Process launch(int port, Path log, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(Tools.home().resolve("bin/cachefleet").toString(), "node",
        "--port", Integer.toString(port)));
    command.addAll(List.of(args));
    try {
      Files.createDirectories(LOGS);
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return builder.start();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    }
  }

  /** Polls until the node answers PING (any reply, NOAUTH too): true; false when it exited. */
  private static boolean awaitReady(Process process, int port, Path log) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (answersPing(port)) {
          return true;
        }
        if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          return false;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    throw new AssertionError("node on port " + port + " did not answer PING within " + READY_TIMEOUT + ":\n"
        + read(log));
  }

  private static boolean answersPing(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      int first = in.read();
      return first == '+' || first == '-';
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError("no free port", e);
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }
}
