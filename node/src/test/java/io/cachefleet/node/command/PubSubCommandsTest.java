package io.cachefleet.node.command;

import static io.cachefleet.node.command.NodeHarness.array;
import static io.cachefleet.node.command.NodeHarness.bulk;
import static io.cachefleet.node.command.NodeHarness.error;
import static io.cachefleet.node.command.NodeHarness.integer;
import static io.cachefleet.node.command.NodeHarness.nil;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pub/sub commands against replies recorded from Redis 7.0.15. */
class PubSubCommandsTest {

  private final NodeHarness h = new NodeHarness();
  private final NodeHarness.Client sub = h.client();
  private final NodeHarness.Client pub = h.client();

  @AfterEach
  void close() {
    sub.close();
    pub.close();
  }

  /** A RESP2 confirmation: [kind, name, count]; a null name is the null bulk. */
  private static String confirm(String kind, String name, int count) {
    return "*3\r\n" + bulk(kind) + (name == null ? nil() : bulk(name)) + integer(count);
  }

  private static String push(String kind, String name, int count) {
    return ">3\r\n" + bulk(kind) + (name == null ? "_\r\n" : bulk(name)) + integer(count);
  }

  private static String notAllowed(String command) {
    return error("ERR Can't execute '" + command + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / "
        + "RESET are allowed in this context");
  }

  @Test
  void subscribe_confirmsEachChannelWithRunningCount() {
    assertThat(sub.call("SUBSCRIBE", "a", "b", "a"))
        .isEqualTo(confirm("subscribe", "a", 1) + confirm("subscribe", "b", 2) + confirm("subscribe", "a", 2));
    assertThat(sub.call("PSUBSCRIBE", "h*", "h*")).isEqualTo(confirm("psubscribe", "h*", 3)
        + confirm("psubscribe", "h*", 3));
  }

  @Test
  void unsubscribe_withoutSubscriptions() {
    assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(confirm("unsubscribe", null, 0));
    assertThat(sub.call("PUNSUBSCRIBE")).isEqualTo(confirm("punsubscribe", null, 0));
    assertThat(sub.call("UNSUBSCRIBE", "a", "b")).isEqualTo(confirm("unsubscribe", "a", 0)
        + confirm("unsubscribe", "b", 0));
  }

  @Test
  void unsubscribe_allThenNormalCommandsAgain() {
    sub.call("SUBSCRIBE", "a");
    sub.call("PSUBSCRIBE", "p*");
    assertThat(sub.call("UNSUBSCRIBE", "zz")).isEqualTo(confirm("unsubscribe", "zz", 2));
    assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(confirm("unsubscribe", "a", 1));
    assertThat(sub.call("GET", "x")).isEqualTo(notAllowed("get"));
    assertThat(sub.call("PUNSUBSCRIBE", "x")).isEqualTo(confirm("punsubscribe", "x", 1));
    assertThat(sub.call("PUNSUBSCRIBE")).isEqualTo(confirm("punsubscribe", "p*", 0));
    assertThat(sub.call("GET", "x")).isEqualTo(nil());
  }

  @Test
  void publish_deliversToChannelAndPatternSubscribers() {
    sub.call("SUBSCRIBE", "a");
    sub.call("PSUBSCRIBE", "h*");
    assertThat(pub.call("PUBLISH", "a", "msg")).isEqualTo(integer(1));
    assertThat(sub.read()).isEqualTo("*3\r\n" + bulk("message") + bulk("a") + bulk("msg"));
    assertThat(pub.call("PUBLISH", "hello", "m2")).isEqualTo(integer(1));
    assertThat(sub.read()).isEqualTo("*4\r\n" + bulk("pmessage") + bulk("h*") + bulk("hello") + bulk("m2"));
    assertThat(pub.call("PUBLISH", "zzz", "m3")).isEqualTo(integer(0));
    assertThat(sub.read()).isEmpty();
  }

