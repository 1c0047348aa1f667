package io.cachefleet.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A client connection that shows the wire: requests go out as the bytes given, and each reply,
 * RESP2 or RESP3, comes back as its exact bytes ({@code "+OK\r\n"}, {@code "$1\r\nv\r\n"},
 * {@code "-ERR ...\r\n"}).
 * For tests about what a client sees byte for byte, which a client library would hide.
 */
final class RespSocket extends WireSocket {

  /** Longer than anything a test waits for a reply; a hung proxy fails the test instead of blocking it. */
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  RespSocket(int port) {
    super(port, READ_TIMEOUT_MILLIS);
  }

  /** The RESP bytes of a command, as a client library writes them. */
  static byte[] command(String... args) {
    StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
    for (String arg : args) {
      b.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Sends one command and returns its reply. */
  String call(String... args) {
    write(command(args));
    return readReply();
  }

  /** The next reply, whole (nested arrays too), as its exact bytes. */
  String readReply() {
    flush();
    try {
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      readValue(reply);
      return reply.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the server sends from now until it closes the connection. */
  String readToEnd() {
    flush();
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readValue(ByteArrayOutputStream reply) throws IOException {
    String line = readLine(reply);
    char type = line.charAt(0);
    switch (type) {
      case '+', '-', ':', '_', ',', '#', '(' -> { }
      case '$', '=', '!' -> {
        int length = Integer.parseInt(line.substring(1));
        if (length >= 0) {
          reply.write(readExactly(length + 2));
        }
      }
      case '*', '~', '>', '%' -> {
        int count = Integer.parseInt(line.substring(1)) * (type == '%' ? 2 : 1);
        for (int i = 0; i < count; i++) {
          readValue(reply);
        }
      }
      default -> throw new IOException("not a RESP reply: " + line);
    }
  }

  /** One CRLF-terminated line, written to {@code reply} whole and returned without its CRLF. */
  private String readLine(ByteArrayOutputStream reply) throws IOException {
    byte[] line = readLine();
    reply.write(line);
    reply.write('\r');
    reply.write('\n');
    return new String(line, StandardCharsets.UTF_8);
  }
}
