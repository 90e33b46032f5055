package io.berth.launcher.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.launcher.linux.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitFilesTest {

  @TempDir Path dataDir;

  private static final Instant REAPED = Instant.parse("2025-01-02T03:04:05.123Z");

  @Test
  void writesAnExitedProcessAsDockerReportsIt() throws Exception {
    ExitFiles exits = ExitFiles.under(dataDir);

    Path file = exits.write(new ExitRecord(4242, 987654, new ExitStatus(7, 0), REAPED));

    assertThat(file).isEqualTo(dataDir.resolve("container-service/exits/4242-987654.json"));
    assertThat(Files.readString(file))
        .isEqualTo(
            "{\"pid\":4242,\"startTime\":987654,\"exitCode\":7,\"signal\":0,\"status\":\"exited\","
                + "\"reapedAt\":\"2025-01-02T03:04:05.123Z\"}\n");
    assertThat(file.getParent()).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void writesAKilledProcessWith128PlusTheSignal() throws Exception {
    Path file =
        ExitFiles.under(dataDir).write(new ExitRecord(1, 2, ExitStatus.fromSiginfo(2, 15), REAPED));

    assertThat(Files.readString(file))
        .contains("\"exitCode\":143,\"signal\":15,\"status\":\"killed\"");
  }

  @Test
  void deletesRecordsOlderThanSevenDays() throws Exception {
    ExitFiles exits = ExitFiles.under(dataDir);
    Path old = exits.write(new ExitRecord(1, 1, new ExitStatus(0, 0), REAPED));
    Path recent = exits.write(new ExitRecord(2, 2, new ExitStatus(0, 0), REAPED));
    Instant now = Instant.now();
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(8))));

    assertThat(exits.deleteExpired(now)).isEqualTo(1);

    assertThat(old).doesNotExist();
    assertThat(recent).exists();
  }
}
