package io.cachefleet.proxy;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.events.StreamStartEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Walks the YAML events of a file in nutcracker's shape: a mapping of pool names to mappings of
 * settings, whose values are scalars or, for {@code servers}, a list of scalars.
 */
final class NutcrackerYaml {

  /** One setting as written: a scalar {@code value}, or the scalars of a list in {@code values}. */
  record Setting(String value, List<String> values, int line) {}

  /** One pool's settings by key, in file order. */
  record RawPool(String name, Map<String, Setting> settings) {}

  private final Parser parser;
  private final String origin;

  NutcrackerYaml(Reader reader, String origin) {
    this.parser = new ParserImpl(new StreamReader(reader), new LoaderOptions());
    this.origin = origin;
  }

  List<RawPool> pools() {
    try {
      return document();
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new IllegalArgumentException(origin + ": " + at(mark) + "invalid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new IllegalArgumentException(origin + ": invalid YAML: " + e.getMessage());
    }
  }

  private List<RawPool> document() {
    next(StreamStartEvent.class, "the start of the file");
    if (peek() instanceof StreamEndEvent) {
      throw new IllegalArgumentException(origin + ": has no pools");
    }
    next(DocumentStartEvent.class, "a document");
    Event root = peek();
    if (!(root instanceof MappingStartEvent)) {
      throw fail(root, "must be a mapping of pool names to pools");
    }
    next(MappingStartEvent.class, "a mapping");
    Map<String, RawPool> pools = new LinkedHashMap<>();
    Map<String, Integer> lines = new HashMap<>();
    while (!(peek() instanceof MappingEndEvent)) {
      Event key = next(ScalarEvent.class, "a pool name");
      String name = value((ScalarEvent) key, "<pool name>");
      Integer first = lines.putIfAbsent(name, line(key));
      if (first != null) {
        throw new IllegalArgumentException(origin + ": pool '" + name + "' is defined twice (lines " + first
            + " and " + line(key) + ")");
      }
      pools.put(name, pool(name));
    }
    next(MappingEndEvent.class, "the end of the pools");
    next(DocumentEndEvent.class, "the end of the document");
    next(StreamEndEvent.class, "the end of the file (one YAML document only)");
    return List.copyOf(pools.values());
  }

  private RawPool pool(String name) {
    Event start = peek();
    if (!(start instanceof MappingStartEvent)) {
      throw fail(name, start, "must be a mapping of settings (listen:, servers:, ...)");
    }
    next(MappingStartEvent.class, "a mapping");
    Map<String, Setting> settings = new LinkedHashMap<>();
    while (!(peek() instanceof MappingEndEvent)) {
      Event keyEvent = next(ScalarEvent.class, "a setting name in pool " + name);
      String key = value((ScalarEvent) keyEvent, name + ".<key>");
      Setting first = settings.putIfAbsent(key, setting(name + "." + key));
      if (first != null) {
        throw new IllegalArgumentException(origin + ": " + name + "." + key + ": is given twice (lines "
            + first.line() + " and " + line(keyEvent) + ")");
      }
    }
    next(MappingEndEvent.class, "the end of pool " + name);
    return new RawPool(name, settings);
  }

  private Setting setting(String path) {
    Event event = peek();
    if (event instanceof ScalarEvent) {
      next(ScalarEvent.class, path);
      return new Setting(value((ScalarEvent) event, path), null, line(event));
    }
    if (!(event instanceof SequenceStartEvent)) {
      throw fail(path, event, "must be a value or a list of values");
    }
    next(SequenceStartEvent.class, path);
    List<String> values = new ArrayList<>();
    while (!(peek() instanceof SequenceEndEvent)) {
      String item = path + "[" + values.size() + "]";
      values.add(value((ScalarEvent) next(ScalarEvent.class, "a value for " + item), item));
    }
    next(SequenceEndEvent.class, path);
    return new Setting(null, values, line(event));
  }

  private String value(ScalarEvent event, String path) {
    if (event.getValue().isEmpty()) {
      throw fail(path, event, "must not be empty");
    }
    return event.getValue();
  }

  /** The next event, which must be a {@code type}. */
  private Event next(Class<? extends Event> type, String expected) {
    Event event = peek();
    if (!type.isInstance(event)) {
      throw fail(event, "expected " + expected);
    }
    return parser.getEvent();
  }

  /** The next event, left in place; refuses the YAML that nutcracker refuses. */
  private Event peek() {
    Event event = parser.peekEvent();
    if (event instanceof AliasEvent) {
      throw fail(event, "YAML aliases (*name) are not allowed, as in Twemproxy");
    }
    if (event instanceof NodeEvent node && node.getAnchor() != null) {
      throw fail(event, "YAML anchors (&" + node.getAnchor() + ") are not allowed, as in Twemproxy");
    }
    if (event instanceof ScalarEvent scalar && scalar.getTag() != null
        || event instanceof CollectionStartEvent collection && collection.getTag() != null) {
      throw fail(event, "YAML tags (!tag) are not allowed, as in Twemproxy");
    }
    if (event instanceof CollectionStartEvent collection && collection.isFlow()) {
      throw fail(event, "flow style ([...] or {...}) is not allowed, as in Twemproxy; write one item per line");
    }
    if (event instanceof DocumentStartEvent start && start.getExplicit()
        || event instanceof DocumentEndEvent end && end.getExplicit()) {
      throw fail(event, "'---', '...' and YAML directives are not allowed, as in Twemproxy");
    }
    return event;
  }

  private IllegalArgumentException fail(Event event, String reason) {
    return new IllegalArgumentException(origin + ": " + at(event.getStartMark()) + reason);
  }

  private IllegalArgumentException fail(String path, Event event, String reason) {
    return new IllegalArgumentException(origin + ": " + path + ": " + reason + " (line " + line(event) + ")");
  }

  private static String at(Mark mark) {
    return mark == null ? "" : "line " + (mark.getLine() + 1) + ": ";
  }

  private static int line(Event event) {
    return event.getStartMark().getLine() + 1;
  }
}
