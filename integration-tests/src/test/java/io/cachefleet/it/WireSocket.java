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
import java.util.Arrays;

/**
 * A test's client connection to a server on 127.0.0.1, at the level of bytes: buffered writes,
 * CRLF-terminated lines and exact reads, for the protocol clients built on it ({@link RespSocket},
 * {@link MemcacheSocket}). A read that waits longer than the timeout fails the test instead of
 * blocking it.
 */
abstract class WireSocket implements AutoCloseable {

  private final Socket socket;
  final OutputStream out;
  final InputStream in;

  WireSocket(int port, int readTimeoutMillis) {
    try {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(readTimeoutMillis);
      out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
    }
  }

  /** Buffers {@code bytes} to send; {@link #flush()} sends them. */
  final void write(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  final void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One CRLF-terminated line, without its CRLF. */
  final byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed; read so far: " + line);
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return Arrays.copyOf(bytes, bytes.length - 1);
      }
      line.write(b);
      previous = b;
    }
  }

  /** Exactly {@code n} bytes. */
  final byte[] readExactly(int n) throws IOException {
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
