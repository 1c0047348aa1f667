package io.cachefleet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One key spec at a time, evaluated as Redis's {@code getKeysUsingKeySpecs} evaluates it. */
class KeySpecTest {

  @Test
  void parse_everyForm() {
    KeySpec index = KeySpec.parse("index:2/range:-1:2:0");
    assertThat(index.begin()).isEqualTo(KeySpec.BeginSearch.INDEX);
    assertThat(index.index()).isEqualTo(2);
    assertThat(index.find()).isEqualTo(KeySpec.FindKeys.RANGE);
    assertThat(index.lastKeyOrKeyNumIndex()).isEqualTo(-1);
    assertThat(index.keyStep()).isEqualTo(2);
    KeySpec keyword = KeySpec.parse("keyword:STREAMS:1/range:-1:1:2");
    assertThat(keyword.keyword()).isEqualTo("streams");
    assertThat(keyword.startFrom()).isEqualTo(1);
    assertThat(keyword.limitOrFirstKey()).isEqualTo(2);
    KeySpec keynum = KeySpec.parse("index:2/keynum:0:1:1");
    assertThat(keynum.find()).isEqualTo(KeySpec.FindKeys.KEYNUM);
    KeySpec unknown = KeySpec.parse("unknown/unknown");
    assertThat(unknown.begin()).isEqualTo(KeySpec.BeginSearch.UNKNOWN);
    assertThat(unknown.notKey() || unknown.incomplete()).isFalse();
    assertThat(KeySpec.parse("index:1/range:0:1:0/not_key").notKey()).isTrue();
    assertThat(KeySpec.parse("keyword:KEYS:-2/range:-1:1:0/incomplete").incomplete()).isTrue();
    assertThat(KeySpec.parse("index:1/range:0:1:0/not_key,incomplete").incomplete()).isTrue();
    assertThatThrownBy(() -> KeySpec.parse("index:1/range:0:1:0/bogus")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void collect_rangeToTheEndWithAStep() {
    assertThat(collect("index:1/range:-1:2:0", "MSET", "a", "1", "b", "2")).containsExactly(1, 3);
  }

  @Test
  void collect_rangeLimitedToAShareOfTheRest() {
    assertThat(collect("keyword:STREAMS:1/range:-1:1:2", "XREAD", "STREAMS", "a", "b", "c", "0", "0", "0"))
        .containsExactly(2, 3, 4);
  }

  @Test
  void collect_keywordSearchedForwardFindsTheFirstOneInAnyCase() {
    assertThat(collect("keyword:STORE:2/range:0:1:0", "CMD", "x", "store", "k1", "STORE", "k2"))
        .containsExactly(3);
  }

  @Test
  void collect_keywordSearchedBackwardFindsTheLastOne() {
    assertThat(collect("keyword:KEYS:-2/range:-1:1:0", "CMD", "KEYS", "a", "KEYS", "b", "c"))
        .containsExactly(4, 5);
  }

  @Test
  void collect_missingKeywordFindsNothing() {
    assertThat(collect("keyword:STORE:2/range:0:1:0", "CMD", "x", "y")).isEmpty();
  }

  @Test
  void collect_keynumCountsTheKeys() {
    assertThat(collect("index:2/keynum:0:1:1", "EVAL", "s", "2", "k1", "k2", "arg")).containsExactly(3, 4);
  }

  @Test
  void collect_contradictedKeynumIsInvalid() {
    for (String numkeys : new String[] {"0", "-1", "3", "x", "02"}) {
      assertThat(count("index:2/keynum:0:1:1", "EVAL", "s", numkeys, "k1", "k2")).as(numkeys).isEqualTo(-1);
    }
    assertThat(count("index:2/keynum:0:1:1", "EVAL", "s")).isEqualTo(-1);
  }

  @Test
  void collect_unknownSpecIsInvalid() {
    assertThat(count("unknown/unknown", "SORT", "k", "STORE", "d")).isEqualTo(-1);
  }

  @Test
  void collect_incompleteSpecIsInvalidOnlyOnceItFindsKeys() {
    assertThat(count("keyword:KEYS:-2/range:-1:1:0/incomplete", "MIGRATE", "h", "p", "", "0", "5", "KEYS", "a"))
        .isEqualTo(-1);
    assertThat(count("keyword:KEYS:-2/range:-1:1:0/incomplete", "MIGRATE", "h", "p", "k", "0", "5")).isZero();
  }

  @Test
  void collect_notKeySpecFindsNothing() {
    assertThat(count("index:1/range:0:1:0/not_key", "SPUBLISH", "ch", "msg")).isZero();
  }

  private static int[] collect(String spec, String... args) {
    RespCommand cmd = RespCommand.of(Unpooled.buffer(), args);
    try {
      int[] out = new int[cmd.argc()];
      int n = KeySpec.parse(spec).collect(cmd, out, 0);
      assertThat(n).isNotNegative();
      return Arrays.copyOf(out, n);
    } finally {
      cmd.release();
    }
  }

  private static int count(String spec, String... args) {
    RespCommand cmd = RespCommand.of(Unpooled.buffer(), args);
    try {
      return KeySpec.parse(spec).collect(cmd, new int[cmd.argc()], 0);
    } finally {
      cmd.release();
    }
  }
}
