package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemcacheReplyDecoderTest {

  private static final String REPLIES = "STORED\r\nVALUE a 0 1\r\nx\r\nVALUE bb 7 4 99\r\n\r\nEN\r\nEND\r\nEND\r\n12\r\n"
      + "SERVER_ERROR out of memory\r\nSTAT pid 7\r\nSTAT uptime 3\r\nEND\r\n";

  @Test
  void frames_lines_andGetRepliesWithTheirBlocks_howeverTheBytesArrive() {
    List<String> expected = List.of("STORED\r\n", "VALUE a 0 1\r\nx\r\nVALUE bb 7 4 99\r\n\r\nEN\r\nEND\r\n", "END\r\n",
        "12\r\n", "SERVER_ERROR out of memory\r\n", "STAT pid 7\r\nSTAT uptime 3\r\nEND\r\n");
    for (int split = 0; split < REPLIES.length(); split++) {
      EmbeddedChannel ch = new EmbeddedChannel(new MemcacheReplyDecoder());
      ch.writeInbound(bytes(REPLIES.substring(0, split)));
      ch.writeInbound(bytes(REPLIES.substring(split)));
      List<String> framed = new ArrayList<>();
      ByteBuf reply;
      while ((reply = ch.readInbound()) != null) {
        framed.add(reply.toString(StandardCharsets.ISO_8859_1));
        reply.release();
      }
      assertThat(framed).as("split at %d", split).isEqualTo(expected);
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void replies_walkTheBlocksOfAGetReply() {
    ByteBuf reply = bytes("VALUE a 0 1\r\nx\r\nVALUE bb 7 4 99\r\n\r\nEN\r\nEND\r\n");
    assertThat(MemcacheReplies.isRetrieval(reply)).isTrue();
    List<String> keys = new ArrayList<>();
    for (int at = reply.readerIndex(); !MemcacheReplies.isEnd(reply, at); at = MemcacheReplies.blockEnd(reply, at)) {
      keys.add(reply.toString(MemcacheReplies.keyIndex(at), MemcacheReplies.keyLength(reply, at),
          StandardCharsets.ISO_8859_1));
    }
    assertThat(keys).containsExactly("a", "bb");
    assertThat(MemcacheReplies.isRetrieval(bytes("END\r\n"))).isTrue();
    assertThat(MemcacheReplies.isRetrieval(bytes("SERVER_ERROR x\r\n"))).isFalse();
  }

  @Test
  void brokenReplies_failTheConnection() {
    for (String broken : List.of("VALUE a 0 x\r\n", "VALUE a 0 1\r\nxy\r\nEND\r\n", "VALUE a 0 1\r\nx\r\nSTORED\r\n",
        "A".repeat(MemcacheReplyDecoder.MAX_LINE_LENGTH + 1))) {
      EmbeddedChannel ch = new EmbeddedChannel(new MemcacheReplyDecoder());
      assertThatThrownBy(() -> ch.writeInbound(bytes(broken))).as(broken).isInstanceOf(DecoderException.class);
      ch.finishAndReleaseAll();
    }
  }

  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }
}
