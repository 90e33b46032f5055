package io.berth.container.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * One frame of {@code GET /containers/{id}/stats}, in the shape of moby's {@code types.StatsJSON}
 * (<a
 * href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerStats">Engine
 * API: stats</a>), fields in Docker's order and its {@code omitempty} fields left out when zero.
 * {@code networks} is left out: Berth's containers have no network interfaces of their own yet, as
 * with {@code --network none}.
 *
 * <p>The {@code docker stats} CLI shows {@code (cpu delta / system delta) * online_cpus * 100}
 * percent, the deltas taken between {@code cpu_stats} and {@code precpu_stats}, and {@code usage}
 * minus {@code total_inactive_file} (v1) or {@code inactive_file} (v2) as memory.
 */
public final class StatsJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String[] BLKIO =
      new String[] {
        "io_service_bytes_recursive",
        "io_serviced_recursive",
        "io_queue_recursive",
        "io_service_time_recursive",
        "io_wait_time_recursive",
        "io_merged_recursive",
        "io_time_recursive",
        "sectors_recursive"
      };

  private StatsJson() {}

  /**
   * The JSON text of one frame.
   *
   * @param id the container's full id
   * @param name its name, with or without the leading {@code /}
   * @param current the sample just taken
   * @param previous the sample before it, or null for the first frame (then {@code preread} is Go's
   *     zero time and {@code precpu_stats} is zero, as Docker sends)
   * @return the frame, one line of JSON
   */
  public static String toJson(String id, String name, StatsSample current, StatsSample previous) {
    try {
      return JSON.writeValueAsString(toTree(id, name, current, previous));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write stats as JSON", e);
    }
  }

  /**
   * The same frame as a Jackson tree, for a caller that streams it itself.
   *
   * @param id the container's full id
   * @param name its name, with or without the leading {@code /}
   * @param current the sample just taken
   * @param previous the sample before it, or null for the first frame
   * @return the frame
   */
  public static ObjectNode toTree(
      String id, String name, StatsSample current, StatsSample previous) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(current, "current");
    ObjectNode frame = JSON.createObjectNode();
    frame.put("read", rfc3339Nano(current.read()));
    frame.put("preread", previous == null ? ZERO_TIME : rfc3339Nano(previous.read()));
    frame.set("pids_stats", pids(current));
    ObjectNode blkio = frame.putObject("blkio_stats");
    for (String field : BLKIO) {
      blkio.putNull(field);
    }
    frame.put("num_procs", 0);
    frame.putObject("storage_stats");
    frame.set("cpu_stats", cpu(current));
    frame.set("precpu_stats", previous == null ? cpu(null) : cpu(previous));
    frame.set("memory_stats", memory(current));
    frame.put("name", name.startsWith("/") ? name : "/" + name);
    frame.put("id", id);
    return frame;
  }

  private static ObjectNode pids(StatsSample sample) {
    ObjectNode pids = JSON.createObjectNode();
    if (sample.pidsCurrent() > 0) {
      pids.put("current", sample.pidsCurrent());
    }
    sample.pidsLimit().ifPresent(limit -> pids.put("limit", limit));
    return pids;
  }

  /** {@code cpu_stats}; all zero for a missing sample, as Docker's first {@code precpu_stats}. */
  private static ObjectNode cpu(StatsSample sample) {
    ObjectNode cpu = JSON.createObjectNode();
    ObjectNode usage = cpu.putObject("cpu_usage");
    usage.put("total_usage", sample == null ? 0 : sample.cpuUsageNanos());
    usage.put("usage_in_kernelmode", sample == null ? 0 : sample.cpuKernelNanos());
    usage.put("usage_in_usermode", sample == null ? 0 : sample.cpuUserNanos());
    if (sample != null) {
      cpu.put("system_cpu_usage", sample.systemCpuNanos());
      cpu.put("online_cpus", sample.onlineCpus());
    }
    ObjectNode throttling = cpu.putObject("throttling_data");
    throttling.put("periods", 0);
    throttling.put("throttled_periods", 0);
    throttling.put("throttled_time", 0);
    return cpu;
  }

  private static ObjectNode memory(StatsSample sample) {
    ObjectNode memory = JSON.createObjectNode();
    memory.put("usage", sample.memoryUsageBytes());
    ObjectNode stats = memory.putObject("stats");
    for (Map.Entry<String, Long> stat : sample.memoryStats().entrySet()) {
      stats.put(stat.getKey(), stat.getValue());
    }
    memory.put("limit", sample.memoryLimitBytes());
    return memory;
  }

  /** Go's {@code time.RFC3339Nano} in UTC: the fraction without trailing zeros. */
  static String rfc3339Nano(Instant time) {
    StringBuilder text = new StringBuilder(SECONDS.format(time));
    if (time.getNano() != 0) {
      text.append('.').append(String.format("%09d", time.getNano()).replaceAll("0+$", ""));
    }
    return text.append('Z').toString();
  }
}