  @Test
  void publish_countsEveryDelivery() {
    sub.call("SUBSCRIBE", "ha");
    sub.call("PSUBSCRIBE", "h*", "*a");
    try (NodeHarness.Client third = h.client()) {
      third.call("SUBSCRIBE", "ha");
      assertThat(pub.call("PUBLISH", "ha", "m")).isEqualTo(integer(4));
      assertThat(third.read()).isEqualTo("*3\r\n" + bulk("message") + bulk("ha") + bulk("m"));
    }
    assertThat(sub.read()).startsWith("*3\r\n" + bulk("message") + bulk("ha") + bulk("m"));
  }

  @Test
  void publish_emptyChannelDoesNotMatchStar() {
    sub.call("PSUBSCRIBE", "*");
    assertThat(pub.call("PUBLISH", "", "m")).isEqualTo(integer(0));
    assertThat(pub.call("PUBLISH", "x", "m")).isEqualTo(integer(1));
  }

  @Test
  void subscribedResp2_onlyPubSubCommands() {
    sub.call("SUBSCRIBE", "a");
    assertThat(sub.call("GET", "x")).isEqualTo(notAllowed("get"));
    assertThat(sub.call("ECHO", "x")).isEqualTo(notAllowed("echo"));
    assertThat(sub.call("PUBSUB", "NUMSUB", "a")).isEqualTo(notAllowed("pubsub|numsub"));
    assertThat(sub.call("MULTI")).isEqualTo(notAllowed("multi"));
    assertThat(sub.call("PING")).isEqualTo("*2\r\n" + bulk("pong") + bulk(""));
    assertThat(sub.call("PING", "hi")).isEqualTo("*2\r\n" + bulk("pong") + bulk("hi"));
    assertThat(sub.call("QUIT")).isEqualTo(NodeHarness.ok());
    assertThat(sub.isOpen()).isFalse();
  }

  @Test
  void subscribedResp3_anyCommandAndPushes() {
    sub.call("HELLO", "3");
    assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(push("unsubscribe", null, 0));
    assertThat(sub.call("SUBSCRIBE", "a")).isEqualTo(push("subscribe", "a", 1));
    assertThat(sub.call("PSUBSCRIBE", "a*")).isEqualTo(push("psubscribe", "a*", 2));
    assertThat(sub.call("GET", "x")).isEqualTo("_\r\n");
    assertThat(sub.call("PING")).isEqualTo("+PONG\r\n");
    assertThat(sub.call("PUBLISH", "a", "m")).isEqualTo(">3\r\n" + bulk("message") + bulk("a") + bulk("m")
        + ">4\r\n" + bulk("pmessage") + bulk("a*") + bulk("a") + bulk("m") + integer(2));
    assertThat(pub.call("PUBLISH", "a", "n")).isEqualTo(integer(2));
    assertThat(sub.read()).isEqualTo(">3\r\n" + bulk("message") + bulk("a") + bulk("n")
        + ">4\r\n" + bulk("pmessage") + bulk("a*") + bulk("a") + bulk("n"));
    assertThat(sub.call("UNSUBSCRIBE")).isEqualTo(push("unsubscribe", "a", 1));
    assertThat(sub.call("PUNSUBSCRIBE")).isEqualTo(push("punsubscribe", "a*", 0));
  }

  @Test
  void reset_dropsSubscriptionsSilently() {
    sub.call("SUBSCRIBE", "x");
    assertThat(sub.call("RESET")).isEqualTo("+RESET\r\n");
    assertThat(sub.call("GET", "x")).isEqualTo(nil());
    assertThat(pub.call("PUBLISH", "x", "m")).isEqualTo(integer(0));
  }

  @Test
  void disconnect_dropsSubscriptions() {
    NodeHarness.Client gone = h.client();
    gone.call("SUBSCRIBE", "x");
    gone.close();
    assertThat(pub.call("PUBLISH", "x", "m")).isEqualTo(integer(0));
    assertThat(pub.call("PUBSUB", "NUMSUB", "x")).isEqualTo("*2\r\n" + bulk("x") + integer(0));
  }

