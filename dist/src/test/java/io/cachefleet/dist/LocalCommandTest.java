package io.cachefleet.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalCommandTest {

  @Test
  void parse_defaults_threeNodesFrom7001_proxyOn22121() throws UsageException {
    assertThat(LocalCommand.parse(new String[0])).isEqualTo(new LocalCommand.Options(3, 22121, 7001, null, null, false));
  }

  @Test
  void parse_everyOption() throws UsageException {
    assertThat(LocalCommand.parse(new String[] {"--nodes", "5", "--port", "9000", "--node-port", "9100", "--config",
        "x.conf", "--consul", "http://127.0.0.1:8500"}))
        .isEqualTo(new LocalCommand.Options(5, 9000, 9100, "http://127.0.0.1:8500", Path.of("x.conf"), false));
    assertThat(LocalCommand.parse(new String[] {"--help"}).help()).isTrue();
  }

  @Test
  void parse_badInput_isAUsageError() {
    assertThatThrownBy(() -> LocalCommand.parse(new String[] {"--nodes", "0"}))
        .hasMessage("--nodes must be within 1..64 (was 0)");
    assertThatThrownBy(() -> LocalCommand.parse(new String[] {"--nodes", "x"}))
        .hasMessage("--nodes needs a number (was 'x')");
    assertThatThrownBy(() -> LocalCommand.parse(new String[] {"--node-port", "65535"}))
        .hasMessage("--node-port leaves no room for 3 nodes below 65536");
    assertThatThrownBy(() -> LocalCommand.parse(new String[] {"--port"})).hasMessage("--port needs a value");
    assertThatThrownBy(() -> LocalCommand.parse(new String[] {"--port", "1", "--port", "2"}))
        .hasMessage("--port was given twice");
    assertThatThrownBy(() -> LocalCommand.parse(new String[] {"extra"})).hasMessage("unknown argument 'extra'");
    assertThatThrownBy(() -> LocalCommand.parse(new String[] {"--consul", "127.0.0.1:8500"}))
        .hasMessage("--consul takes the agent's URL, such as http://127.0.0.1:8500 (was '127.0.0.1:8500')");
  }
}
