package io.cachefleet.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * One memcached ASCII request as {@link MemcacheDecoder} framed it: the command, where its keys
 * are, whether it ends in {@code noreply}, and its bytes (the command line and, for a storage
 * command, the data block), which a proxy forwards unchanged. The request owns its bytes until
 * {@link #release()}.
 */
public final class MemcacheRequest {

  private final MemcacheCommand command;
  private final ByteBuf content;
  /** Start and length of each key in {@link #content}, in pairs, in the order the client wrote them. */
  private final int[] keys;
  private final int keyCount;
  /** Where the command line's {@code " noreply"} starts in {@link #content}, or -1 without one. */
  private final int noreplyAt;
  /** Where the command line's terminator ({@code \r\n} or {@code \n}) starts in {@link #content}. */
  private final int lineEnd;

  MemcacheRequest(MemcacheCommand command, ByteBuf content, int[] keys, int keyCount, int noreplyAt, int lineEnd) {
    this.command = command;
    this.content = content;
    this.keys = keys;
    this.keyCount = keyCount;
    this.noreplyAt = noreplyAt;
    this.lineEnd = lineEnd;
  }

  public MemcacheCommand command() {
    return command;
  }

  /** The request's bytes, as the client sent them. */
  public ByteBuf content() {
    return content;
  }

  public int keyCount() {
    return keyCount;
  }

  /** Where key {@code i} starts in {@link #content()}. */
  public int keyIndex(int i) {
    return keys[2 * i];
  }

  public int keyLength(int i) {
    return keys[2 * i + 1];
  }

  /** Whether the client asked for no reply. */
  public boolean noreply() {
    return noreplyAt >= 0;
  }

  /**
   * The request without its {@code noreply}, in a new buffer: what a proxy sends so that the
   * server answers, keeping every reply in step with its request, and drops the answer itself.
   */
  public ByteBuf withReply(ByteBufAllocator alloc) {
    if (noreplyAt < 0) {
      return content.retainedDuplicate();
    }
    int start = content.readerIndex();
    ByteBuf out = alloc.buffer(content.readableBytes());
    out.writeBytes(content, start, noreplyAt - start);
    out.writeBytes(content, lineEnd, content.writerIndex() - lineEnd);
    return out;
  }

  /**
   * A retrieval request for some of this one's keys, in a new buffer: {@code get} or {@code gets}
   * followed by the keys whose numbers {@code which} holds, for the server that owns them.
   */
  public ByteBuf retrievalOf(ByteBufAllocator alloc, int[] which) {
    int size = command.wireName().length() + 2;
    for (int key : which) {
      size += 1 + keyLength(key);
    }
    ByteBuf out = alloc.buffer(size);
    out.writeCharSequence(command.wireName(), StandardCharsets.US_ASCII);
    for (int key : which) {
      out.writeByte(' ');
      out.writeBytes(content, keyIndex(key), keyLength(key));
    }
    out.writeShort(RespWriter.CRLF);
    return out;
  }

  public void release() {
    content.release();
  }

  @Override
  public String toString() {
    return command.wireName() + " (" + keyCount + " keys, " + content.readableBytes() + " bytes)";
  }
}
