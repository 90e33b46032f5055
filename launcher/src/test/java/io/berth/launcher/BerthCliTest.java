package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against an empty data directory (no Berth running). */
class BerthCliTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    Map<String, String> env =
        Map.of("BERTH_DATA_DIR", dir.toString(), "BERTH_HOME", dir.resolve("repo").toString());
    return new BerthCli(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(args));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpAndUsageErrors() {
    assertThat(run()).isEqualTo(BerthCli.OK);
    assertThat(out()).contains("usage: berth <command>");
    assertThat(run("frobnicate")).isEqualTo(BerthCli.USAGE);
    assertThat(err()).contains("unknown command 'frobnicate'").contains("usage:");
  }

  @Test
  void statusSaysNotRunning() {
    assertThat(run("status")).isEqualTo(BerthCli.NOT_RUNNING);
    assertThat(out()).contains("Berth is not running");
  }

  @Test
  void downWhenNotRunningIsFine() {
    assertThat(run("down")).isEqualTo(BerthCli.OK);
    assertThat(out()).contains("Berth is not running");
  }

  @Test
  void restartNeedsARunningBerth() {
    assertThat(run("restart", "gateway")).isEqualTo(BerthCli.FAILED);
    assertThat(err()).contains("Berth is not running").contains("berth up");
  }

  @Test
  void logsOfOneComponent() throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("logs/gateway.log"), "one\ntwo\nthree\n");
    assertThat(run("logs", "-n", "2", "gateway")).isEqualTo(BerthCli.OK);
    assertThat(out()).isEqualTo("two" + System.lineSeparator() + "three" + System.lineSeparator());
  }

  @Test
  void logsOfAllComponentsHaveHeaders() throws Exception {
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("logs/kafka.log"), "k\n");
    Files.writeString(dir.resolve("logs/layer-service.log"), "l\n");
    assertThat(run("logs")).isEqualTo(BerthCli.OK);
    assertThat(out())
        .contains("==> kafka (")
        .contains("==> layer-service (")
        .contains("k")
        .contains("l");
  }

  @Test
  void logsOfAServiceWithoutALog() {
    assertThat(run("logs", "image")).isEqualTo(BerthCli.FAILED);
    assertThat(err()).contains("no log yet").contains("image-service.log");
  }

  @Test
  void reportsMissingBuildOutputs() {
    BerthConfig config =
        BerthConfig.fromEnv(Map.of("BERTH_DATA_DIR", dir.toString()), dir.resolve("repo"));
    assertThat(BerthCli.missingBuildOutputs(config))
        .hasSize(8)
        .anyMatch(p -> p.endsWith("gateway/target/classpath.txt"))
        .anyMatch(p -> p.endsWith("container-service/target/classes"));
  }

  @Test
  void reportsBusyPortsWithTheirOwner() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int busy = socket.getLocalPort();
      int[] free = Ports.freePorts(5);
      BerthConfig config =
          BerthConfig.fromEnv(
              Map.of(
                  "BERTH_DATA_DIR", dir.toString(),
                  "BERTH_GATEWAY_PORT", String.valueOf(busy),
                  "BERTH_KAFKA_PORT", String.valueOf(free[0]),
                  "BERTH_KAFKA_CONTROLLER_PORT", String.valueOf(free[1]),
                  "BERTH_IMAGE_SERVICE_PORT", String.valueOf(free[2]),
                  "BERTH_LAYER_SERVICE_PORT", String.valueOf(free[3]),
                  "BERTH_CONTAINER_SERVICE_PORT", String.valueOf(free[4])),
              dir);
      assertThat(BerthCli.busyPorts(config))
          .singleElement()
          .asString()
          .startsWith(
              "port " + busy + " (gateway) is in use by pid " + ProcessHandle.current().pid());
    }
  }
}
