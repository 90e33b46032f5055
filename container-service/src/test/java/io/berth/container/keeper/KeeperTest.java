package io.berth.container.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeeperTest {

  private static final String TAIL =
      " S 1 4242 4242 0 -1 4194560 1000 0 0 0 5 3 0 0 20 0 1 0 987654 10000000 500"
          + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0";

  @TempDir Path dataDir;

  @Test
  void startTimeIsField22() {
    assertThat(io.berth.container.runtime.Procfs.parseStartTime("4242 (sleep)" + TAIL))
        .isEqualTo(987654);
  }

  @Test
  void startTimeCountsFieldsAfterTheLastParenthesisOfTheCommandName() {
    assertThat(io.berth.container.runtime.Procfs.parseStartTime("4242 (evil ) S 1 2 (x) 3)" + TAIL))
        .isEqualTo(987654);
  }

  @Test
  void startTimeOfThisProcessIsRead() {
    assertThat(io.berth.container.runtime.Procfs.startTime(ProcessHandle.current().pid()))
        .isPositive();
  }

  @Test
  void startTimeRefusesATruncatedLine() {
    assertThatThrownBy(
            () -> io.berth.container.runtime.Procfs.parseStartTime("4242 (sleep) S 1 2 3"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noKeeperWithoutItsSocket() {
    assertThat(Keeper.connect(dataDir)).isEmpty();
  }

  @Test
  void readsAnExitRecordAsTheSupervisorWritesIt() throws Exception {
    Path file = dataDir.resolve("4242-987654.json");
    Files.writeString(
        file,
        "{\"pid\":4242,\"startTime\":987654,\"exitCode\":143,\"signal\":15,\"status\":\"killed\","
            + "\"reapedAt\":\"2025-01-02T03:04:05.123Z\"}\n");

    ExitRecord exit = Keeper.readExit(file).orElseThrow();

    assertThat(exit.pid()).isEqualTo(4242);
    assertThat(exit.startTime()).isEqualTo(987654);
    assertThat(exit.exitCode()).isEqualTo(143);
    assertThat(exit.killed()).isTrue();
    assertThat(exit.reapedAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05.123Z"));
    assertThat(Keeper.readExit(dataDir.resolve("1-1.json"))).isEmpty();
  }
}
