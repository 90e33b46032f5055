package io.berth.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Finding and ending Berth processes through {@code /proc} (Linux). */
public final class Procs {

  /** The JVM option that marks a Berth process with its component name. */
  public static final String MARKER = "-Dberth.component=";

  /**
   * A running Berth process.
   *
   * @param pid its process id
   * @param component {@code supervisor} or a service name
   */
  public record BerthProcess(long pid, String component) {}

  private Procs() {}

  /** The command line of a process with arguments separated by spaces, or empty when gone. */
  public static Optional<String> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
      if (raw.length == 0) {
        return Optional.empty();
      }
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] == 0) {
          raw[i] = ' ';
        }
      }
      return Optional.of(new String(raw, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The process if it is alive and marked as the given Berth component. */
  public static Optional<ProcessHandle> liveComponent(long pid, String component) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                commandLine(pid)
                    .map(cmd -> List.of(cmd.split(" ")).contains(MARKER + component))
                    .orElse(false));
  }

  /**
   * Every live process marked as a Berth component whose environment has {@code
   * BERTH_DATA_DIR=dataDir}: what belongs to one installation even if its pid files are lost.
   */
  public static List<BerthProcess> berthProcesses(Path dataDir) {
    String wanted = "BERTH_DATA_DIR=" + dataDir.toAbsolutePath().normalize();
    List<BerthProcess> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid == self) {
          continue;
        }
        Optional<String> component = commandLine(pid).flatMap(Procs::component);
        if (component.isPresent() && environment(pid).contains(wanted)) {
          found.add(new BerthProcess(pid, component.get()));
        }
      }
    } catch (IOException e) {
      // No /proc: nothing can be found this way.
    }
    return found;
  }

  /** The component named by the marker in a command line. */
  static Optional<String> component(String commandLine) {
    for (String arg : commandLine.split(" ")) {
      if (arg.startsWith(MARKER)) {
        return Optional.of(arg.substring(MARKER.length()));
      }
    }
    return Optional.empty();
  }

  private static List<String> environment(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ"));
      return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Ends a process: SIGTERM, then SIGKILL if it is still alive after {@code grace}. Returns true
   * when it is gone.
   */
  public static boolean terminate(ProcessHandle process, Duration grace) {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception stillAlive) {
      process.destroyForcibly();
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
        return true;
      } catch (Exception e) {
        return !process.isAlive();
      }
    }
  }
}
