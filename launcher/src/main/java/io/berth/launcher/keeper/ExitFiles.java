package io.berth.launcher.keeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The exits directory ({@code $BERTH_DATA_DIR/container-service/exits}): one durable JSON file per
 * reaped orphan, read by the container-service when it reconciles.
 *
 * @param dir the directory (created on first write)
 */
public record ExitFiles(Path dir) {

  /** How long exit records are kept. */
  public static final Duration RETENTION = Duration.ofDays(7);

  /** The exits directory of a Berth data directory. */
  public static ExitFiles under(Path dataDir) {
    return new ExitFiles(dataDir.resolve("container-service").resolve("exits"));
  }

  /** The file a process's record is (or would be) in. */
  public Path file(long pid, long startTime) {
    return dir.resolve(ExitRecord.fileName(pid, startTime));
  }

  /**
   * Writes a record durably: a temporary file, fsync, an atomic rename, then fsync of the directory
   * so that the rename survives a crash too.
   */
  public Path write(ExitRecord record) {
    Path target = dir.resolve(record.fileName());
    try {
      Files.createDirectories(dir);
      Path temp = dir.resolve("." + record.fileName() + ".tmp");
      try (FileChannel out =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer bytes =
            ByteBuffer.wrap((record.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
        directory.force(true);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Deletes records last modified before {@code now - RETENTION}; returns how many. */
  public int deleteExpired(Instant now) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    Instant cutoff = now.minus(RETENTION);
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
            && Files.deleteIfExists(file)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      // Best effort: an old record left behind is harmless.
    }
    return deleted;
  }
}
