package io.cachefleet.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void run_help_printsUsageToStdout() {
    assertThat(run("--help")).isEqualTo(Main.OK);
    assertThat(out()).startsWith("Usage: cachefleet <command>").contains("node");
    assertThat(err()).isEmpty();
  }

  @Test
  void run_version_printsVersion() {
    assertThat(run("--version")).isEqualTo(Main.OK);
    assertThat(out()).startsWith("cachefleet ");
  }

  @Test
  void run_noArguments_isUsageError() {
    assertThat(run()).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("Usage: cachefleet");
  }

  @Test
  void run_unknownCommand_isUsageError() {
    assertThat(run("prox")).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("cachefleet: unknown command 'prox'\nUsage:");
    assertThat(out()).isEmpty();
  }

  @Test
  void run_unknownOption_isUsageError() {
    assertThat(run("--verbose")).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("cachefleet: unknown option '--verbose'");
  }

  @Test
  void node_help_printsNodeUsage() {
    assertThat(run("node", "--help")).isEqualTo(Main.OK);
    assertThat(out()).startsWith("Usage: cachefleet node [--config FILE] [--port N]");
  }

  @Test
  void node_unknownOption_isUsageError() {
    assertThat(run("node", "--daemonize")).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("cachefleet node: unknown option '--daemonize'\nUsage: cachefleet node");
  }

  @Test
  void node_badPort_isUsageError() {
    assertThat(run("node", "--port", "abc")).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("cachefleet node: --port needs a port number (was 'abc')");
  }

  @Test
  void node_missingValue_isUsageError() {
    assertThat(run("node", "--config")).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("cachefleet node: --config needs a value");
  }

  @Test
  void node_optionTwice_isUsageError() {
    assertThat(run("node", "--port", "1", "--port=2")).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith("cachefleet node: --port was given twice");
  }

  @Test
  void node_missingConfigFile_failsWithoutUsage() {
    assertThat(run("node", "--config", "/nonexistent/node.conf")).isEqualTo(Main.FAILED);
    assertThat(err()).isEqualTo("cachefleet node: bad configuration: /nonexistent/node.conf: no such config file\n");
  }

  @Test
  void node_portOutOfRange_failsNamingTheSetting() {
    assertThat(run("node", "--port=70000")).isEqualTo(Main.FAILED);
    assertThat(err()).isEqualTo(
        "cachefleet node: bad configuration: cachefleet.node.port: must be within 0..65535 (was 70000) [--port]\n");
  }

  @Test
  void parse_acceptsBothOptionForms() throws UsageException {
    assertThat(NodeCommand.parse(new String[] {"--config=a.conf", "--port", "7000"}))
        .isEqualTo(new NodeCommand.Options(Path.of("a.conf"), 7000, false));
  }

  @Test
  void connectHint_addsHostOnlyWhenNotLocal() {
    assertThat(NodeCommand.connectHint("127.0.0.1", 7000)).isEqualTo("redis-cli -p 7000");
    assertThat(NodeCommand.connectHint("0.0.0.0", 7000)).isEqualTo("redis-cli -p 7000");
    assertThat(NodeCommand.connectHint("10.1.2.3", 7000)).isEqualTo("redis-cli -h 10.1.2.3 -p 7000");
  }

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
