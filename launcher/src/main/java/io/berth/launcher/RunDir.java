package io.berth.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The files under {@code $BERTH_DATA_DIR/run/}: pid files, the supervisor's control socket, the
 * start-up progress file, the failure report and the settings {@code up} was run with.
 *
 * @param dir the run directory
 */
public record RunDir(Path dir) {

  /** The supervisor's component name (in pid files and the process marker). */
  public static final String SUPERVISOR = "supervisor";

  /** The supervisor's pid file (the broker runs in the supervisor, so it is Kafka's pid too). */
  public PidFile supervisorPid() {
    return new PidFile(dir.resolve(SUPERVISOR + ".pid"));
  }

  /** A service's pid file. */
  public PidFile pid(BerthService service) {
    return new PidFile(dir.resolve(service.serviceName() + ".pid"));
  }

  /** The supervisor's control socket (a Unix domain socket). */
  public Path socket() {
    return dir.resolve(SUPERVISOR + ".sock");
  }

  /** The fd keeper's socket ({@code io.berth.launcher.keeper.ContainerKeeper} serves it). */
  public Path keeperSocket() {
    return dir.resolve("keeper.sock");
  }

  /** Start-up progress, one event per line, ending with {@code ready} or {@code failed}. */
  public Path progress() {
    return dir.resolve("progress");
  }

  /** Why the last start failed. */
  public Path failure() {
    return dir.resolve("failure.txt");
  }

  /** The settings of the running instance. */
  public Path config() {
    return dir.resolve("berth.properties");
  }

  /** The live supervisor, if any. */
  public Optional<ProcessHandle> liveSupervisor() {
    return supervisorPid().live(SUPERVISOR);
  }

  /** Appends one progress line. */
  public void progress(String line) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          progress(),
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + progress(), e);
    }
  }

  /** The progress lines written so far. */
  public List<String> progressLines() {
    try {
      return Files.readAllLines(progress(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Saves the settings of this instance. */
  public void saveConfig(BerthConfig config) {
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(config())) {
        config.toProperties().store(out, "settings of the running Berth instance");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + config(), e);
    }
  }

  /** The saved settings, if {@code up} ran before. */
  public Optional<BerthConfig> loadConfig() {
    if (!Files.isRegularFile(config())) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(config())) {
      Properties p = new Properties();
      p.load(in);
      return Optional.of(BerthConfig.fromProperties(p));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Deletes a file if it exists, ignoring errors. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Best effort.
    }
  }
}
