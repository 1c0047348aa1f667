package io.cachefleet.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client connection that shows the memcached ASCII protocol on the wire: requests go out as the
 * text given ({@code "set k 0 0 1\r\nv\r\n"}), and each reply comes back as its exact text, CRLFs
 * included: a retrieval reply whole ({@code "VALUE k 0 1\r\nv\r\nEND\r\n"}), or one line
 * ({@code "STORED\r\n"}, {@code "42\r\n"}, {@code "CLIENT_ERROR bad data chunk\r\n"}...).
 * For tests about what a client sees byte for byte, which a client library would hide.
 */
final class MemcacheSocket extends WireSocket {

  /** Longer than anything a test waits for a reply; a hung server fails the test instead of blocking it. */
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  MemcacheSocket(int port) {
    super(port, READ_TIMEOUT_MILLIS);
  }

  /** Sends {@code requestText} as it is (one request, several, or part of one) without reading. */
  void send(String requestText) {
    write(requestText.getBytes(StandardCharsets.UTF_8));
    flush();
  }

  /** Sends one request and returns its reply. */
  String call(String requestText) {
    send(requestText);
    return read();
  }

  /**
   * The next reply, as its exact text: {@code VALUE} blocks up to and including {@code END}, or a
   * single line.
   */
  String read() {
    try {
      StringBuilder reply = new StringBuilder();
      String line = line();
      reply.append(line).append("\r\n");
      while (line.startsWith("VALUE ")) {
        reply.append(readData(line));
        line = line();
        reply.append(line).append("\r\n");
        if (!line.equals("END") && !line.startsWith("VALUE ")) {
          throw new IOException("neither VALUE nor END after a VALUE block: " + reply);
        }
      }
      return reply.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the server closes the connection, waiting for it up to the read timeout: true when it
   * does, false when it sends something (left for {@link #read()}) or stays silent.
   */
  boolean isClosedByServer() {
    try {
      in.mark(1);
      int next = in.read();
      if (next < 0) {
        return true;
      }
      in.reset();
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      // a reset: the server closed with unread input
      return true;
    }
  }

  /** The data block a {@code VALUE <key> <flags> <bytes> [<cas>]} line announces, with its CRLF. */
  private String readData(String valueLine) throws IOException {
    String[] fields = valueLine.split(" ");
    if (fields.length < 4 || fields.length > 5) {
      throw new IOException("not a VALUE line: " + valueLine);
    }
    int length = Integer.parseInt(fields[3]);
    byte[] data = readExactly(length + 2);
    if (data[length] != '\r' || data[length + 1] != '\n') {
      throw new IOException("the data of " + valueLine + " does not end with CRLF");
    }
    return new String(data, StandardCharsets.UTF_8);
  }

  private String line() throws IOException {
    return new String(readLine(), StandardCharsets.UTF_8);
  }
}
