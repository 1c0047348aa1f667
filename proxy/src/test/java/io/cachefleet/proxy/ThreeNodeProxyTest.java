package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Tests against one proxy over three nodes, started once per class and emptied before each test. */
abstract class ThreeNodeProxyTest {

  static ProxyHarness h;

  @BeforeAll
  static void start() {
    h = new ProxyHarness(3);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  @BeforeEach
  void flush() {
    try (RespClient c = h.client()) {
      assertThat(c.call("FLUSHALL")).isEqualTo("+OK\r\n");
    }
  }
}
