package io.berth.gateway.docker.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.HostConfig;
import io.berth.events.query.ContainerDetails;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerInspectJsonTest {

  static final String ID = "0123456789ab" + "c".repeat(52);
  static final String IMAGE_ID = "sha256:" + "1".repeat(64);

  static ContainerDetails details(
      String status,
      ContainerConfig config,
      HostConfig host,
      Instant startedAt,
      Instant finishedAt) {
    return new ContainerDetails(
        ID,
        "web",
        "busybox",
        IMAGE_ID,
        Instant.parse("2024-05-06T07:08:09.120Z"),
        config,
        host,
        status,
        status.equals("running") ? 4242 : 0,
        status.equals("exited") ? 3 : 0,
        null,
        false,
        startedAt,
        finishedAt,
        1,
        List.of(),
        "/var/lib/berth/containers/" + ID + "/rootfs",
        "/var/lib/berth/containers/" + ID + "/log.json");
  }

  private static JsonNode json(ContainerDetails details) {
    ObjectMapper mapper = new ObjectMapper();
    return mapper.valueToTree(ContainerInspectJson.of(details));
  }

  @Test
  void aRunningContainerIsInspectedAsDockerShowsIt() {
    ContainerConfig config =
        new ContainerConfig(
            List.of("-c", "sleep 60"),
            List.of("sh"),
            List.of("PATH=/bin", "A=b"),
            "/work",
            "1000:1000",
            null,
            true,
            true,
            Map.of("team", "core"),
            List.of("80/tcp"),
            "SIGTERM");
    HostConfig host =
        new HostConfig(
            64 * 1024 * 1024,
            1_500_000_000L,
            512,
            100,
            false,
            "on-failure:3",
            "bridge",
            null,
            false);

    JsonNode body =
        json(details("running", config, host, Instant.parse("2024-05-06T07:08:10Z"), null));

    assertThat(body.get("Id").asText()).isEqualTo(ID);
    assertThat(body.get("Created").asText()).isEqualTo("2024-05-06T07:08:09.12Z");
    assertThat(body.get("Path").asText()).isEqualTo("sh");
    assertThat(body.get("Args")).hasSize(2);
    assertThat(body.get("Args").get(1).asText()).isEqualTo("sleep 60");
    JsonNode state = body.get("State");
    assertThat(state.get("Status").asText()).isEqualTo("running");
    assertThat(state.get("Running").asBoolean()).isTrue();
    assertThat(state.get("Paused").asBoolean()).isFalse();
    assertThat(state.get("Pid").asLong()).isEqualTo(4242);
    assertThat(state.get("Error").asText()).isEmpty();
    assertThat(state.get("StartedAt").asText()).isEqualTo("2024-05-06T07:08:10Z");
    assertThat(state.get("FinishedAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(body.get("Image").asText()).isEqualTo(IMAGE_ID);
    assertThat(body.get("Name").asText()).isEqualTo("/web");
    assertThat(body.get("RestartCount").asInt()).isEqualTo(1);
    assertThat(body.get("Driver").asText()).isEqualTo("overlay2");
    assertThat(body.get("Platform").asText()).isEqualTo("linux");
    assertThat(body.get("ExecIDs").isNull()).isTrue();
    assertThat(body.get("Mounts")).isEmpty();
    assertThat(body.get("LogPath").asText()).endsWith("log.json");
    assertThat(body.at("/GraphDriver/Name").asText()).isEqualTo("overlay2");
    assertThat(body.at("/GraphDriver/Data/MergedDir").asText()).endsWith("/rootfs");

    JsonNode hostConfig = body.get("HostConfig");
    assertThat(hostConfig.get("Memory").asLong()).isEqualTo(64 * 1024 * 1024);
    assertThat(hostConfig.get("NanoCpus").asLong()).isEqualTo(1_500_000_000L);
    assertThat(hostConfig.get("CpuShares").asLong()).isEqualTo(512);
    assertThat(hostConfig.get("PidsLimit").asLong()).isEqualTo(100);
    assertThat(hostConfig.at("/RestartPolicy/Name").asText()).isEqualTo("on-failure");
    assertThat(hostConfig.at("/RestartPolicy/MaximumRetryCount").asInt()).isEqualTo(3);
    assertThat(hostConfig.get("NetworkMode").asText()).isEqualTo("bridge");
    assertThat(hostConfig.get("AutoRemove").asBoolean()).isFalse();
    assertThat(hostConfig.get("Privileged").asBoolean()).isFalse();

    JsonNode cfg = body.get("Config");
    assertThat(cfg.get("Hostname").asText()).isEqualTo("0123456789ab");
    assertThat(cfg.get("User").asText()).isEqualTo("1000:1000");
    assertThat(cfg.get("Tty").asBoolean()).isTrue();
    assertThat(cfg.get("OpenStdin").asBoolean()).isTrue();
    assertThat(cfg.get("Env")).hasSize(2);
    assertThat(cfg.get("Cmd").get(0).asText()).isEqualTo("-c");
    assertThat(cfg.get("Entrypoint").get(0).asText()).isEqualTo("sh");
    assertThat(cfg.get("Image").asText()).isEqualTo("busybox");
    assertThat(cfg.get("WorkingDir").asText()).isEqualTo("/work");
    assertThat(cfg.get("Labels").get("team").asText()).isEqualTo("core");
    assertThat(cfg.get("StopSignal").asText()).isEqualTo("SIGTERM");
    assertThat(cfg.get("ExposedPorts").get("80/tcp").isObject()).isTrue();

    assertThat(body.at("/NetworkSettings/Networks").has("bridge")).isTrue();
  }

  @Test
  void anExitedContainerShowsItsExitAndTimesAndOmitsWhatGoOmitsWhenEmpty() {
    JsonNode body =
        json(
            details(
                "exited",
                ContainerConfig.ofCmd(List.of("true")),
                HostConfig.defaults(),
                Instant.parse("2024-05-06T07:08:10Z"),
                Instant.parse("2024-05-06T07:08:11.5Z")));

    JsonNode state = body.get("State");
    assertThat(state.get("Running").asBoolean()).isFalse();
    assertThat(state.get("Pid").asLong()).isZero();
    assertThat(state.get("ExitCode").asInt()).isEqualTo(3);
    assertThat(state.get("FinishedAt").asText()).isEqualTo("2024-05-06T07:08:11.5Z");
    assertThat(body.get("Path").asText()).isEqualTo("true");
    assertThat(body.get("Args")).isEmpty();
    JsonNode cfg = body.get("Config");
    assertThat(cfg.has("ExposedPorts")).isFalse();
    assertThat(cfg.has("StopSignal")).isFalse();
    assertThat(cfg.get("Entrypoint").isNull()).isTrue();
    assertThat(body.at("/HostConfig/RestartPolicy/Name").asText()).isEqualTo("no");
    assertThat(body.at("/HostConfig/RestartPolicy/MaximumRetryCount").asInt()).isZero();
    assertThat(body.at("/HostConfig/PidsLimit").isNull()).isTrue();
  }

  @Test
  void aPausedContainerIsRunningAndPaused() {
    JsonNode state =
        json(details("paused", null, null, Instant.parse("2024-05-06T07:08:10Z"), null))
            .get("State");

    assertThat(state.get("Running").asBoolean()).isTrue();
    assertThat(state.get("Paused").asBoolean()).isTrue();
  }

  @Test
  void theNetworkIsTheOneTheModeNames() {
    HostConfig host = new HostConfig(0, 0, 0, 0, true, "no", "none", null, true);

    JsonNode body = json(details("created", null, host, null, null));

    assertThat(body.at("/NetworkSettings/Networks").has("none")).isTrue();
    assertThat(body.at("/HostConfig/AutoRemove").asBoolean()).isTrue();
    assertThat(body.at("/HostConfig/Privileged").asBoolean()).isTrue();
    assertThat(body.at("/State/StartedAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
  }
}
