package io.berth.gateway.docker.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.query.ContainerSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerListJsonTest {

  static final Instant NOW = Instant.parse("2024-05-06T12:00:00Z");

  static ContainerSummary container(
      String state, Integer exitCode, Instant startedAt, Instant finishedAt) {
    return new ContainerSummary(
        "a".repeat(64),
        "web",
        "busybox",
        "sha256:" + "1".repeat(64),
        "sh -c 'sleep 60'",
        Instant.parse("2024-05-06T11:00:00Z"),
        state,
        Map.of("team", "core"),
        exitCode,
        startedAt,
        finishedAt);
  }

  @Test
  void aRunningContainerIsUpSinceItStarted() {
    assertThat(ContainerListJson.status(container("running", null, NOW.minusSeconds(3), null), NOW))
        .isEqualTo("Up 3 seconds");
  }

  @Test
  void aPausedContainerIsUpAndPaused() {
    assertThat(ContainerListJson.status(container("paused", null, NOW.minusSeconds(90), null), NOW))
        .isEqualTo("Up About a minute (Paused)");
  }

  @Test
  void anExitedContainerShowsItsCodeAndWhenItExited() {
    assertThat(
            ContainerListJson.status(
                container("exited", 137, NOW.minusSeconds(60), NOW.minusSeconds(2)), NOW))
        .isEqualTo("Exited (137) 2 seconds ago");
  }

  @Test
  void aCreatedContainerIsCreated() {
    assertThat(ContainerListJson.status(container("created", null, null, null), NOW))
        .isEqualTo("Created");
  }

  @Test
  void aRestartingContainerShowsItsLastExit() {
    assertThat(
            ContainerListJson.status(
                container("restarting", 1, NOW.minusSeconds(10), NOW.minusSeconds(1)), NOW))
        .isEqualTo("Restarting (1) 1 second ago");
  }

  @Test
  void removingAndDeadAreWordedAsDocker() {
    assertThat(ContainerListJson.status(container("removing", 0, NOW, NOW), NOW))
        .isEqualTo("Removal In Progress");
    assertThat(ContainerListJson.status(container("dead", 0, NOW, NOW), NOW)).isEqualTo("Dead");
  }

  @ParameterizedTest(name = "{0} s -> {1}")
  @CsvSource({
    "0, Less than a second",
    "1, 1 second",
    "59, 59 seconds",
    "60, About a minute",
    "119, About a minute",
    "120, 2 minutes",
    "3599, 59 minutes",
    "3600, About an hour",
    "5399, About an hour",
    "5400, 2 hours",
    "172800, 2 days",
    "1209600, 2 weeks",
    "5184000, 2 months",
    "63072000, 2 years",
  })
  void durationsAreWordedAsGoUnitsWordsThem(long seconds, String words) {
    assertThat(HumanDuration.of(Duration.ofSeconds(seconds))).isEqualTo(words);
  }

  @Test
  void anEntryHasDockersKeysAndSizesOnlyWhenAsked() {
    ContainerSummary c = container("running", null, NOW.minusSeconds(5), null);

    Map<String, Object> plain = ContainerListJson.entry(c, false, NOW);
    Map<String, Object> sized = ContainerListJson.entry(c, true, NOW);

    assertThat(plain)
        .containsEntry("Names", List.of("/web"))
        .containsEntry("Created", Instant.parse("2024-05-06T11:00:00Z").getEpochSecond())
        .containsEntry("State", "running")
        .containsEntry("Status", "Up 5 seconds")
        .containsEntry("Command", "sh -c 'sleep 60'")
        .containsKeys("Id", "Image", "ImageID", "Ports", "Labels", "HostConfig", "Mounts")
        .doesNotContainKeys("SizeRw", "SizeRootFs");
    assertThat(sized).containsKeys("SizeRw", "SizeRootFs");
  }
}
