package io.cachefleet.proxy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain blocking RESP client over a socket, for tests: sends commands as RESP arrays (or raw
 * bytes) and reads replies back as their exact RESP text, so a test compares what a client sees.
 */
final class RespClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RespClient(int port) {
    try {
      socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The client's own port, which the server sees in its address. */
  int localPort() {
    return socket.getLocalPort();
  }

  /** Sends one command and returns its reply. */
  String call(String... args) {
    send(args);
    return read();
  }

  /** Sends one command without reading its reply. */
  void send(String... args) {
    raw(encode(args));
  }

  static String encode(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      sb.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
    }
    return sb.toString();
  }

  /** Sends bytes as they are. */
  void raw(String bytes) {
    try {
      out.write(bytes.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one whole reply, as RESP text. */
  String read() {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    try {
      readValue(reply);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return reply.toString(StandardCharsets.UTF_8);
  }

  /** True when the server closed the connection (within the read timeout). */
  boolean isClosedByServer() {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private void readValue(ByteArrayOutputStream reply) throws IOException {
    String line = readLine(reply);
    char type = line.charAt(0);
    switch (type) {
      case '+', '-', ':', '_', ',', '#', '(' -> { }
      case '$', '=', '!' -> {
        int len = Integer.parseInt(line.substring(1));
        if (len >= 0) {
          reply.write(in.readNBytes(len + 2));
        }
      }
      case '*', '~', '>', '%' -> {
        int n = Integer.parseInt(line.substring(1)) * (type == '%' ? 2 : 1);
        for (int i = 0; i < n; i++) {
          readValue(reply);
        }
      }
      default -> throw new IOException("unexpected reply type in '" + line + "'");
    }
  }

  private String readLine(ByteArrayOutputStream reply) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("connection closed after '" + sb + "'");
      }
      sb.append((char) b);
    }
    reply.write((sb + "\n").getBytes(StandardCharsets.ISO_8859_1));
    return sb.substring(0, sb.length() - 1);
  }

  /** Ends the connection with a reset (RST) instead of an orderly close. */
  void reset() {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
