package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Redis 7.0 command and subcommand with its arity, flags and key specs, read once from the
 * {@code commands.tsv} resource (generated from a stock redis-server by
 * {@code protocol/src/main/scripts/gen-command-table.py}).
 *
 * <p>Lookups hash the name's bytes case-insensitively straight from the client's buffer into an
 * open-addressing table, so finding a command allocates nothing.
 */
public final class CommandTable {

  private final List<CommandSpec> all;
  private final CommandSpec[] slots;
  private final int mask;

  private CommandTable(List<CommandSpec> all, List<CommandSpec> topLevel) {
    this.all = Collections.unmodifiableList(all);
    int size = Integer.highestOneBit(topLevel.size() * 4 - 1) << 1;
    this.slots = new CommandSpec[size];
    this.mask = size - 1;
    for (CommandSpec spec : topLevel) {
      byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
      int slot = hash(name) & mask;
      while (slots[slot] != null) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = spec;
    }
  }

  /** The Redis 7.0 command table shipped with cachefleet, with the proxy's routes. */
  public static CommandTable redis() {
    try (BufferedReader commands = resource("commands.tsv"); BufferedReader routes = resource("proxy-routes.tsv")) {
      CommandTable table = parse(commands);
      table.applyRoutes(routes);
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedReader resource(String name) {
    InputStream in = CommandTable.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " resource is missing");
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** One line of a table resource: its number and its tab-separated fields. */
  private record Row(int lineNo, String[] fields) {}

  /** The rows of a table resource; blank lines and {@code #} comments are skipped. */
  private static List<Row> rows(BufferedReader reader) throws IOException {
    List<Row> rows = new ArrayList<>();
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (!line.isBlank() && !line.startsWith("#")) {
        rows.add(new Row(lineNo, line.split("\t")));
      }
    }
    return rows;
  }

  /** Reads {@code command<TAB>route} lines over the default routes; every name must be known. */
  void applyRoutes(BufferedReader reader) throws IOException {
    Map<String, CommandSpec> byName = new HashMap<>();
    for (CommandSpec spec : all) {
      byName.put(spec.fullName(), spec);
    }
    for (Row row : rows(reader)) {
      int lineNo = row.lineNo();
      String[] f = row.fields();
      CommandSpec spec = f.length == 2 ? byName.get(f[0]) : null;
      if (spec == null) {
        throw new IllegalStateException("proxy-routes.tsv line " + lineNo + ": expected a known command and a route");
      }
      spec.route(ProxyRoute.of(f[1]));
    }
  }

  static CommandTable parse(BufferedReader reader) throws IOException {
    List<CommandSpec> all = new ArrayList<>();
    List<CommandSpec> topLevel = new ArrayList<>();
    Map<String, CommandSpec> byName = new HashMap<>();
    for (Row row : rows(reader)) {
      int lineNo = row.lineNo();
      String[] f = row.fields();
      if (f.length != 8) {
        throw new IllegalStateException("commands.tsv line " + lineNo + ": expected 8 fields, got " + f.length);
      }
      long flags = 0;
      if (!f[2].equals("-")) {
        for (String flag : f[2].split(",")) {
          flags |= CommandFlag.of(flag).bit();
        }
      }
      List<KeySpec> specs = new ArrayList<>();
      if (!f[7].equals("-")) {
        for (String s : f[7].split(";")) {
          specs.add(KeySpec.parse(s));
        }
      }
      String fullName = f[0];
      int bar = fullName.indexOf('|');
      CommandSpec parent = bar < 0 ? null : byName.get(fullName.substring(0, bar));
      if (bar >= 0 && parent == null) {
        throw new IllegalStateException("commands.tsv line " + lineNo + ": subcommand before its command: " + fullName);
      }
      CommandSpec spec = new CommandSpec(all.size(), fullName, Integer.parseInt(f[1]), flags,
          Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), f[6], specs, parent);
      if (byName.putIfAbsent(fullName, spec) != null) {
        throw new IllegalStateException("commands.tsv line " + lineNo + ": duplicate command " + fullName);
      }
      all.add(spec);
      if (parent == null) {
        topLevel.add(spec);
      } else {
        parent.addSubcommand(spec);
      }
    }
    return new CommandTable(all, topLevel);
  }

  /** Every command and subcommand; a spec's {@link CommandSpec#id()} is its index here. */
  public List<CommandSpec> all() {
    return all;
  }

  /** Number of specs, subcommands included: the size of an array indexed by spec id. */
  public int size() {
    return all.size();
  }

  /** The top-level command named {@code name} in any case, or null. */
  public CommandSpec lookup(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
    return lookup(io.netty.buffer.Unpooled.wrappedBuffer(bytes), 0, bytes.length);
  }

  /** The command named by argument 0 of {@code cmd}, or null. */
  public CommandSpec lookup(RespCommand cmd) {
    return lookup(cmd.content(), cmd.argIndex(0), cmd.argLength(0));
  }

  /** The top-level command whose name is {@code length} bytes at {@code index}, in any case, or null. */
  public CommandSpec lookup(ByteBuf buf, int index, int length) {
    int h = 0x811c9dc5;
    for (int i = 0; i < length; i++) {
      h = (h ^ lower(buf.getByte(index + i))) * 0x01000193;
    }
    for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      CommandSpec spec = slots[slot];
      if (spec == null) {
        return null;
      }
      if (equalsIgnoreCase(buf, index, length, spec.name())) {
        return spec;
      }
    }
  }

  private static int hash(byte[] lowerName) {
    int h = 0x811c9dc5;
    for (byte b : lowerName) {
      h = (h ^ lower(b)) * 0x01000193;
    }
    return mix(h);
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }

  static boolean equalsIgnoreCase(ByteBuf buf, int index, int length, String lowerName) {
    if (length != lowerName.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (lower(buf.getByte(index + i)) != lowerName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int lower(byte b) {
    return b >= 'A' && b <= 'Z' ? b + 32 : b & 0xff;
  }

  static byte upper(byte b) {
    return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
  }
}
