package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

  @TempDir Path dir;

  private ServiceProcess.Spec spec(String mode, Duration stopTimeout) {
    return new ServiceProcess.Spec(
        "stand-in",
        StandInService.command(),
        Map.of("STANDIN_MODE", mode, "MICRONAUT_SERVER_PORT", String.valueOf(port), "FAULT", "on"),
        dir.resolve("work"),
        dir.resolve("logs").resolve("stand-in.log"),
        port,
        "/health",
        stopTimeout);
  }

  private final int port = Ports.freePort();

  @Test
  void startsAwaitsHealthAndStopsWithSigterm() {
    try (ServiceProcess p = ServiceProcess.start(spec("ok", Duration.ofSeconds(10)))) {
      p.awaitHealthy(Duration.ofSeconds(30));
      assertThat(p.isAlive()).isTrue();
      assertThat(p.isHealthy()).isTrue();
      assertThat(p.pid()).isPositive();
      assertThat(p.lastLogLines(10)).contains("FAULT=on", "stand-in listening on " + port);
      int code = p.stop();
      assertThat(p.isAlive()).isFalse();
      assertThat(code).isEqualTo(143); // 128 + SIGTERM: the JVM ran its shutdown hooks
      assertThat(p.lastLogLines(1)).containsExactly("stand-in got SIGTERM");
    }
  }

  @Test
  void stopFallsBackToSigkillAfterTheTimeout() {
    ServiceProcess p = ServiceProcess.start(spec("stubborn", Duration.ofMillis(500)));
    p.awaitHealthy(Duration.ofSeconds(30));
    assertThat(p.stop()).isEqualTo(137); // 128 + SIGKILL
    assertThat(p.isAlive()).isFalse();
  }

  @Test
  void killSendsSigkillAtOnce() {
    ServiceProcess p = ServiceProcess.start(spec("stubborn", Duration.ofSeconds(30)));
    p.awaitHealthy(Duration.ofSeconds(30));
    assertThat(p.kill()).isEqualTo(137);
    assertThat(p.exitCode()).hasValue(137);
  }

  @Test
  void aProcessThatExitsEarlyFailsWithItsLastLogLines() {
    ServiceProcess p = ServiceProcess.start(spec("exit", Duration.ofSeconds(5)));
    assertThatThrownBy(() -> p.awaitHealthy(Duration.ofSeconds(30)))
        .isInstanceOfSatisfying(
            ServiceFailedException.class,
            e -> {
              assertThat(e.service()).isEqualTo("stand-in");
              assertThat(e.reason()).contains("exited with code 3");
              assertThat(e.lastLogLines()).contains("failing on purpose");
              assertThat(e.getMessage()).contains("failing on purpose");
            });
  }

  @Test
  void anUnhealthyProcessTimesOut() {
    try (ServiceProcess p = ServiceProcess.start(spec("unhealthy", Duration.ofSeconds(5)))) {
      assertThatThrownBy(() -> p.awaitHealthy(Duration.ofSeconds(2)))
          .isInstanceOf(ServiceFailedException.class)
          .hasMessageContaining("not healthy after 2 s");
      assertThat(p.isAlive()).isTrue();
    }
  }

  @Test
  void logLinesOfAnEarlierRunAreNotReportedAsThisOnes() {
    ServiceProcess first = ServiceProcess.start(spec("exit", Duration.ofSeconds(5)));
    assertThat(first.waitForExit(Duration.ofSeconds(30))).hasValue(3);
    try (ServiceProcess second = ServiceProcess.start(spec("ok", Duration.ofSeconds(5)))) {
      second.awaitHealthy(Duration.ofSeconds(30));
      assertThat(second.lastLogLines(100)).doesNotContain("failing on purpose");
      assertThat(LogFiles.lastLines(second.logFile(), 1000)).contains("failing on purpose");
    }
  }
}
