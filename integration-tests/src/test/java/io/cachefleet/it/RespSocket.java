package io.cachefleet.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client connection that shows the wire: requests go out as the bytes given, and each reply,
 * RESP2 or RESP3, comes back as its exact bytes ({@code "+OK\r\n"}, {@code "$1\r\nv\r\n"},
 * {@code "-ERR ...\r\n"}).
 * For tests about what a client sees byte for byte, which a client library would hide.
 */
final class RespSocket implements AutoCloseable {

  /** Longer than anything a test waits for a reply; a hung proxy fails the test instead of blocking it. */
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RespSocket(int port) {
    try {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
    }
  }

  /** The RESP bytes of a command, as a client library writes them. */
  static byte[] command(String... args) {
    StringBuilder b = new StringBuilder().append('*').append(args.length).append("\r\n");
    for (String arg : args) {
      b.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Buffers {@code bytes} to send; {@link #flush()} or a read sends them. */
  void write(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed; read so far: " + line.toString(StandardCharsets.UTF_8));
      }
      line.write(b);
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        reply.write(bytes);
        return new String(bytes, 0, bytes.length - 2, StandardCharsets.UTF_8);
      }
      previous = b;
    }
  }

  private byte[] readExactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new EOFException("connection closed after " + bytes.length + " of " + n + " bytes");
    }
    return bytes;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
