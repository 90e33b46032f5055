package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BerthConfigTest {

  private static final Path REPO = Path.of("/src/berth");

  @Test
  void defaults() {
    BerthConfig config = BerthConfig.fromEnv(Map.of(), REPO);
    assertThat(config.repoRoot()).isEqualTo(REPO);
    assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/berth"));
    assertThat(config.kafkaPort()).isEqualTo(23790);
    assertThat(config.controllerPort()).isEqualTo(23791);
    assertThat(config.port(BerthService.GATEWAY)).isEqualTo(2375);
    assertThat(config.port(BerthService.IMAGE_SERVICE)).isEqualTo(23751);
    assertThat(config.port(BerthService.LAYER_SERVICE)).isEqualTo(23752);
    assertThat(config.port(BerthService.CONTAINER_SERVICE)).isEqualTo(23753);
    assertThat(config.javaOpts()).containsExactly("-XX:+UseSerialGC", "-Xmx512m");
    assertThat(config.gatewayHost()).isEqualTo("127.0.0.1");
    assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.runDir()).isEqualTo(Path.of("/var/lib/berth/run"));
    assertThat(config.logDir()).isEqualTo(Path.of("/var/lib/berth/logs"));
    assertThat(config.kafkaDir()).isEqualTo(Path.of("/var/lib/berth/kafka"));
  }

  @Test
  void environmentOverrides() {
    BerthConfig config =
        BerthConfig.fromEnv(
            Map.of(
                "BERTH_HOME", "/opt/berth",
                "BERTH_DATA_DIR", "/tmp/b",
                "BERTH_GATEWAY_PORT", "12375",
                "BERTH_KAFKA_PORT", "19092",
                "BERTH_LAYER_SERVICE_PORT", "12752",
                "BERTH_JAVA_OPTS", "  -Xmx256m   -XX:+UseParallelGC ",
                "BERTH_STARTUP_TIMEOUT", "120s",
                "BERTH_STOP_TIMEOUT", "3"),
            REPO);
    assertThat(config.repoRoot()).isEqualTo(Path.of("/opt/berth"));
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/b"));
    assertThat(config.port(BerthService.GATEWAY)).isEqualTo(12375);
    assertThat(config.kafkaPort()).isEqualTo(19092);
    assertThat(config.controllerPort()).isEqualTo(19093);
    assertThat(config.port(BerthService.LAYER_SERVICE)).isEqualTo(12752);
    assertThat(config.javaOpts()).containsExactly("-Xmx256m", "-XX:+UseParallelGC");
    assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.stopTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void rejectsBadPorts() {
    assertThatThrownBy(() -> BerthConfig.fromEnv(Map.of("BERTH_GATEWAY_PORT", "http"), REPO))
        .hasMessageContaining("BERTH_GATEWAY_PORT must be a number");
    assertThatThrownBy(() -> BerthConfig.fromEnv(Map.of("BERTH_KAFKA_PORT", "70000"), REPO))
        .hasMessageContaining("BERTH_KAFKA_PORT must be a port number");
    assertThatThrownBy(() -> BerthConfig.fromEnv(Map.of("BERTH_GATEWAY_PORT", "23790"), REPO))
        .hasMessageContaining("port 23790 is given to more than one component");
  }

  @Test
  void roundTripsThroughProperties() {
    BerthConfig config =
        BerthConfig.fromEnv(
            Map.of(
                "BERTH_DATA_DIR", "/tmp/x",
                "BERTH_CONTAINER_SERVICE_PORT", "3000",
                "BERTH_GATEWAY_HOST", "0.0.0.0"),
            REPO);
    assertThat(config.gatewayHost()).isEqualTo("0.0.0.0");
    assertThat(BerthConfig.fromProperties(config.toProperties())).isEqualTo(config);
  }

  @Test
  void theGatewayListensOnLoopbackOrOnEveryAddressOnly() {
    assertThatThrownBy(() -> BerthConfig.fromEnv(Map.of("BERTH_GATEWAY_HOST", "10.0.0.5"), REPO))
        .hasMessage(
            "BERTH_GATEWAY_HOST must be 127.0.0.1 (this host only) or 0.0.0.0 (every address),"
                + " not 10.0.0.5");
    assertThat(BerthConfig.fromEnv(Map.of("BERTH_GATEWAY_HOST", " "), REPO).gatewayHost())
        .isEqualTo("127.0.0.1");
  }

  @Test
  void namesEveryPort() {
    List<Map.Entry<String, Integer>> ports = BerthConfig.fromEnv(Map.of(), REPO).namedPorts();
    assertThat(ports)
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "kafka",
            "kafka controller",
            "gateway",
            "image-service",
            "layer-service",
            "container-service");
  }
}
