package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node process driven by redis-cli and by hand over a socket, as an operator would. */
class RedisCliTest {

  private static ServerProcess node;
  private static Path redisCli;

  @BeforeAll
  static void startNode() {
    redisCli = Tools.require("redis-cli", "install it with: apt-get install redis-tools");
    node = ServerProcess.node();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void setThenGet() {
    assertThat(cli("SET", "cli:k", "hello world")).isEqualTo(new Exec.Result(0, "OK\n", ""));
    assertThat(cli("GET", "cli:k")).isEqualTo(new Exec.Result(0, "hello world\n", ""));
  }

  @Test
  void pipeMode_tenThousandSets() throws IOException {
    Path input = Files.createDirectories(Path.of("target", "exec")).resolve("pipe-10000.resp");
    try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < 10_000; i++) {
        String key = "pipe:" + i;
        String value = "value-" + i;
        out.write("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length() + "\r\n" + value
            + "\r\n");
      }
    }

    Exec.Result result = Exec.run(List.of(redisCli.toString(), "-p", Integer.toString(node.port()), "--pipe"),
        input, Map.of(), Duration.ofSeconds(60));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("errors: 0, replies: 10000");
    assertThat(cli("GET", "pipe:9999").out()).isEqualTo("value-9999\n");
  }

  @Test
  void inlineCommands_overRawSocket() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();

      assertThat(exchange(out, in, "PING\r\n", 7)).isEqualTo("+PONG\r\n");
      assertThat(exchange(out, in, "SET inline:a b\r\n", 5)).isEqualTo("+OK\r\n");
      assertThat(exchange(out, in, "GET inline:a\r\n", 7)).isEqualTo("$1\r\nb\r\n");
    }
  }

  private static Exec.Result cli(String... args) {
    List<String> command = new ArrayList<>(List.of(redisCli.toString(), "-p", Integer.toString(node.port())));
    command.addAll(List.of(args));
    return Exec.run(command, null, Map.of(), Duration.ofSeconds(30));
  }

  /** Sends a request and reads exactly {@code length} bytes of reply. */
  private static String exchange(OutputStream out, InputStream in, String request, int length) throws IOException {
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }
}
