package io.berth.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A file holding one process id, written atomically; a pid is only trusted while that process is
 * alive and its command line carries the expected {@code -Dberth.component=} marker.
 *
 * @param path where the pid is kept
 */
public record PidFile(Path path) {

  /** Writes {@code pid} (atomically: a reader never sees a half-written file). */
  public void write(long pid) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
      Files.writeString(tmp, pid + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** The pid in the file, or empty when the file is missing or does not hold a number. */
  public OptionalLong read() {
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8).trim();
      return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The live process named in the file whose command line contains {@code -Dberth.component=}
   * {@code component}; empty when there is none (no file, process gone, or the pid was reused).
   */
  public Optional<ProcessHandle> live(String component) {
    OptionalLong pid = read();
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    return Procs.liveComponent(pid.getAsLong(), component);
  }

  /** Deletes the file if it exists. */
  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }
}
