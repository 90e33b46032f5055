package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Platform with stand-in services and no broker (the stand-ins never talk to Kafka). */
class PlatformTest {

  @TempDir Path dataDir;

  private Platform.Builder builder() {
    Platform.Builder builder =
        Platform.builder(dataDir, dataDir)
            .freePorts()
            .externalKafka("127.0.0.1:9")
            .startupTimeout(Duration.ofSeconds(60))
            .stopTimeout(Duration.ofSeconds(5));
    for (BerthService service : BerthService.values()) {
      builder.command(service, StandInService.command());
    }
    return builder;
  }

  @Test
  void startsEveryServiceWithTheConventionalEnvironmentAndStopsThem() throws Exception {
    List<String> events = new ArrayList<>();
    Platform.Listener listener =
        new Platform.Listener() {
          @Override
          public synchronized void started(BerthService service, ServiceProcess process) {
            events.add("started " + service.serviceName());
          }

          @Override
          public synchronized void stopped(BerthService service, ServiceProcess process) {
            events.add("stopped " + service.serviceName());
          }
        };
    List<ServiceProcess> processes = new ArrayList<>();
    try (Platform platform =
        builder()
            .env(BerthService.LAYER_SERVICE, "FAULT", "layer-only")
            .listener(listener)
            .start()) {
      for (BerthService service : BerthService.values()) {
        ServiceProcess p = platform.service(service);
        processes.add(p);
        assertThat(p.isHealthy()).isTrue();
        assertThat(p.port()).isEqualTo(platform.port(service));
        assertThat(p.logFile())
            .isEqualTo(dataDir.resolve("logs/" + service.serviceName() + ".log"));
        assertThat(Files.isDirectory(dataDir.resolve(service.serviceName()))).isTrue();
        assertThat(p.lastLogLines(10))
            .contains("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9", "BERTH_DATA_DIR=" + dataDir);
      }
      assertThat(platform.service(BerthService.LAYER_SERVICE).lastLogLines(10))
          .contains("FAULT=layer-only");
      assertThat(platform.service(BerthService.GATEWAY).lastLogLines(10)).contains("FAULT=null");
      assertThat(platform.dockerHost())
          .isEqualTo("tcp://127.0.0.1:" + platform.port(BerthService.GATEWAY));
      assertThat(platform.spec(BerthService.GATEWAY).environment())
          .containsEntry("MICRONAUT_SERVER_HOST", "127.0.0.1")
          .containsEntry(
              "BERTH_LAYER_SERVICE_URL",
              "http://127.0.0.1:" + platform.port(BerthService.LAYER_SERVICE));
    }
    assertThat(processes).noneMatch(ServiceProcess::isAlive);
    assertThat(events).filteredOn(e -> e.startsWith("stopped")).hasSize(4);
  }

  @Test
  void killsAndRestartsOneServiceWhileTheOthersKeepRunning() {
    try (Platform platform = builder().start()) {
      ServiceProcess image = platform.service(BerthService.IMAGE_SERVICE);
      ServiceProcess gateway = platform.service(BerthService.GATEWAY);

      assertThat(platform.kill(BerthService.IMAGE_SERVICE)).isEqualTo(137);
      assertThat(image.isAlive()).isFalse();
      assertThat(gateway.isAlive()).isTrue();

      ServiceProcess again =
          platform.start(BerthService.IMAGE_SERVICE, Map.of("FAULT", "second-start"));
      assertThat(again.pid()).isNotEqualTo(image.pid());
      assertThat(again.isHealthy()).isTrue();
      assertThat(again.lastLogLines(10)).contains("FAULT=second-start");

      ServiceProcess restarted = platform.restart(BerthService.GATEWAY);
      assertThat(gateway.isAlive()).isFalse();
      assertThat(restarted.pid()).isNotEqualTo(gateway.pid());
      assertThat(restarted.isHealthy()).isTrue();
      assertThat(platform.service(BerthService.IMAGE_SERVICE)).isSameAs(again);
      assertThat(again.isAlive()).isTrue();
    }
  }

  @Test
  void aServiceThatFailsToStartIsNamedAndEverythingIsStopped() {
    Platform.Builder builder =
        builder().env(BerthService.CONTAINER_SERVICE, "STANDIN_MODE", "exit");
    List<ServiceProcess> started = new ArrayList<>();
    builder.listener(
        new Platform.Listener() {
          @Override
          public synchronized void started(BerthService service, ServiceProcess process) {
            started.add(process);
          }
        });
    assertThatThrownBy(builder::start)
        .isInstanceOfSatisfying(
            ServiceFailedException.class,
            e -> {
              assertThat(e.service()).isEqualTo("container-service");
              assertThat(e.lastLogLines()).contains("failing on purpose");
            });
    assertThat(started).hasSize(4).noneMatch(ServiceProcess::isAlive);
  }

  @Test
  void aMissingBuildIsReportedClearly() {
    Platform.Builder builder =
        Platform.builder(dataDir.resolve("no-repo"), dataDir)
            .freePorts()
            .externalKafka("127.0.0.1:9")
            .services(BerthService.GATEWAY);
    assertThatThrownBy(builder::start)
        .isInstanceOf(ServiceFailedException.class)
        .hasMessageContaining("gateway is not built")
        .hasMessageContaining("gateway/target/classes");
  }

  @Test
  void findsTheRepositoryRootFromAModuleDirectory() {
    Path root = Platform.findRepoRoot();
    assertThat(root.resolve("launcher/pom.xml")).exists();
    assertThat(root.resolve("pom.xml")).exists();
  }
}
