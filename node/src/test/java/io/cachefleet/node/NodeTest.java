package io.cachefleet.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The node's life cycle: health and draining. */
class NodeTest {

  @Test
  void drained_completesWhenTheLastOpenConnectionCloses() throws Exception {
    try (Node node = Node.start(NodeConfig.defaults(0))) {
      assertThat(node.drained()).isDone();
      try (Socket a = new Socket("127.0.0.1", node.port()); Socket b = new Socket("127.0.0.1", node.port())) {
        // PING answered on both: the node has accepted them
        for (Socket s : new Socket[] {a, b}) {
          s.getOutputStream().write("PING\r\n".getBytes());
          assertThat(s.getInputStream().readNBytes(7)).asString().isEqualTo("+PONG\r\n");
        }
        CompletableFuture<Void> drained = node.drained();
        a.close();
        assertThat(drained).isNotDone();
        b.close();
        drained.get(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void health_isServing_untilClosed() throws Exception {
    Node node = Node.start(NodeConfig.defaults(0));
    assertThat(node.health().serving()).isTrue();
    node.close();
    assertThat(node.health()).isEqualTo(new Node.Health(false, "not listening"));
  }
}
