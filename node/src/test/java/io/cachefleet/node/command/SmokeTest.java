package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.nil;
import static io.cachefleet.node.command.NodeHarness.ok;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmokeTest {

  @Test
  void setGet_roundTrips() {
    NodeHarness h = new NodeHarness();
    try (NodeHarness.Client c = h.client()) {
      assertThat(c.call("SET", "k", "v")).isEqualTo(ok());
      assertThat(c.call("GET", "k")).isEqualTo(bulk("v"));
      assertThat(c.call("GET", "nope")).isEqualTo(nil());
      assertThat(c.send("PING\r\n")).isEqualTo("+PONG\r\n");
      assertThat(c.call("FOO", "a")).isEqualTo(error("ERR unknown command 'FOO', with args beginning with: 'a' "));
      assertThat(c.call("GET")).isEqualTo(error("ERR wrong number of arguments for 'get' command"));
    }
  }
}
