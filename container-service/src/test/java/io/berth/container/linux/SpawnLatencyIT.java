package io.berth.container.linux;

import static io.berth.container.linux.KernelTests.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures start latency and prints it; it asserts only that every start worked, because timings on
 * a shared two-core machine are reports, not contracts.
 */
class SpawnLatencyIT {

  private static final int RUNS = 30;

  @BeforeAll
  static void kernel() {
    KernelTests.assumeRootOnLinux();
  }

  @Test
  void reportsHowLongAStartTakesPhaseByPhase() throws Exception {
    StringBuilder report = new StringBuilder("\n== NamespacedSpawner start latency, ms ==\n");
    try (NamespacedSpawner spawner = new NamespacedSpawner()) {
      Measured cold = measure(spawner, EnumSet.allOf(Namespace.class));
      report.append("first spawn after the spawner started (cold):\n").append(cold.row());
      report.append(table("all six namespaces", spawner, EnumSet.allOf(Namespace.class)));
      Set<Namespace> allButNet = EnumSet.complementOf(EnumSet.of(Namespace.NET));
      report.append(table("all but the network namespace", spawner, allButNet));
      report.append(table("no new namespaces", spawner, EnumSet.noneOf(Namespace.class)));
    }
    report.append(processBuilderBaseline());
    System.out.println(report);
  }

  private static String table(String title, NamespacedSpawner spawner, Set<Namespace> namespaces)
      throws Exception {
    List<Measured> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      runs.add(measure(spawner, namespaces));
    }
    Map<String, Function<Measured, Duration>> columns = new LinkedHashMap<>();
    columns.put("handoff", m -> m.timings().handoff());
    columns.put("prepare", m -> m.timings().prepare());
    columns.put("isolate", m -> m.timings().isolate());
    columns.put("spawn", m -> m.timings().spawn());
    columns.put("restore", m -> m.timings().restore());
    columns.put("call->running", m -> m.timings().untilRunning());
    columns.put("call->reaped", Measured::untilReaped);
    StringBuilder out = new StringBuilder();
    out.append(String.format("%s, %d runs of busybox true:%n", title, RUNS));
    out.append(String.format("  %-14s %7s %7s %7s %7s%n", "phase", "min", "median", "p90", "max"));
    columns.forEach(
        (name, column) -> {
          List<Duration> sorted = runs.stream().map(column).sorted().toList();
          out.append(
              String.format(
                  "  %-14s %7.3f %7.3f %7.3f %7.3f%n",
                  name,
                  ms(sorted.get(0)),
                  ms(sorted.get(sorted.size() / 2)),
                  ms(sorted.get(sorted.size() * 9 / 10)),
                  ms(sorted.get(sorted.size() - 1))));
        });
    return out.toString();
  }

  private static Measured measure(NamespacedSpawner spawner, Set<Namespace> namespaces)
      throws Exception {
    long called = System.nanoTime();
    SpawnSpec spec = SpawnSpec.of(BUSYBOX, "true").withNamespaces(namespaces);
    try (NamespacedProcess process = spawner.spawn(spec)) {
      assertThat(process.waitFor(Duration.ofSeconds(10))).isEqualTo(ExitStatus.exited(0));
      return new Measured(process.timings(), Duration.ofNanos(System.nanoTime() - called));
    }
  }

  /** The JDK's own path (no namespaces) for comparison: start() returned, then exit seen. */
  private static String processBuilderBaseline() throws Exception {
    List<Duration> started = new ArrayList<>();
    List<Duration> exited = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      long called = System.nanoTime();
      Process process = new ProcessBuilder(BUSYBOX, "true").start();
      started.add(Duration.ofNanos(System.nanoTime() - called));
      assertThat(process.waitFor()).isZero();
      exited.add(Duration.ofNanos(System.nanoTime() - called));
    }
    started.sort(null);
    exited.sort(null);
    return String.format(
        "baseline ProcessBuilder, no namespaces, median: start() %.3f, exit seen %.3f%n",
        ms(started.get(RUNS / 2)), ms(exited.get(RUNS / 2)));
  }

  private static double ms(Duration duration) {
    return duration.toNanos() / 1e6;
  }

  private record Measured(StartTimings timings, Duration untilReaped) {
    String row() {
      return String.format(
          "  handoff %.3f, prepare %.3f, isolate %.3f, spawn %.3f, restore %.3f;"
              + " call->running %.3f, call->reaped %.3f%n",
          ms(timings.handoff()),
          ms(timings.prepare()),
          ms(timings.isolate()),
          ms(timings.spawn()),
          ms(timings.restore()),
          ms(timings.untilRunning()),
          ms(untilReaped));
    }
  }
}
