package io.cachefleet.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pub/sub through the proxy: channels hashed to backends, patterns on every backend. */
class PubSubTest extends ThreeNodeProxyTest {

  @Test
  void subscribe_receivesMessagesPublishedThroughAnyConnection_withRedisCounts() {
    try (RespClient sub = h.client(); RespClient pub = h.client()) {
      sub.send("SUBSCRIBE", "news", "sports", "weather");
      assertThat(sub.read() + sub.read() + sub.read())
          .isEqualTo(confirm("subscribe", "news", 1) + confirm("subscribe", "sports", 2)
              + confirm("subscribe", "weather", 3));
      assertThat(pub.call("PUBLISH", "sports", "goal")).isEqualTo(":1\r\n");
      assertThat(sub.read()).isEqualTo("*3\r\n$7\r\nmessage\r\n$6\r\nsports\r\n$4\r\ngoal\r\n");
      assertThat(pub.call("PUBLISH", "weather", "rain")).isEqualTo(":1\r\n");
      assertThat(sub.read()).isEqualTo("*3\r\n$7\r\nmessage\r\n$7\r\nweather\r\n$4\r\nrain\r\n");
      assertThat(pub.call("PUBLISH", "nobody", "x")).isEqualTo(":0\r\n");
      assertThat(pub.call("PUBSUB", "NUMSUB", "news", "nobody"))
          .isEqualTo("*4\r\n$4\r\nnews\r\n:1\r\n$6\r\nnobody\r\n:0\r\n");
      assertThat(pub.call("PUBSUB", "CHANNELS")).startsWith("*3\r\n");
    }
  }

  @Test
  void psubscribe_matchesChannelsOnEveryBackend() {
    try (RespClient sub = h.client(); RespClient pub = h.client()) {
      assertThat(sub.call("PSUBSCRIBE", "room.*")).isEqualTo(confirm("psubscribe", "room.*", 1));
      for (int i = 0; i < 20; i++) {
        assertThat(pub.call("PUBLISH", "room." + i, "hi")).isEqualTo(":1\r\n");
        String channel = "room." + i;
        assertThat(sub.read()).isEqualTo("*4\r\n$8\r\npmessage\r\n$6\r\nroom.*\r\n$" + channel.length() + "\r\n"
            + channel + "\r\n$2\r\nhi\r\n");
      }
      assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(":1\r\n");
    }
  }

  @Test
  void unsubscribe_confirmsEachChannel_andStopsDelivery() {
    try (RespClient sub = h.client(); RespClient pub = h.client()) {
      sub.send("SUBSCRIBE", "a", "b");
      assertThat(sub.read() + sub.read()).isEqualTo(confirm("subscribe", "a", 1) + confirm("subscribe", "b", 2));
      assertThat(sub.call("UNSUBSCRIBE", "a")).isEqualTo(confirm("unsubscribe", "a", 1));
      assertThat(pub.call("PUBLISH", "a", "x")).isEqualTo(":0\r\n");
      assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(confirm("unsubscribe", "b", 0));
      assertThat(sub.call("UNSUBSCRIBE")).isEqualTo("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n");
      assertThat(sub.call("SET", "k", "v")).isEqualTo("+OK\r\n");
    }
  }

  @Test
  void subscribedMode_allowsOnlyPubSubCommandsAndPing() {
    try (RespClient sub = h.client()) {
      sub.call("SUBSCRIBE", "c");
      assertThat(sub.call("GET", "k")).isEqualTo("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / "
          + "(P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n");
      assertThat(sub.call("PING")).isEqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n");
    }
  }

  @Test
  void reset_leavesSubscribedModeWithoutConfirmations_andStopsDelivery() {
    try (RespClient sub = h.client(); RespClient pub = h.client()) {
      sub.send("SUBSCRIBE", "a", "b");
      assertThat(sub.read() + sub.read()).isEqualTo(confirm("subscribe", "a", 1) + confirm("subscribe", "b", 2));
      assertThat(sub.call("PSUBSCRIBE", "p*")).isEqualTo(confirm("psubscribe", "p*", 3));
      assertThat(sub.call("RESET")).isEqualTo("+RESET\r\n");
      assertThat(sub.call("SET", "k", "v")).isEqualTo("+OK\r\n");
      pub.call("PUBLISH", "a", "x");
      pub.call("PUBLISH", "pa", "x");
      assertThat(sub.call("PING")).isEqualTo("+PONG\r\n");
      assertThat(sub.call("SUBSCRIBE", "b")).isEqualTo(confirm("subscribe", "b", 1));
      assertThat(pub.call("PUBLISH", "b", "y")).isEqualTo(":1\r\n");
      assertThat(sub.read()).isEqualTo("*3\r\n$7\r\nmessage\r\n$1\r\nb\r\n$1\r\ny\r\n");
    }
  }

