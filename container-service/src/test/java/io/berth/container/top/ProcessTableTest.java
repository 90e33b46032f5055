package io.berth.container.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {

  private static final long SELF = ProcessHandle.current().pid();

  private Process sleep;

  @BeforeEach
  void startASleepChild() throws IOException {
    sleep = new ProcessBuilder("sleep", "600").start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> row(ProcessTable.of(List.of(sleep.pid()), "")).get(7).equals("sleep 600"));
  }

  @AfterEach
  void stopIt() {
    sleep.destroyForcibly();
  }

  @Test
  void defaultIsPsEfWithDockersTitles() {
    ProcessTable table = ProcessTable.of(List.of(sleep.pid(), SELF), null);

    assertThat(table.titles())
        .containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
    assertThat(table.processes()).hasSize(2);
    assertThat(table.processes().get(0).get(1)).isEqualTo(Long.toString(SELF)); // pid order
  }

  @Test
  void theSleepChildRowMatchesPs() throws IOException {
    List<String> row = row(ProcessTable.of(List.of(sleep.pid()), "-ef"));

    assertThat(row.get(0)).isEqualTo(userOfThisProcess());
    assertThat(row.get(1)).isEqualTo(Long.toString(sleep.pid()));
    assertThat(row.get(2)).isEqualTo(Long.toString(SELF));
    assertThat(row.get(3)).isEqualTo("0");
    assertThat(row.get(4)).matches("\\d\\d:\\d\\d|[A-Z][a-z]{2}\\d\\d|\\d{4}");
    assertThat(row.get(6)).isEqualTo("00:00:00");
    assertThat(row.get(7)).isEqualTo("sleep 600");
  }

  @Test
  void theTestJvmShowsItsJavaCommandLine() {
    List<String> row = row(ProcessTable.of(List.of(SELF), ""));

    assertThat(row.get(1)).isEqualTo(Long.toString(SELF));
    assertThat(row.get(7)).contains("java");
  }

  @Test
  void auxHasTheBsdColumns() {
    ProcessTable table = ProcessTable.of(List.of(sleep.pid()), "aux");

    assertThat(table.titles())
        .containsExactly(
            "USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START", "TIME", "COMMAND");
    List<String> row = row(table);
    assertThat(row.get(1)).isEqualTo(Long.toString(sleep.pid()));
    assertThat(row.get(2)).isEqualTo("0.0");
    assertThat(row.get(3)).matches("\\d+\\.\\d");
    assertThat(Long.parseLong(row.get(4))).isPositive();
    assertThat(Long.parseLong(row.get(5))).isPositive();
    assertThat(row.get(7)).startsWith("S");
    assertThat(row.get(9)).isEqualTo("0:00");
    assertThat(row.get(10)).isEqualTo("sleep 600");
  }

  @Test
  void aUidWithoutAHostNameIsShownAsANumber(@TempDir Path temp) throws IOException {
    Path passwd = Files.writeString(temp.resolve("passwd"), "nobody:x:65534:65534::/:/bin/false\n");

    List<String> row = row(ProcessTable.of(List.of(sleep.pid()), "-ef", Path.of("/proc"), passwd));

    assertThat(row.get(0)).isEqualTo(uidOfThisProcess());
  }

  @Test
  void aProcessThatIsGoneIsLeftOut() throws InterruptedException {
    sleep.destroyForcibly().waitFor();

    assertThat(ProcessTable.of(List.of(sleep.pid()), "").processes()).isEmpty();
  }

  @Test
  void otherPsArgumentsAreAnInvalidArgument() {
    assertThatThrownBy(() -> ProcessTable.of(List.of(SELF), "-o pid,comm"))
        .isInstanceOfSatisfying(
            ContainerException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("-o pid,comm");
  }

  @Test
  void columnsAreFormattedAsProcps() {
    assertThat(PsFormat.tty(0)).isEqualTo("?");
    assertThat(PsFormat.tty((136 << 8) | 3)).isEqualTo("pts/3");
    assertThat(PsFormat.tty((4 << 8) | 1)).isEqualTo("tty1");
    assertThat(PsFormat.fullTime(100 * 3725)).isEqualTo("01:02:05");
    assertThat(PsFormat.fullTime(100 * (86400 + 1))).isEqualTo("1-00:00:01");
    assertThat(PsFormat.bsdTime(100 * 125)).isEqualTo("2:05");
  }

  @Test
  void theJsonIsDockersShape() throws Exception {
    ProcessTable table = new ProcessTable(List.of("PID"), List.of(List.of("1")));

    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(table))
        .isEqualTo("{\"Titles\":[\"PID\"],\"Processes\":[[\"1\"]]}");
  }

  private static List<String> row(ProcessTable table) {
    assertThat(table.processes()).hasSize(1);
    return table.processes().get(0);
  }

  private static String uidOfThisProcess() throws IOException {
    return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
  }

  private static String userOfThisProcess() throws IOException {
    String uid = uidOfThisProcess();
    return Files.readAllLines(Path.of("/etc/passwd")).stream()
        .map(line -> line.split(":"))
        .filter(f -> f.length > 2 && f[2].equals(uid))
        .map(f -> f[0])
        .findFirst()
        .orElse(uid);
  }
}
