package io.cachefleet.proxy.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.protocol.CommandTable;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stats document's layout, against what nutcracker 0.5.0 sends. */
class StatsJsonTest {

  private static final CommandTable TABLE = CommandTable.redis();

  /**
   * nutcracker 0.5.0's document for pool alpha (a named server and an unnamed one) and pool beta
   * (one server), read from its stats port; it lists its pools in the reverse of their order in the file.
   */
  private static final String NUTCRACKER = "{\"service\":\"nutcracker\", \"source\":\"vm\", \"version\":\"0.5.0\", "
      + "\"uptime\":1, \"timestamp\":1795436386, \"total_connections\":2, \"curr_connections\":2, "
      + "\"beta\": {\"client_eof\":0, \"client_err\":0, \"client_connections\":0, \"server_ejects\":0, "
      + "\"forward_error\":0, \"fragments\":0, \"127.0.0.1:7396\": {\"server_eof\":0, \"server_err\":0, "
      + "\"server_timedout\":0, \"server_connections\":0, \"server_ejected_at\":0, \"requests\":0, "
      + "\"request_bytes\":0, \"responses\":0, \"response_bytes\":0, \"in_queue\":0, \"in_queue_bytes\":0, "
      + "\"out_queue\":0, \"out_queue_bytes\":0}},\"alpha\": {\"client_eof\":0, \"client_err\":0, "
      + "\"client_connections\":0, \"server_ejects\":0, \"forward_error\":0, \"fragments\":0, \"one\": "
      + "{\"server_eof\":0, \"server_err\":0, \"server_timedout\":0, \"server_connections\":0, "
      + "\"server_ejected_at\":0, \"requests\":0, \"request_bytes\":0, \"responses\":0, \"response_bytes\":0, "
      + "\"in_queue\":0, \"in_queue_bytes\":0, \"out_queue\":0, \"out_queue_bytes\":0},\"127.0.0.1:7396\": "
      + "{\"server_eof\":0, \"server_err\":0, \"server_timedout\":0, \"server_connections\":0, "
      + "\"server_ejected_at\":0, \"requests\":0, \"request_bytes\":0, \"responses\":0, \"response_bytes\":0, "
      + "\"in_queue\":0, \"in_queue_bytes\":0, \"out_queue\":0, \"out_queue_bytes\":0}}}\n";

  private final EventLoop loop = new DefaultEventLoop();

  @AfterEach
  void stop() {
    loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void render_isByteForByteNutcrackers() {
    StatsJson.Header header = new StatsJson.Header("nutcracker", "vm", "0.5.0", 1, 1795436386);
    List<PoolSnapshot> pools = List.of(pool("beta", "127.0.0.1:7396").newSnapshot(),
        pool("alpha", "one", "127.0.0.1:7396").newSnapshot());

    assertThat(StatsJson.render(header, pools)).isEqualTo(NUTCRACKER);
  }

  @Test
  void render_putsLatenciesAmongThePoolsScalars_beforeItsServers() {
    PoolStats stats = pool("alpha", "one");
    PoolSnapshot snapshot = stats.newSnapshot();
    loop.submit(() -> {
      stats.loop(loop).latency(TABLE.lookup("get").id(), 5_000);
      snapshot.add(stats.loop(loop));
    }).syncUninterruptibly();

    String document = StatsJson.render(new StatsJson.Header("cachefleet", "h", "1", 0, 0), List.of(snapshot));
    assertThat(document).contains("\"fragments\":0, \"latency_get_p50_us\":5, \"latency_get_p99_us\":5, "
        + "\"latency_get_p999_us\":5, \"latency_get_count\":1, \"one\": {\"server_eof\":0, ");
  }

  @Test
  void render_escapesNamesThatJsonCannotCarryAsTheyAre() {
    String document = StatsJson.render(new StatsJson.Header("cachefleet", "a\"b\\c\u0001", "1", 0, 0),
        List.of(pool("alpha", "one").newSnapshot()));
    assertThat(document).contains("\"source\":\"a\\\"b\\\\c\\u0001\", ");
  }

  @Test
  void fieldName_writesEverythingButLettersAndDigitsAsUnderscores() {
    assertThat(StatsJson.fieldName("get")).isEqualTo("get");
    assertThat(StatsJson.fieldName("client|id")).isEqualTo("client_id");
    assertThat(StatsJson.fieldName("client|no-evict")).isEqualTo("client_no_evict");
  }

  private PoolStats pool(String name, String... servers) {
    List<Server> backends = new ArrayList<>();
    for (String server : servers) {
      backends.add(new TestServer(backends.size(), server));
    }
    return new PoolStats(name, () -> backends, PoolStats.commandNames(TABLE), List.of(loop), Clock.systemUTC());
  }
}
