package io.cachefleet.discovery.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DistributionTest {

  @Test
  void byName_twemproxyNames_areAccepted() {
    assertThat(Distribution.byName("ketama")).isEqualTo(Distribution.KETAMA);
    assertThat(Distribution.byName("modula")).isEqualTo(Distribution.MODULA);
    assertThat(Distribution.byName("random")).isEqualTo(Distribution.RANDOM);
  }

  @Test
  void byName_unknownOrUpperCase_listsTheValidNames() {
    assertThatThrownBy(() -> Distribution.byName("KETAMA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("distribution must be one of ketama, modula, random; got KETAMA");
    assertThatThrownBy(() -> Distribution.byName(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configName_roundTrips() {
    for (Distribution d : Distribution.values()) {
      assertThat(Distribution.byName(d.configName())).isEqualTo(d);
    }
  }
}
