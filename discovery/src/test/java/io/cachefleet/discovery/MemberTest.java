package io.cachefleet.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberTest {

  @Test
  void of_port11211_isNamedByHostAlone() {
    Member m = Member.of("10.0.0.1", 11211, 1);

    assertThat(m.name()).isEqualTo("10.0.0.1");
    assertThat(m.address()).isEqualTo("10.0.0.1:11211");
  }

  @Test
  void of_otherPort_isNamedHostColonPort() {
    Member m = Member.of("cache-1.internal", 6379, 2);

    assertThat(m.name()).isEqualTo("cache-1.internal:6379");
    assertThat(m.weight()).isEqualTo(2);
    assertThat(m.zone()).isEmpty();
    assertThat(m.meta()).isEmpty();
  }

  @Test
  void named_keepsTheName() {
    Member m = Member.named("server1", "10.0.0.1", 6379, 1);

    assertThat(m.name()).isEqualTo("server1");
    assertThat(m.address()).isEqualTo("10.0.0.1:6379");
  }

  @Test
  void new_invalidFields_nameTheField() {
    assertRefused(() -> new Member(" ", "h", 1, 1, "", Map.of()), "name must not be blank, got \" \"");
    assertRefused(() -> new Member(null, "h", 1, 1, "", Map.of()), "name must not be blank, got null");
    assertRefused(() -> Member.named("n", "", 1, 1), "host must not be blank, got \"\"");
    assertRefused(() -> Member.of(null, 6379, 1), "host must not be blank, got null");
    assertRefused(() -> Member.of("h", 0, 1), "port must be in 1..65535, got 0");
    assertRefused(() -> Member.of("h", 65536, 1), "port must be in 1..65535, got 65536");
    assertRefused(() -> Member.of("h", 1, 0), "weight must be at least 1, got 0");
    assertRefused(() -> new Member("n", "h", 1, 1, null, Map.of()), "zone must not be null (\"\" means none)");
    assertRefused(() -> new Member("n", "h", 1, 1, "", null), "meta must not be null");
    Map<String, String> withNull = new HashMap<>();
    withNull.put("run_id", null);
    assertRefused(() -> new Member("n", "h", 1, 1, "", withNull), "meta must not contain null keys or values");
  }

  @Test
  void new_copiesMeta() {
    Map<String, String> meta = new HashMap<>(Map.of("zone", "eu-west-1a"));
    Member m = new Member("n", "h", 1, 1, "eu-west-1a", meta);

    meta.put("weight", "9");

    assertThat(m.meta()).containsOnlyKeys("zone");
    assertThatThrownBy(() -> m.meta().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  private static void assertRefused(Runnable create, String message) {
    assertThatThrownBy(create::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
