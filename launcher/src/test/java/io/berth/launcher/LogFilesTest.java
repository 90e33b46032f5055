package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

  @TempDir Path dir;

  @Test
  void lastLinesOfASmallFile() throws Exception {
    Path file = dir.resolve("a.log");
    Files.writeString(file, "one\ntwo\nthree\n");
    assertThat(LogFiles.lastLines(file, 2)).containsExactly("two", "three");
    assertThat(LogFiles.lastLines(file, 10)).containsExactly("one", "two", "three");
    assertThat(LogFiles.lastLines(file, 0)).isEmpty();
  }

  @Test
  void aPartialLastLineCounts() throws Exception {
    Path file = dir.resolve("a.log");
    Files.writeString(file, "one\ntwo\nthr");
    assertThat(LogFiles.lastLines(file, 2)).containsExactly("two", "thr");
  }

  @Test
  void missingFileHasNoLines() {
    assertThat(LogFiles.lastLines(dir.resolve("none.log"), 5)).isEmpty();
  }

  @Test
  void onlyLinesAfterTheOffset() throws Exception {
    Path file = dir.resolve("a.log");
    Files.writeString(file, "old 1\nold 2\n");
    long offset = Files.size(file);
    Files.writeString(file, "new 1\nnew 2\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(LogFiles.lastLines(file, offset, 10)).containsExactly("new 1", "new 2");
    assertThat(LogFiles.lastLines(file, Files.size(file), 10)).isEmpty();
  }

  @Test
  void largeFilesAreReadFromTheEnd() throws Exception {
    Path file = dir.resolve("big.log");
    String text =
        IntStream.range(0, 50_000)
            .mapToObj(i -> "line " + i + " " + "x".repeat(40))
            .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(file, text);
    assertThat(LogFiles.lastLines(file, 3))
        .containsExactly(
            "line 49997 " + "x".repeat(40),
            "line 49998 " + "x".repeat(40),
            "line 49999 " + "x".repeat(40));
  }
}
