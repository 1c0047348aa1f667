package io.cachefleet.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The exact reply elements Redis 7.0 gives for {@code COMMAND INFO} and {@code COMMAND DOCS},
 * per command and protocol version, kept as resources captured from a stock redis-server.
 */
public final class CommandDocs {

  private final Map<String, byte[]> info2;
  private final Map<String, byte[]> info3;
  private final Map<String, byte[]> docs2;
  private final Map<String, byte[]> docs3;

  private CommandDocs() {
    info2 = load("command-info.resp2");
    info3 = load("command-info.resp3");
    docs2 = load("command-docs.resp2");
    docs3 = load("command-docs.resp3");
  }

  /** Loads the resources once; share the instance. */
  public static CommandDocs load() {
    return new CommandDocs();
  }

  /** The {@code COMMAND INFO} element for a top-level command, or null. */
  public byte[] info(String name, boolean resp3) {
    return (resp3 ? info3 : info2).get(name);
  }

  /** The {@code COMMAND DOCS} value (the part after the name) for a top-level command, or null. */
  public byte[] docs(String name, boolean resp3) {
    return (resp3 ? docs3 : docs2).get(name);
  }

  private static Map<String, byte[]> load(String resource) {
    byte[] all;
    try (InputStream in = CommandDocs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " resource is missing");
      }
      all = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, byte[]> map = new HashMap<>();
    int pos = 0;
    while (pos < all.length) {
      int nl = pos;
      while (all[nl] != '\n') {
        nl++;
      }
      String header = new String(all, pos, nl - pos, StandardCharsets.US_ASCII);
      int space = header.indexOf(' ');
      String name = header.substring(0, space);
      int length = Integer.parseInt(header.substring(space + 1));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
      bytes.write(all, nl + 1, length);
      map.put(name, bytes.toByteArray());
      pos = nl + 1 + length;
    }
    return Map.copyOf(map);
  }
}
