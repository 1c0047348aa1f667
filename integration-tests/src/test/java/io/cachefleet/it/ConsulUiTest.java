package io.cachefleet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachefleet.discovery.consul.ConsulDirectory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fleet as an operator sees it in the Consul UI, in a real browser: Debian's Chromium, headless,
 * driven through Debian's chromedriver. The UI is a JavaScript application, so every check waits
 * for the rendered text rather than reading the first HTML.
 */
class ConsulUiTest {

  private static final Duration RENDER = Duration.ofSeconds(30);

  private static Map<String, String> nodeOptions(ConsulAgent agent, String name, String zone) {
    return Map.of("CACHEFLEET_JAVA_OPTS", String.join(" ", "-Dcachefleet.node.name=" + name,
        "-Dcachefleet.node.consul.enabled=true", "-Dcachefleet.node.consul.agent=" + agent.address(),
        "-Dcachefleet.node.consul.zone=" + zone));
  }

  private static Map<String, String> proxyOptions(ConsulAgent agent) {
    return Map.of("CACHEFLEET_JAVA_OPTS", String.join(" ", "-Dcachefleet.proxy.consul.enabled=true",
        "-Dcachefleet.proxy.consul.agent=" + agent.address()));
  }

  @Test
  void consulUi_listsEveryNodeWithItsZoneAndPassingHealth_andTheProxiesRingVersionsAgree() {
    Path chromium = Tools.require("chromium", "install Debian's chromium");
    Path chromedriver = Tools.require("chromedriver", "install Debian's chromium-driver");
    try (ConsulAgent agent = ConsulAgent.startDev();
         ConsulDirectory proxies = agent.watch("cachefleet-proxy");
         ServerProcess a = ServerProcess.node(nodeOptions(agent, "node-a", "z1"));
         ServerProcess b = ServerProcess.node(nodeOptions(agent, "node-b", "z2"))) {
      int portA = ServerProcess.freePort();
      int portB = ServerProcess.freePort();
      try (ServerProcess p1 = ServerProcess.proxy(NutcrackerYml.write("ui", portA, "", a.port(), b.port()), portA,
               proxyOptions(agent));
           ServerProcess p2 = ServerProcess.proxy(NutcrackerYml.write("ui", portB, "", a.port(), b.port()), portB,
               proxyOptions(agent))) {
        Await.until("both proxies registered", RENDER, () -> proxies.current().members().size() == 2);
        WebDriver browser = browser(chromium, chromedriver);
        try {
          browser.get(agent.address() + "/ui/dc1/services/cachefleet-node/instances");
          String nodes = waitForText(browser, "node-a", "node-b");
          assertThat(nodes).contains("zone:z1", "zone:z2");
          assertThat(nodes.split("All service checks passing", -1)).hasSize(3);
          screenshot(browser);

          List<String> versions = new ArrayList<>();
          for (var proxy : proxies.current().members()) {
            browser.get(agent.address() + "/ui/dc1/services/cachefleet-proxy/instances");
            waitForText(browser, proxy.name());
            browser.findElement(By.partialLinkText(proxy.name())).click();
            waitForText(browser, "Tags & Meta");
            browser.findElement(By.linkText("Tags & Meta")).click();
            versions.add(valueAfter(waitForText(browser, "ring_version"), "ring_version"));
          }
          assertThat(versions).hasSize(2).allMatch(v -> v.matches("[0-9a-f]{8}"));
          assertThat(versions.get(0)).isEqualTo(versions.get(1));
        } finally {
          browser.quit();
        }
      }
    }
  }

  /**
   * Saves the page to the file named by the {@code cachefleet.screenshot} system property, when it
   * is set: {@code docs/screenshot-consul-ui} takes README's picture of the UI this way.
   */
  private static void screenshot(WebDriver browser) {
    String target = System.getProperty("cachefleet.screenshot");
    if (target != null && !target.isEmpty()) {
      try {
        Files.write(Path.of(target), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the screenshot " + target, e);
      }
    }
  }

  private static WebDriver browser(Path chromium, Path chromedriver) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver.toString())).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  /** The page's text once it contains every one of {@code texts}. */
  private static String waitForText(WebDriver browser, String... texts) {
    new WebDriverWait(browser, RENDER).until(d -> {
      String body = d.findElement(By.tagName("body")).getText();
      for (String text : texts) {
        if (!body.contains(text)) {
          return false;
        }
      }
      return true;
    });
    return browser.findElement(By.tagName("body")).getText();
  }

  /** The line after {@code label} in a page's text, as the UI lays out a meta key and its value. */
  private static String valueAfter(String page, String label) {
    List<String> lines = List.of(page.split("\n"));
    return lines.get(lines.indexOf(label) + 1).strip();
  }
}
