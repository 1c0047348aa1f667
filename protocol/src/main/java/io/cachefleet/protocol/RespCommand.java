package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * One framed client command: the bytes it arrived in plus where each argument lies.
 *
 * <p>{@link #content()} is a retained slice of the client's input holding the whole RESP frame
 * exactly as received, so a proxy forwards it without re-encoding. An inline command (telnet
 * style) has no RESP frame; its content holds the unquoted arguments back to back and
 * {@link #isInline()} is true. Arguments are addressed by index without creating slices; whoever
 * receives a command releases it once (see the package documentation).
 */
public final class RespCommand extends DefaultByteBufHolder {

  private final int[] spans;
  private final boolean inline;

  /**
   * @param content the frame, owned by this command from now on
   * @param spans offset and length of each argument relative to the content's reader index, two
   *     ints per argument
   */
  RespCommand(ByteBuf content, int[] spans, boolean inline) {
    super(content);
    this.spans = spans;
    this.inline = inline;
  }

  /** Builds a command from plain arguments, for tests and for commands the server makes itself. */
  public static RespCommand of(ByteBuf buffer, byte[]... args) {
    int[] spans = new int[args.length * 2];
    int start = buffer.writerIndex();
    buffer.writeByte('*');
    RespWriter.writeDecimal(buffer, args.length);
    buffer.writeShort(RespWriter.CRLF);
    for (int i = 0; i < args.length; i++) {
      buffer.writeByte('$');
      RespWriter.writeDecimal(buffer, args[i].length);
      buffer.writeShort(RespWriter.CRLF);
      spans[2 * i] = buffer.writerIndex() - start;
      spans[2 * i + 1] = args[i].length;
      buffer.writeBytes(args[i]);
      buffer.writeShort(RespWriter.CRLF);
    }
    return new RespCommand(buffer.slice(start, buffer.writerIndex() - start), spans, false);
  }

  /** Builds a command from string arguments, encoded as UTF-8. */
  public static RespCommand of(ByteBuf buffer, String... args) {
    byte[][] bytes = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return of(buffer, bytes);
  }

  /** Number of arguments, the command name included. */
  public int argc() {
    return spans.length >> 1;
  }

  /** True when the command arrived as an inline (telnet style) line rather than a RESP array. */
  public boolean isInline() {
    return inline;
  }

  /** Absolute index in {@link #content()} of argument {@code i}'s first byte. */
  public int argIndex(int i) {
    return content().readerIndex() + spans[2 * i];
  }

  /** Length in bytes of argument {@code i}. */
  public int argLength(int i) {
    return spans[2 * i + 1];
  }

  /** Copies argument {@code i} into a new array: for storing, never for the forwarding path. */
  public byte[] argBytes(int i) {
    byte[] bytes = new byte[argLength(i)];
    content().getBytes(argIndex(i), bytes);
    return bytes;
  }

  /** Argument {@code i} decoded as UTF-8, for diagnostics and rarely used options. */
  public String argString(int i) {
    return content().toString(argIndex(i), argLength(i), StandardCharsets.UTF_8);
  }

  /** True when argument {@code i} equals {@code word} ignoring ASCII case; {@code word} is upper case. */
  public boolean argIs(int i, AsciiString word) {
    int len = argLength(i);
    if (len != word.length()) {
      return false;
    }
    ByteBuf buf = content();
    int idx = argIndex(i);
    for (int k = 0; k < len; k++) {
      if (CommandTable.upper(buf.getByte(idx + k)) != word.byteAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Argument {@code i} parsed as Redis parses integers; throws {@link RespNumbers#NOT_AN_INTEGER}. */
  public long argLong(int i) {
    return RespNumbers.parseLong(content(), argIndex(i), argLength(i));
  }

  /** Argument {@code i} parsed as Redis parses doubles; throws {@link RespNumbers#NOT_A_FLOAT}. */
  public double argDouble(int i) {
    return RespNumbers.parseDouble(content(), argIndex(i), argLength(i));
  }

  /** Argument {@code i} as a slice that shares this command's memory and is not retained. */
  public ByteBuf argSlice(int i) {
    return content().slice(argIndex(i), argLength(i));
  }

  @Override
  public RespCommand replace(ByteBuf content) {
    return new RespCommand(content, spans, inline);
  }

  @Override
  public RespCommand retain() {
    super.retain();
    return this;
  }

  @Override
  public RespCommand retain(int increment) {
    super.retain(increment);
    return this;
  }

  @Override
  public RespCommand touch() {
    super.touch();
    return this;
  }

  @Override
  public RespCommand touch(Object hint) {
    super.touch(hint);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RespCommand[");
    for (int i = 0; i < argc(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(argLength(i) <= 64 ? argString(i) : argString(i).substring(0, 64) + "...");
    }
    return sb.append(']').toString();
  }
}
