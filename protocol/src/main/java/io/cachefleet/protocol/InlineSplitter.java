package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;

/**
 * Splits an inline command line into arguments exactly as Redis's {@code sdssplitargs} does:
 * blanks separate arguments; "double quotes" understand {@code \n \r \t \b \a \\ \"} and
 * {@code \xHH}; 'single quotes' understand {@code \'}; a closing quote must be followed by a
 * blank or the end of the line. The line holds no NUL byte, where {@code sdssplitargs} would
 * stop: the decoder's line search stops at one, as Redis's does.
 */
final class InlineSplitter {

  private final ByteBuf line;
  private final int end;
  private int pos;
  private byte[] data;
  private int dataLength;
  private int[] spans = new int[8];
  private int argc;

  InlineSplitter(ByteBuf line, int start, int end) {
    this.line = line;
    this.pos = start;
    this.end = end;
    this.data = new byte[Math.max(16, end - start)];
  }

  int argc() {
    return argc;
  }

  /** Returns false on unbalanced quotes. */
  boolean split() {
    for (;;) {
      while (pos < end && isSpace(line.getByte(pos))) {
        pos++;
      }
      if (pos >= end) {
        return true;
      }
      int argStart = dataLength;
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        int c = pos < end ? line.getByte(pos) & 0xff : -1;
        if (inDouble) {
          if (c == '\\' && at(pos + 1) == 'x' && isHex(at(pos + 2)) && isHex(at(pos + 3))) {
            append((byte) (hex(at(pos + 2)) * 16 + hex(at(pos + 3))));
            pos += 3;
          } else if (c == '\\' && at(pos + 1) >= 0) {
            pos++;
            int e = at(pos);
            append((byte) switch (e) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'a' -> 7;
              default -> e;
            });
          } else if (c == '"') {
            if (at(pos + 1) >= 0 && !isSpace((byte) at(pos + 1))) {
              return false;
            }
            done = true;
          } else if (c < 0) {
            return false;
          } else {
            append((byte) c);
          }
        } else if (inSingle) {
          if (c == '\\' && at(pos + 1) == '\'') {
            pos++;
            append((byte) '\'');
          } else if (c == '\'') {
            if (at(pos + 1) >= 0 && !isSpace((byte) at(pos + 1))) {
              return false;
            }
            done = true;
          } else if (c < 0) {
            return false;
          } else {
            append((byte) c);
          }
        } else {
          switch (c) {
            case ' ', '\n', '\r', '\t', 0, -1 -> done = true;
            case '"' -> inDouble = true;
            case '\'' -> inSingle = true;
            default -> append((byte) c);
          }
        }
        if (pos < end) {
          pos++;
        }
      }
      addSpan(argStart, dataLength - argStart);
    }
  }

  RespCommand toCommand(ByteBufAllocator alloc) {
    ByteBuf content = alloc.buffer(dataLength);
    content.writeBytes(data, 0, dataLength);
    return new RespCommand(content, Arrays.copyOf(spans, 2 * argc), true);
  }

  private int at(int i) {
    return i < end ? line.getByte(i) & 0xff : -1;
  }

  private void append(byte b) {
    if (dataLength == data.length) {
      data = Arrays.copyOf(data, data.length * 2);
    }
    data[dataLength++] = b;
  }

  private void addSpan(int offset, int length) {
    if (2 * argc == spans.length) {
      spans = Arrays.copyOf(spans, spans.length * 2);
    }
    spans[2 * argc] = offset;
    spans[2 * argc + 1] = length;
    argc++;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int hex(int c) {
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
  }
}