  @Test
  void pubsubChannels_activeChannelsMatching() {
    assertThat(pub.call("PUBSUB", "CHANNELS")).isEqualTo("*0\r\n");
    sub.call("SUBSCRIBE", "a", "b");
    sub.call("PSUBSCRIBE", "a*");
    assertThat(KeyCommandsTest.bulks(pub.call("PUBSUB", "CHANNELS"))).containsExactlyInAnyOrder("a", "b");
    assertThat(pub.call("PUBSUB", "CHANNELS", "a*")).isEqualTo(array("a"));
    assertThat(pub.call("PUBSUB", "CHANNELS", "A*")).isEqualTo("*0\r\n");
    assertThat(pub.call("PUBSUB", "CHANNELS", "a", "b"))
        .isEqualTo(error("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."));
  }

  @Test
  void pubsubNumsub_flatArrayEvenInResp3() {
    sub.call("SUBSCRIBE", "a", "b");
    String expected = "*6\r\n" + bulk("a") + integer(1) + bulk("b") + integer(1) + bulk("c") + integer(0);
    assertThat(pub.call("PUBSUB", "NUMSUB", "a", "b", "c")).isEqualTo(expected);
    assertThat(pub.call("PUBSUB", "NUMSUB")).isEqualTo("*0\r\n");
    pub.call("HELLO", "3");
    assertThat(pub.call("PUBSUB", "NUMSUB", "a", "b", "c")).isEqualTo(expected);
  }

  @Test
  void pubsubNumpat_distinctPatterns() {
    assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(integer(0));
    sub.call("PSUBSCRIBE", "h*", "x*");
    try (NodeHarness.Client third = h.client()) {
      third.call("PSUBSCRIBE", "h*");
      assertThat(pub.call("PUBSUB", "NUMPAT")).isEqualTo(integer(2));
    }
    assertThat(pub.call("PUBSUB", "NUMPAT", "x")).isEqualTo(error("ERR wrong number of arguments for 'pubsub|numpat' command"));
  }

  @Test
  void pubsubShard_noShardChannels() {
    assertThat(pub.call("PUBSUB", "SHARDCHANNELS")).isEqualTo("*0\r\n");
    assertThat(pub.call("PUBSUB", "SHARDNUMSUB", "a", "b")).isEqualTo("*4\r\n" + bulk("a") + integer(0)
        + bulk("b") + integer(0));
    assertThat(pub.call("PUBSUB", "SHARDCHANNELS", "a", "b")).isEqualTo(error("ERR unknown subcommand or wrong "
        + "number of arguments for 'SHARDCHANNELS'. Try PUBSUB HELP."));
  }

  @Test
  void pubsub_errorsAndHelp() {
    assertThat(pub.call("PUBSUB")).isEqualTo(error("ERR wrong number of arguments for 'pubsub' command"));
    assertThat(pub.call("PUBSUB", "FOO")).isEqualTo(error("ERR unknown subcommand 'FOO'. Try PUBSUB HELP."));
    assertThat(pub.call("SUBSCRIBE")).isEqualTo(error("ERR wrong number of arguments for 'subscribe' command"));
    assertThat(pub.call("PUBLISH", "a")).isEqualTo(error("ERR wrong number of arguments for 'publish' command"));
    assertThat(pub.call("PUBSUB", "HELP")).isEqualTo("*14\r\n"
        + "+PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
        + "+CHANNELS [<pattern>]\r\n"
        + "+    Return the currently active channels matching a <pattern> (default: '*').\r\n"
        + "+NUMPAT\r\n"
        + "+    Return number of subscriptions to patterns.\r\n"
        + "+NUMSUB [<channel> ...]\r\n"
        + "+    Return the number of subscribers for the specified channels, excluding\r\n"
        + "+    pattern subscriptions(default: no channels).\r\n"
        + "+SHARDCHANNELS [<pattern>]\r\n"
        + "+    Return the currently active shard level channels matching a <pattern> (default: '*').\r\n"
        + "+SHARDNUMSUB [<shardchannel> ...]\r\n"
        + "+    Return the number of subscribers for the specified shard level channel(s)\r\n"
        + "+HELP\r\n"
        + "+    Prints this help.\r\n");
  }
}
