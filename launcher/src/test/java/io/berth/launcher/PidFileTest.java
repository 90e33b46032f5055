package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  @TempDir Path dir;

  @Test
  void writesReadsAndDeletes() throws Exception {
    PidFile file = new PidFile(dir.resolve("run/x.pid"));
    assertThat(file.read()).isEmpty();
    file.write(4242);
    assertThat(Files.readString(file.path())).isEqualTo("4242\n");
    assertThat(file.read()).hasValue(4242);
    file.delete();
    assertThat(file.read()).isEmpty();
    file.delete();
  }

  @Test
  void garbageIsNoPid() throws Exception {
    PidFile file = new PidFile(dir.resolve("x.pid"));
    Files.writeString(file.path(), "not a pid");
    assertThat(file.read()).isEmpty();
    assertThat(file.live("gateway")).isEmpty();
  }

  @Test
  void aPidIsOnlyTrustedForALiveProcessWithTheMarker() throws Exception {
    PidFile file = new PidFile(dir.resolve("x.pid"));
    // This JVM is alive but carries no marker (a reused pid looks like this).
    file.write(ProcessHandle.current().pid());
    assertThat(file.live("gateway")).isEmpty();

    int port = Ports.freePort();
    List<String> command = new ArrayList<>(StandInService.command());
    command.add(1, Procs.MARKER + "gateway");
    try (ServiceProcess p =
        ServiceProcess.start(
            new ServiceProcess.Spec(
                "gateway",
                command,
                Map.of(
                    "MICRONAUT_SERVER_PORT",
                    String.valueOf(port),
                    "BERTH_DATA_DIR",
                    dir.toString()),
                dir,
                dir.resolve("gateway.log"),
                port,
                "/health",
                Duration.ofSeconds(5)))) {
      p.awaitHealthy(Duration.ofSeconds(30));
      file.write(p.pid());
      assertThat(file.live("gateway")).map(ProcessHandle::pid).hasValue(p.pid());
      assertThat(file.live("image-service")).isEmpty();
      assertThat(Procs.berthProcesses(dir))
          .containsExactly(new Procs.BerthProcess(p.pid(), "gateway"));
      assertThat(Procs.berthProcesses(dir.resolve("other"))).isEmpty();
      p.kill();
      assertThat(file.live("gateway")).isEmpty();
    }
  }

  @Test
  void readsTheComponentFromACommandLine() {
    assertThat(Procs.component("/usr/bin/java -Dberth.component=layer-service -Xmx1g Main"))
        .contains("layer-service");
    assertThat(Procs.component("/usr/bin/java Main")).isEmpty();
  }
}
