package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyHashesTest {

  @Test
  void names_areTwemproxysInItsOrder() {
    assertThat(KeyHashes.names()).containsExactly("one_at_a_time", "md5", "crc16", "crc32", "crc32a",
        "fnv1_64", "fnv1a_64", "fnv1_32", "fnv1a_32", "hsieh", "murmur", "jenkins");
  }

  @Test
  void byName_everyName_returnsTheHashOfThatName() {
    for (String name : KeyHashes.names()) {
      assertThat(KeyHashes.byName(name).name()).isEqualTo(name);
    }
  }

  @Test
  void byName_unknown_listsTheValidNames() {
    assertThatThrownBy(() -> KeyHashes.byName("sha1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hash must be one of one_at_a_time, md5, crc16, crc32, crc32a, fnv1_64, fnv1a_64, "
            + "fnv1_32, fnv1a_32, hsieh, murmur, jenkins; got sha1");
  }

  @Test
  void byName_null_isRefused() {
    assertThatThrownBy(() -> KeyHashes.byName(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("got null");
  }

  @Test
  void defaultHash_isFnv1a64() {
    assertThat(KeyHashes.defaultHash().name()).isEqualTo("fnv1a_64");
  }

  @Test
  void names_cannotBeModified() {
    assertThatThrownBy(() -> KeyHashes.names().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
