package io.cachefleet.node.command;

import io.cachefleet.node.store.KeyEntry;
import io.cachefleet.node.store.Keyspace;
import io.cachefleet.protocol.CommandSpec;
import io.cachefleet.protocol.RedisError;
import io.cachefleet.protocol.RespCommand;
import io.cachefleet.protocol.RespNumbers;
import io.cachefleet.protocol.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;

/**
 * One command being run: its arguments, the client, the keyspace and the reply buffer. One
 * instance per engine is reused for every command, so running a command allocates nothing here.
 */
final class Call {

  final NodeContext node;
  RespCommand cmd;
  CommandSpec spec;
  ClientSession client;
  ByteBuf out;
  /** False inside MULTI/EXEC, where blocking commands answer at once as if timed out. */
  boolean mayBlock;
  /** True when this run is a retry of a blocked command. */
  boolean retry;
  /** On a retry, the key that became ready: the one a blocked command is served from. */
  byte[] readyKey;

  Call(NodeContext node) {
    this.node = node;
  }

  Keyspace ks() {
    return node.keyspace;
  }

  int argc() {
    return cmd.argc();
  }

  byte[] arg(int i) {
    return cmd.argBytes(i);
  }

  String argString(int i) {
    return cmd.argString(i);
  }

  boolean argIs(int i, AsciiString upperWord) {
    return cmd.argIs(i, upperWord);
  }

  long argLong(int i) {
    return cmd.argLong(i);
  }

  /** Argument {@code i} as an integer, or Redis's error naming what it must be. */
  long argLong(int i, RedisError error) {
    try {
      return cmd.argLong(i);
    } catch (RedisError e) {
      throw error;
    }
  }

  double argDouble(int i) {
    return cmd.argDouble(i);
  }

  boolean resp3() {
    return client.resp3;
  }

  long now() {
    return node.keyspace.now();
  }

  KeyEntry lookupRead(int arg) {
    return node.keyspace.lookupRead(cmd, arg);
  }

  KeyEntry lookupWrite(int arg) {
    return node.keyspace.lookupWrite(cmd, arg);
  }

  /**
   * Parses a blocking timeout in seconds (a float, 0 meaning forever), as Redis's
   * {@code getTimeoutFromObjectOrReply} does; returns the absolute deadline in milliseconds, or
   * 0 for none.
   */
  long argTimeoutDeadline(int i) {
    double seconds = RespNumbers.parseDoubleOrNaN(cmd.content(), cmd.argIndex(i), cmd.argLength(i));
    if (Double.isNaN(seconds)) {
      throw RedisError.TIMEOUT_INVALID;
    }
    double millis = Math.ceil(seconds * 1000); // Redis: (long long) ceill(seconds * 1000)
    if (millis < 0 || millis >= 0x1p63) {
      throw RedisError.TIMEOUT_NEGATIVE;
    }
    if (millis == 0) {
      return 0;
    }
    long now = now();
    return (long) millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + (long) millis;
  }

  /**
   * Parks the client until one of {@code keys} is ready or {@code deadline} (0: never) passes;
   * the command then runs again, or the client gets a null array. Only when {@link #mayBlock}.
   */
  void block(byte[][] keys, long deadline) {
    node.blocking.block(this, keys, deadline);
  }

  /** False on a retry for every key but the one that became ready, as Redis serves blocked clients. */
  boolean mayServeFrom(byte[] key) {
    return !retry || readyKey == null || java.util.Arrays.equals(readyKey, key);
  }

  // ---------------------------------------------------------------- replies

  void ok() {
    RespWriter.ok(out);
  }

  void integer(long value) {
    RespWriter.integer(out, value);
  }

  void bulk(byte[] value) {
    RespWriter.bulk(out, value);
  }

  void bulk(CharSequence text) {
    RespWriter.bulk(out, text);
  }

  /** A bulk string, or the null bulk when {@code value} is null. */
  void bulkOrNull(byte[] value) {
    if (value == null) {
      nullBulk();
    } else {
      RespWriter.bulk(out, value);
    }
  }

  void nullBulk() {
    RespWriter.nullBulk(out, client.resp3);
  }

  void nullArray() {
    RespWriter.nullArray(out, client.resp3);
  }

  void arrayHeader(long n) {
    RespWriter.arrayHeader(out, n);
  }

  void mapHeader(long pairs) {
    RespWriter.mapHeader(out, pairs, client.resp3);
  }

  void setHeader(long n) {
    RespWriter.setHeader(out, n, client.resp3);
  }

  void doubleValue(double d) {
    RespWriter.doubleValue(out, d, client.resp3);
  }

  /** Text as a RESP3 verbatim string, or a bulk string in RESP2 (CLIENT LIST, INFO). */
  void verbatim(CharSequence text) {
    RespWriter.verbatim(out, text, client.resp3);
  }

  void simple(CharSequence text) {
    RespWriter.simple(out, text);
  }

  void error(CharSequence message) {
    RespWriter.error(out, message);
  }

  void bool(boolean value) {
    RespWriter.bool(out, value, client.resp3);
  }
}
