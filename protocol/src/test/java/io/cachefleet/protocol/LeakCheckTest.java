package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves that {@link LeakCheck} sees a leak, so that its silence elsewhere means something. */
class LeakCheckTest {

  @Test
  void collect_reportsAnUnreleasedBuffer() {
    leakOneBuffer();
    List<String> leaks = new ArrayList<>();
    for (int attempt = 0; attempt < 20 && leaks.isEmpty(); attempt++) {
      leaks.addAll(LeakCheck.collect());
    }
    assertThat(leaks).hasSize(1);
    assertThat(leaks.get(0)).contains("LEAK of ByteBuf").contains("leakOneBuffer");
  }

  @Test
  void collect_isQuietWhenEverythingIsReleased() {
    ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(64).writeLong(1);
    buf.release();
    assertThat(LeakCheck.collect()).isEmpty();
  }

  private static void leakOneBuffer() {
    ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(64);
    buf.writeLong(42).touch("leakOneBuffer");
  }
}
