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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A server run as its own process, as a user runs it: a cachefleet node or proxy through
 * {@code bin/cachefleet}, or a real peer (redis-server, memcached, nutcracker, toxiproxy-server).
 * Its output goes to {@code target/server-logs/NAME-PORT.log}.
 *
 * <p>Starting picks a free port and polls until the server is ready (a RESP server answers PING, a
 * memcached server or pool answers {@code version}; others say what ready means with a
 * {@link Readiness}) or a deadline passes; a server that exits first (it may have lost its port to
 * another process in between) is started again on another port.
 * Stopping sends SIGTERM to the pid, then SIGKILL if the server has not exited in time.
 */
final class ServerProcess implements AutoCloseable {

  /** A cold JVM on a busy two-core machine can take several seconds to bind. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private static final long POLL_MILLIS = 25;

  /** Attempts when the chosen port was taken between choosing and binding. */
  private static final int START_ATTEMPTS = 3;

  private static final Path LOGS = Path.of("target", "server-logs");

  /** How a server shows it is ready to serve: {@code probe} is true for its port once it is. */
  record Readiness(String description, IntPredicate probe) {

    /** A RESP server: it answers PING (any reply, NOAUTH too). */
    static final Readiness PING = new Readiness("answering PING", ServerProcess::answersPing);

    /** A memcached server, or a proxy's memcached pool: it answers {@code version} with a VERSION line. */
    static final Readiness VERSION = new Readiness("answering version", ServerProcess::answersVersion);
  }

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;
  private final Thread reaper;

  private ServerProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
    this.reaper = new Thread(process::destroyForcibly, "reap-" + name + "-" + port);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** A memory node: {@code bin/cachefleet node --port P ARGS}. */
  static ServerProcess node(String... args) {
    return node(Map.of(), args);
  }

  /** A node with extra environment (CACHEFLEET_JAVA_OPTS...). */
  static ServerProcess node(Map<String, String> env, String... args) {
    Tools.requireJava();
    return start("node", port -> {
      List<String> command = new ArrayList<>(List.of(Tools.home().resolve("bin/cachefleet").toString(), "node",
          "--port", Integer.toString(port)));
      command.addAll(List.of(args));
      return command;
    }, env);
  }

  /** A stock redis-server without persistence, with {@code extraArgs} such as {@code --requirepass pw}. */
  static ServerProcess redis(String... extraArgs) {
    Path redis = Tools.require("redis-server", "install Debian's redis-server");
    return start("redis", port -> {
      List<String> command = new ArrayList<>(List.of(redis.toString(), "--port", Integer.toString(port), "--bind",
          "127.0.0.1", "--save", "", "--appendonly", "no"));
      command.addAll(List.of(extraArgs));
      return command;
    }, Map.of());
  }

  /**
   * A stock memcached on 127.0.0.1 without UDP, with 64 MB for items and {@code extraArgs} such as
   * {@code -I 2m}. It runs as the current user ({@code -u}, which memcached requires of root and
   * ignores otherwise).
   */
  static ServerProcess memcached(String... extraArgs) {
    Path memcached = Tools.require("memcached", "install Debian's memcached");
    return start("memcached", port -> {
      List<String> command = new ArrayList<>(List.of(memcached.toString(), "-l", "127.0.0.1", "-p",
          Integer.toString(port), "-U", "0", "-m", "64", "-u", System.getProperty("user.name")));
      command.addAll(List.of(extraArgs));
      return command;
    }, Map.of(), Readiness.VERSION);
  }

  /** nutcracker (Twemproxy) with {@code config}, serving on {@code port}, the port the config listens on. */
  static ServerProcess nutcracker(Path config, int port) {
    return nutcracker(config, port, Readiness.PING);
  }

  /**
   * nutcracker as {@link #nutcracker(Path, int)}, ready as {@code ready} says: {@link Readiness#VERSION}
   * for a memcached pool ({@code redis: false}), which closes a connection that sends PING.
   */
  static ServerProcess nutcracker(Path config, int port, Readiness ready) {
    Path nutcracker = Tools.require("nutcracker", "install Debian's nutcracker");
    int stats = freePort();
    return start("nutcracker", port, List.of(nutcracker.toString(), "-c", config.toString(), "-s",
        Integer.toString(stats), "-a", "127.0.0.1", "-v", "4"), Map.of(), ready);
  }

  /** A cachefleet proxy reading a Twemproxy config, serving on {@code port}, the port the config listens on. */
  static ServerProcess proxy(Path nutcrackerConfig, int port) {
    return proxy(nutcrackerConfig, port, Map.of());
  }

  /**
   * A proxy as {@link #proxy(Path, int)}, ready as {@code ready} says: {@link Readiness#VERSION} for a
   * memcached pool ({@code redis: false}), whose port speaks memcached.
   */
  static ServerProcess proxy(Path nutcrackerConfig, int port, Readiness ready) {
    return proxy(nutcrackerConfig, port, Map.of(), ready);
  }

  /** A proxy as {@link #proxy(Path, int)} with extra environment (CACHEFLEET_JAVA_OPTS...). */
  static ServerProcess proxy(Path nutcrackerConfig, int port, Map<String, String> env) {
    return proxy(nutcrackerConfig, port, env, Readiness.PING);
  }

