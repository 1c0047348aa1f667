package io.cachefleet.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyCommandTest {

  private static final String POOL =
      "alpha:\n  listen: 127.0.0.1:22121\n  redis: true\n  servers:\n   - 127.0.0.1:7001:1\n";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @TempDir
  Path dir;

  @Test
  void run_help_printsProxyUsage() {
    assertThat(run("proxy", "--help")).isEqualTo(Main.OK);
    assertThat(out()).startsWith("Usage: cachefleet proxy [--config FILE] [--nutcracker FILE] [-t]");
    assertThat(err()).isEmpty();
  }

  @Test
  void main_help_listsTheProxyCommand() {
    assertThat(run("--help")).isEqualTo(Main.OK);
    assertThat(out()).contains("\n  proxy ");
  }

  @Test
  void parse_acceptsOurOptionsAndTwemproxys() throws UsageException {
    ProxyCommand.Options options = ProxyCommand.parse(new String[] {
        "--config=a.conf", "-c", "n.yml", "-s", "22223", "-a", "0.0.0.0", "-i", "1000", "-t"});

    assertThat(options).isEqualTo(new ProxyCommand.Options(Path.of("a.conf"), Path.of("n.yml"),
        new ProxyConfigLoader.Flags(22223, "0.0.0.0"), true, false));
  }

  @Test
  void parse_nutcrackerLongForm_isTheSameAsC() throws UsageException {
    assertThat(ProxyCommand.parse(new String[] {"--nutcracker", "n.yml"}).nutcracker()).isEqualTo(Path.of("n.yml"));
    assertThat(ProxyCommand.parse(new String[] {"--nutcracker=n.yml"}).nutcracker()).isEqualTo(Path.of("n.yml"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-d|cachefleet proxy: nutcracker's -d is not supported: run the proxy in the foreground under a service ",
      "-p|cachefleet proxy: nutcracker's -p is not supported: no pid file is written",
      "-o|cachefleet proxy: nutcracker's -o is not supported: logs go to standard output",
      "-v|cachefleet proxy: nutcracker's -v is not supported: set log levels in logback.xml",
      "-m|cachefleet proxy: nutcracker's -m is not supported",
      "--daemonize|cachefleet proxy: unknown option '--daemonize'",
      "extra|cachefleet proxy: unknown argument 'extra'"})
  void run_refusedOption_isUsageError(String option, String message) {
    assertThat(run("proxy", option)).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith(message).contains("\nUsage: cachefleet proxy");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-s abc|cachefleet proxy: -s needs a port number (was 'abc')",
      "-i 1s|cachefleet proxy: -i needs a number of milliseconds (was '1s')",
      "-c|cachefleet proxy: -c needs a value",
      "--config|cachefleet proxy: --config needs a value",
      "-c a.yml --nutcracker b.yml|cachefleet proxy: --nutcracker (or -c) was given twice",
      "-s 1 -s 2|cachefleet proxy: -s was given twice"})
  void run_badOptionValue_isUsageError(String args, String message) {
    String[] words = ("proxy " + args).split(" ");

    assertThat(run(words)).isEqualTo(Main.USAGE);
    assertThat(err()).startsWith(message + "\nUsage: cachefleet proxy");
  }

  @Test
  void run_testValidNutcrackerFile_printsTwemproxysLine() throws IOException {
    Path yaml = Files.writeString(dir.resolve("nutcracker.yml"), POOL);

    assertThat(run("proxy", "-t", "-c", yaml.toString())).isEqualTo(Main.OK);
    assertThat(err()).isEqualTo("nutcracker: configuration file '" + yaml + "' syntax is ok\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void run_testInvalidNutcrackerFile_printsTheReasonAndFails() throws IOException {
    Path yaml = Files.writeString(dir.resolve("nutcracker.yml"), POOL.replace("redis: true", "redis: yes"));

    assertThat(run("proxy", "-t", "-c", yaml.toString())).isEqualTo(Main.FAILED);
    assertThat(err()).isEqualTo("cachefleet proxy: bad configuration: " + yaml
        + ": alpha.redis: must be true or false (was 'yes')\n"
        + "nutcracker: configuration file '" + yaml + "' syntax is invalid\n");
  }

  @Test
  void run_testWithBadHoconBesideAGoodNutcrackerFile_blamesTheConfiguration() throws IOException {
    Path yaml = Files.writeString(dir.resolve("nutcracker.yml"), POOL);
    Path conf = Files.writeString(dir.resolve("proxy.conf"), "cachefleet.proxy.io-threads = -1");

    assertThat(run("proxy", "-t", "-c", yaml.toString(), "--config", conf.toString())).isEqualTo(Main.FAILED);
    assertThat(err()).startsWith("cachefleet proxy: bad configuration: cachefleet.proxy.io-threads: must be within ")
        .endsWith("\ncachefleet proxy: configuration file '" + conf + "' is invalid\n");
  }

  @Test
  void run_testHoconFile_namesIt() throws IOException {
    Path conf = Files.writeString(dir.resolve("proxy.conf"), "cachefleet.proxy.pools.a.servers = [\"h:1:1\"]");

    assertThat(run("proxy", "-t", "--config", conf.toString())).isEqualTo(Main.OK);
    assertThat(err()).isEqualTo("cachefleet proxy: configuration file '" + conf + "' is ok\n");
  }

  @Test
  void run_badConfig_failsWithTheReasonAndNoUsage() throws IOException {
    Path conf = Files.writeString(dir.resolve("proxy.conf"),
        "cachefleet.proxy.pools.a { servers = [\"h:1:1\"], hash = foo }");

    assertThat(run("proxy", "--config", conf.toString())).isEqualTo(Main.FAILED);
    assertThat(err()).startsWith("cachefleet proxy: bad configuration: cachefleet.proxy.pools.a.hash: unknown hash "
        + "'foo' (one of: ").doesNotContain("Usage:");
  }

  @Test
  void run_missingNutcrackerFile_fails() {
    assertThat(run("proxy", "-c", "/nonexistent/nutcracker.yml")).isEqualTo(Main.FAILED);
    assertThat(err()).isEqualTo("cachefleet proxy: bad configuration: /nonexistent/nutcracker.yml: no such file\n");
  }

  @Test
  void run_badStatsPortFlag_namesTheFlag() throws IOException {
    Path yaml = Files.writeString(dir.resolve("nutcracker.yml"), POOL);

    assertThat(run("proxy", "-c", yaml.toString(), "-s", "70000")).isEqualTo(Main.FAILED);
    assertThat(err()).isEqualTo("cachefleet proxy: bad configuration: cachefleet.proxy.stats-port: must be within "
        + "-1..65535 (was 70000) [-s]\n");
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
