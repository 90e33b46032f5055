package io.berth.gateway.docker.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.HostConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerCreateJsonTest {

  private static JsonNode body(String json) throws Exception {
    return EventCodec.mapper().readTree(json);
  }

  @Test
  void whatDockerRunSendsIsReadIntoTheRecords() throws Exception {
    JsonNode body =
        body(
            """
            {"Hostname":"box","Domainname":"","User":"nobody","AttachStdin":false,
             "AttachStdout":true,"AttachStderr":true,"ExposedPorts":{"80/tcp":{}},"Tty":true,
             "OpenStdin":true,"StdinOnce":false,"Env":["A=b"],"Cmd":["-c","echo hi"],
             "Image":"busybox","Volumes":null,"WorkingDir":"/tmp","Entrypoint":["sh"],
             "Labels":{"team":"core"},"StopSignal":"SIGINT","StopTimeout":3,
             "HostConfig":{"Binds":null,"NetworkMode":"none","RestartPolicy":
               {"Name":"on-failure","MaximumRetryCount":5},"AutoRemove":false,"Privileged":true,
               "Memory":67108864,"MemorySwap":134217728,"CpuShares":512,"NanoCpus":500000000,
               "PidsLimit":64}}
            """);

    ContainerConfig config = ContainerCreateJson.config(body);
    HostConfig host = ContainerCreateJson.hostConfig(body);

    assertThat(ContainerCreateJson.image(body)).isEqualTo("busybox");
    assertThat(config)
        .isEqualTo(
            new ContainerConfig(
                List.of("-c", "echo hi"),
                List.of("sh"),
                List.of("A=b"),
                "/tmp",
                "nobody",
                "box",
                true,
                true,
                Map.of("team", "core"),
                List.of("80/tcp"),
                "SIGINT"));
    assertThat(host)
        .isEqualTo(
            new HostConfig(
                67108864, 500_000_000, 512, 64, false, "on-failure:5", "none", null, true));
  }

  @Test
  void anEmptyHostConfigHasDockersDefaults() throws Exception {
    assertThat(ContainerCreateJson.hostConfig(body("{\"Image\":\"busybox\"}")))
        .isEqualTo(HostConfig.defaults());
  }

  @Test
  void aCpuQuotaBecomesTheCpusItGrants() throws Exception {
    HostConfig host =
        ContainerCreateJson.hostConfig(
            body("{\"HostConfig\":{\"CpuQuota\":50000,\"CpuPeriod\":100000}}"));

    assertThat(host.nanoCpus()).isEqualTo(500_000_000L);
  }

  @Test
  void aNegativePidsLimitMeansUnlimited() throws Exception {
    assertThat(ContainerCreateJson.hostConfig(body("{\"HostConfig\":{\"PidsLimit\":-1}}")))
        .extracting(HostConfig::pidsLimit)
        .isEqualTo(0L);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"Name\":\"always\"}|always",
        "{\"Name\":\"unless-stopped\"}|unless-stopped",
        "{\"Name\":\"no\"}|no",
        "{\"Name\":\"\"}|no",
        "{\"Name\":\"on-failure\"}|on-failure",
        "{\"Name\":\"on-failure\",\"MaximumRetryCount\":2}|on-failure:2",
      })
  void restartPoliciesAreReadAsTheRecordSpellsThem(String policy, String expected)
      throws Exception {
    assertThat(ContainerCreateJson.restartPolicy(body(policy))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"RestartPolicy\":{\"Name\":\"sometimes\"}}|invalid restart policy: unknown policy"
            + " 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'",
        "{\"RestartPolicy\":{\"Name\":\"always\",\"MaximumRetryCount\":3}}|invalid restart policy:"
            + " maximum retry count can only be used with 'on-failure'",
        "{\"RestartPolicy\":{\"Name\":\"on-failure\",\"MaximumRetryCount\":-1}}|invalid restart"
            + " policy: maximum retry count cannot be negative",
        "{\"AutoRemove\":true,\"RestartPolicy\":{\"Name\":\"always\"}}|conflicting options: cannot"
            + " specify both --restart and --rm",
        "{\"Memory\":1024}|Minimum memory limit allowed is 6MB",
        "{\"Memory\":67108864,\"MemorySwap\":1048576}|Minimum memoryswap limit should be larger"
            + " than memory limit, see usage",
        "{\"MemorySwap\":67108864}|You should always set the Memory limit when using Memoryswap"
            + " limit, see usage",
        "{\"NanoCpus\":1000000000,\"CpuQuota\":50000}|Conflicting options: Nano CPUs and CPU Quota"
            + " cannot both be set",
        "{\"NanoCpus\":1000000000,\"CpuPeriod\":50000}|Conflicting options: Nano CPUs and CPU"
            + " Period cannot both be set",
        "{\"CpuPeriod\":10}|CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s"
            + " (i.e. 1000000)",
        "{\"CpuQuota\":10}|CPU cfs quota can not be less than 1ms (i.e. 1000)",
        "{\"CpuShares\":-1}|resource limits must not be negative",
      })
  void whatTheDaemonRefusesIsRefusedInItsWords(String hostConfig, String message) {
    assertThatThrownBy(
            () -> ContainerCreateJson.hostConfig(body("{\"HostConfig\":" + hostConfig + "}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void aCmdGivenAsOneStringIsOneArgument() throws Exception {
    assertThat(ContainerCreateJson.config(body("{\"Cmd\":\"date\"}")).cmd())
        .containsExactly("date");
  }
}