  /** A proxy with extra environment, ready as {@code ready} says. */
  static ServerProcess proxy(Path nutcrackerConfig, int port, Map<String, String> env, Readiness ready) {
    Tools.requireJava();
    // its own stats and admin ports, so that proxies started side by side do not contend for the defaults
    Map<String, String> withAdmin = new HashMap<>(env);
    withAdmin.merge("CACHEFLEET_JAVA_OPTS", "-Dcachefleet.proxy.admin-port=0", (given, admin) -> given + " " + admin);
    return start("proxy", port, List.of(Tools.home().resolve("bin/cachefleet").toString(), "proxy", "--nutcracker",
        nutcrackerConfig.toString(), "-s", Integer.toString(freePort()), "-a", "127.0.0.1"), withAdmin, ready);
  }

  /** A cachefleet proxy reading the HOCON {@code config}, serving on {@code port}, the port its pool listens on. */
  static ServerProcess proxyWithConfig(Path config, int port, Map<String, String> env) {
    Tools.requireJava();
    return start("proxy", port, List.of(Tools.home().resolve("bin/cachefleet").toString(), "proxy", "--config",
        config.toString()), env);
  }

  /**
   * {@code bin/cachefleet local ARGS}: three nodes on consecutive free ports and a proxy on
   * {@code port()}, with free stats and admin ports; the output says which.
   */
  static ServerProcess local(Map<String, String> env, String... args) {
    Tools.requireJava();
    return start("local", port -> {
      List<String> command = new ArrayList<>(List.of(Tools.home().resolve("bin/cachefleet").toString(), "local",
          "--port", Integer.toString(port), "--node-port", Integer.toString(freePorts(3))));
      command.addAll(List.of(args));
      return command;
    }, env);
  }

  /** A RESP server listening on a port its command line or config fixes. */
  static ServerProcess start(String name, int port, List<String> command, Map<String, String> env) {
    return start(name, port, command, env, Readiness.PING);
  }

  /** A server listening on a port its command line or config fixes, ready as {@code ready} says. */
  static ServerProcess start(String name, int port, List<String> command, Map<String, String> env,
                             Readiness ready) {
    Path log = LOGS.resolve(name + "-" + port + ".log");
    Process process = launch(command, log, env);
    if (!awaitReady(process, port, log, ready)) {
      throw new AssertionError(name + " exited with code " + process.exitValue() + " before "
          + ready.description() + ":\n" + read(log));
    }
    return new ServerProcess(name, process, port, log);
  }

  /** A RESP server whose command line {@code command} builds for the port it is given. */
  static ServerProcess start(String name, IntFunction<List<String>> command, Map<String, String> env) {
    return start(name, command, env, Readiness.PING);
  }

  /** A server whose command line {@code command} builds for the port it is given, ready as {@code ready} says. */
  static ServerProcess start(String name, IntFunction<List<String>> command, Map<String, String> env,
                             Readiness ready) {
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Path log = LOGS.resolve(name + "-" + port + ".log");
      Process process = launch(command.apply(port), log, env);
      if (awaitReady(process, port, log, ready)) {
        return new ServerProcess(name, process, port, log);
      }
      if (attempt == START_ATTEMPTS) {
        throw new AssertionError(name + " exited with code " + process.exitValue() + " before "
            + ready.description() + ":\n" + read(log));
      }
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Everything the server has printed so far. */
  String output() {
    return read(log);
  }

  /** Kills the server at once, as {@code kill -9} does, and waits until it is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while killing " + name, e);
    }
    Runtime.getRuntime().removeShutdownHook(reaper);
  }

  /** Stops the server and returns its exit code: SIGTERM first, SIGKILL after a timeout. */
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
      throw new AssertionError("interrupted while stopping " + name + " on port " + port, e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop();
    }
  }

  private static Process launch(List<String> command, Path log, Map<String, String> env) {
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

  /** Polls until the server is ready: true; false when it exited. */
  private static boolean awaitReady(Process process, int port, Path log, Readiness ready) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (ready.probe().test(port)) {
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
    throw new AssertionError("server on port " + port + " was not " + ready.description() + " within "
        + READY_TIMEOUT + ":\n" + read(log));
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

  /** True when a memcached server on {@code port} answers {@code version} with a line starting {@code VERSION }. */
  private static boolean answersVersion(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] expected = "VERSION ".getBytes(StandardCharsets.US_ASCII);
      byte[] first = socket.getInputStream().readNBytes(expected.length);
      return Arrays.equals(first, expected);
    } catch (IOException e) {
      return false;
    }
  }

  /** The first of {@code count} consecutive ports that are free now. */
  static int freePorts(int count) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int first = freePort();
      if (first + count > 65536) {
        continue;
      }
      boolean free = true;
      for (int p = first + 1; p < first + count && free; p++) {
        try (ServerSocket socket = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
          free = socket.getLocalPort() == p;
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return first;
      }
    }
    throw new AssertionError("no " + count + " consecutive free ports");
  }

  static int freePort() {
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
