package io.berth.container.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.container.cgroup.CgroupStats;
import io.berth.container.cgroup.CgroupVersion;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatsJsonTest {

  private static final long MIB = 1024 * 1024;
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00.250Z");
  private static final Instant T1 = Instant.parse("2024-05-01T10:00:01.25Z");
  private static final HostStats HOST_T0 = new HostStats(4_000_000_000_000L, 4, 8192 * MIB);
  // one second later on 4 CPUs: 4 s more of host CPU time
  private static final HostStats HOST_T1 = new HostStats(4_004_000_000_000L, 4, 8192 * MIB);

  @Test
  void theFirstFrameHasZeroPrereadAndPrecpuStats() {
    StatsSample sample =
        StatsSample.from(
            new CgroupStats(100 * MIB, OptionalLong.of(512 * MIB), 2_000_000_000L, 3, 40 * MIB),
            CgroupVersion.V2,
            HOST_T0,
            OptionalLong.of(100),
            T0);

    String json = StatsJson.toJson("abc123", "web", sample, null);

    assertThat(json)
        .isEqualTo(
            "{\"read\":\"2024-05-01T10:00:00.25Z\",\"preread\":\"0001-01-01T00:00:00Z\","
                + "\"pids_stats\":{\"current\":3,\"limit\":100},"
                + "\"blkio_stats\":{\"io_service_bytes_recursive\":null,"
                + "\"io_serviced_recursive\":null,\"io_queue_recursive\":null,"
                + "\"io_service_time_recursive\":null,\"io_wait_time_recursive\":null,"
                + "\"io_merged_recursive\":null,\"io_time_recursive\":null,"
                + "\"sectors_recursive\":null},"
                + "\"num_procs\":0,\"storage_stats\":{},"
                + "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":2000000000,"
                + "\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"system_cpu_usage\":4000000000000,\"online_cpus\":4,"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}},"
                + "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":0,"
                + "\"usage_in_kernelmode\":0,\"usage_in_usermode\":0},"
                + "\"throttling_data\":{\"periods\":0,\"throttled_periods\":0,\"throttled_time\":0}},"
                + "\"memory_stats\":{\"usage\":104857600,"
                + "\"stats\":{\"inactive_file\":41943040},\"limit\":536870912},"
                + "\"name\":\"/web\",\"id\":\"abc123\"}");
  }

  @Test
  void theDockerClisMathGivesHalfACpuAndUsageWithoutInactiveFile() throws Exception {
    // Half a CPU busy for one second: 0.5 s of cgroup CPU time while the host ran 4 CPU-seconds.
    StatsSample before = v1Sample(10_000_000_000L, HOST_T0, T0);
    StatsSample after = v1Sample(10_500_000_000L, HOST_T1, T1);

    JsonNode frame = new ObjectMapper().readTree(StatsJson.toJson("abc", "/web", after, before));

    assertThat(frame.get("preread").asText()).isEqualTo("2024-05-01T10:00:00.25Z");
    assertThat(DockerCli.cpuPercent(frame)).isCloseTo(50.0, within(0.001));
    assertThat(DockerCli.memoryUsage(frame)).isEqualTo(60 * MIB);
    assertThat(frame.at("/memory_stats/limit").asLong()).isEqualTo(8192 * MIB);
    assertThat(frame.at("/pids_stats").has("limit")).isFalse();
    assertThat(frame.has("networks")).isFalse();
  }

  @Test
  void aLimitAboveTheHostsMemoryIsShownAsTheHostsMemory() {
    StatsSample sample =
        StatsSample.from(
            new CgroupStats(MIB, OptionalLong.of(Long.MAX_VALUE / 2), 0, 1, 0),
            CgroupVersion.V1,
            HOST_T0,
            OptionalLong.empty(),
            T0);

    assertThat(sample.memoryLimitBytes()).isEqualTo(8192 * MIB);
    assertThat(sample.memoryStats()).isEqualTo(Map.of("total_inactive_file", 0L));
  }

  @Test
  void aNameGetsItsLeadingSlashOnce() {
    StatsSample sample = v1Sample(0, HOST_T0, T0);

    assertThat(StatsJson.toTree("abc", "web", sample, null).get("name").asText()).isEqualTo("/web");
    assertThat(StatsJson.toTree("abc", "/web", sample, null).get("name").asText())
        .isEqualTo("/web");
  }

  private static StatsSample v1Sample(long cpuNanos, HostStats host, Instant read) {
    return StatsSample.from(
        new CgroupStats(100 * MIB, OptionalLong.empty(), cpuNanos, 2, 40 * MIB),
        CgroupVersion.V1,
        host,
        OptionalLong.empty(),
        read);
  }

  /** The docker CLI's arithmetic (cli/command/container/stats_helpers.go), as an oracle. */
  static final class DockerCli {

    static double cpuPercent(JsonNode frame) {
      double cpuDelta =
          frame.at("/cpu_stats/cpu_usage/total_usage").asDouble()
              - frame.at("/precpu_stats/cpu_usage/total_usage").asDouble();
      double systemDelta =
          frame.at("/cpu_stats/system_cpu_usage").asDouble()
              - frame.at("/precpu_stats/system_cpu_usage").asDouble();
      double cpus = frame.at("/cpu_stats/online_cpus").asDouble();
      return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * cpus * 100 : 0;
    }

    static long memoryUsage(JsonNode frame) {
      long usage = frame.at("/memory_stats/usage").asLong();
      JsonNode stats = frame.at("/memory_stats/stats");
      if (stats.has("total_inactive_file") && stats.get("total_inactive_file").asLong() < usage) {
        return usage - stats.get("total_inactive_file").asLong();
      }
      long inactive = stats.path("inactive_file").asLong(0);
      return inactive < usage ? usage - inactive : usage;
    }
  }
}
