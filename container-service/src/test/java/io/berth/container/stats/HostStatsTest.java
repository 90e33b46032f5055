package io.berth.container.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostStatsTest {

  @Test
  void systemCpuUsageSumsTheSevenFieldsMobySumsInNanoseconds() {
    String procStat =
        """
        cpu  100 2 30 4000 5 6 7 800 0 0
        cpu0 50 1 15 2000 2 3 3 400 0 0
        cpu1 50 1 15 2000 3 3 4 400 0 0
        intr 12345
        btime 1700000000
        """;
    String meminfo = "MemTotal:       16384 kB\nMemFree:         1024 kB\n";

    HostStats host = HostStats.parse(procStat, meminfo);

    // user+nice+system+idle+iowait+irq+softirq = 4150 ticks of 10 ms; steal is not counted
    assertThat(host.systemCpuNanos()).isEqualTo(4150L * 10_000_000L);
    assertThat(host.onlineCpus()).isEqualTo(2);
    assertThat(host.memTotalBytes()).isEqualTo(16384L * 1024);
  }

  @Test
  void thisHostsProcStatAdvancesAndCountsItsCpus() throws IOException {
    HostStats first = HostStats.read();
    long cpuLines =
        Files.readAllLines(Path.of("/proc/stat")).stream()
            .filter(line -> line.matches("cpu\\d+ .*"))
            .count();

    HostStats second = HostStats.read();

    assertThat(first.onlineCpus()).isEqualTo(cpuLines).isPositive();
    assertThat(first.memTotalBytes()).isGreaterThan(16L * 1024 * 1024);
    assertThat(second.systemCpuNanos()).isGreaterThanOrEqualTo(first.systemCpuNanos());
    assertThat(first.systemCpuNanos() % 10_000_000L).isZero();
  }
}