  @Test
  void reset_pipelinedBehindSubscribe_answersTheSubscribeButLeavesTheClientUnsubscribed() {
    try (RespClient sub = h.client()) {
      sub.raw(RespClient.encode("SUBSCRIBE", "a", "b") + RespClient.encode("RESET") + RespClient.encode("GET", "k"));
      assertThat(sub.read()).isEqualTo(confirm("subscribe", "a", 1));
      assertThat(sub.read()).isEqualTo(confirm("subscribe", "b", 2));
      assertThat(sub.read()).isEqualTo("+RESET\r\n");
      assertThat(sub.read()).isEqualTo("$-1\r\n");
      assertThat(sub.call("SET", "k", "v")).isEqualTo("+OK\r\n");
    }
  }

  @Test
  void pipelinedCommands_seeTheSubscriptionsOfTheCommandsBeforeThem() {
    try (RespClient sub = h.client(); RespClient pub = h.client()) {
      sub.raw(RespClient.encode("SUBSCRIBE", "a") + RespClient.encode("GET", "k")
          + RespClient.encode("UNSUBSCRIBE", "a") + RespClient.encode("GET", "k"));
      assertThat(sub.read()).isEqualTo(confirm("subscribe", "a", 1));
      assertThat(sub.read()).startsWith("-ERR Can't execute 'get'");
      assertThat(sub.read()).isEqualTo(confirm("unsubscribe", "a", 0));
      assertThat(sub.read()).isEqualTo("$-1\r\n");
      pub.call("PUBLISH", "a", "x");
      assertThat(sub.call("PING")).isEqualTo("+PONG\r\n");
    }
  }

  @Test
  void resp3_confirmationsAndMessagesArePushes_andOtherCommandsStillRun() {
    try (RespClient sub = h.client(); RespClient pub = h.client()) {
      sub.call("HELLO", "3");
      assertThat(sub.call("SUBSCRIBE", "a")).isEqualTo(push("subscribe", "a", 1));
      assertThat(sub.call("SET", "k", "v")).isEqualTo("+OK\r\n");
      assertThat(sub.call("PING")).isEqualTo("+PONG\r\n");
      assertThat(pub.call("PUBLISH", "a", "x")).isEqualTo(":1\r\n");
      assertThat(sub.read()).isEqualTo(">3\r\n$7\r\nmessage\r\n$1\r\na\r\n$1\r\nx\r\n");
      assertThat(sub.call("HELLO", "2")).isEqualTo("-ERR the proxy cannot change the protocol of a client that "
          + "watches keys or is subscribed\r\n");
      assertThat(sub.call("UNSUBSCRIBE", "a")).isEqualTo(push("unsubscribe", "a", 0));
      assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(">3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n");
      assertThat(sub.call("HELLO", "2")).startsWith("*14\r\n");
    }
  }

  @Test
  void resetFromResp3_subscribesAgainInResp2() {
    try (RespClient sub = h.client(); RespClient pub = h.client()) {
      sub.call("HELLO", "3");
      assertThat(sub.call("SUBSCRIBE", "a")).isEqualTo(push("subscribe", "a", 1));
      assertThat(sub.call("RESET")).isEqualTo("+RESET\r\n");
      assertThat(sub.call("SUBSCRIBE", "a")).isEqualTo(confirm("subscribe", "a", 1));
      pub.call("PUBLISH", "a", "y");
      assertThat(sub.read()).isEqualTo("*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$1\r\ny\r\n");
      assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(confirm("unsubscribe", "a", 0));
    }
  }

  private static String push(String kind, String name, int count) {
    return ">" + confirm(kind, name, count).substring(1);
  }

  private static String confirm(String kind, String name, int count) {
    return "*3\r\n$" + kind.length() + "\r\n" + kind + "\r\n$" + name.length() + "\r\n" + name + "\r\n:" + count + "\r\n";
  }
}
