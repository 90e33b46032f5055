package io.berth.container.volume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.container.ContainerException;
import io.berth.container.store.ContainerMountRepository;
import io.berth.container.store.ContainerMountRow;
import io.berth.container.store.VolumeRepository;
import io.berth.container.store.VolumeRow;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.query.VolumeDetails;
import io.berth.events.volume.VolumeCreated;
import io.berth.events.volume.VolumeRemoved;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The volumes of this node: a row each in the {@code volume} table and a directory each, {@code
 * <data-dir>/container-service/volumes/<name>/_data}, as Docker's local driver keeps them. A volume
 * is in use while a container's mount names it. Called inside the transaction of the command that
 * changes them; a directory is removed only with its row.
 */
@Singleton
public class Volumes {

  /** The only driver. */
  public static final String LOCAL = "local";

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private final Path root;
  private final VolumeRepository volumes;
  private final ContainerMountRepository mounts;

  public Volumes(
      @Value("${berth.data-dir}") Path dataDir,
      VolumeRepository volumes,
      ContainerMountRepository mounts) {
    this.root = dataDir.resolve("container-service").resolve("volumes");
    this.volumes = volumes;
    this.mounts = mounts;
  }

  /** The host directory holding a volume's data. */
  public Path mountpoint(String name) {
    return root.resolve(name).resolve("_data");
  }

  /**
   * Creates a volume unless it exists.
   *
   * @return the create event, or empty when it existed already
   */
  public Optional<VolumeCreated> ensure(
      String name, Map<String, String> labels, Map<String, String> options, boolean anonymous) {
    if (volumes.existsById(name)) {
      return Optional.empty();
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    try {
      Files.createDirectories(mountpoint(name));
    } catch (IOException e) {
      throw new ContainerException(ErrorCode.INTERNAL, "create " + name + ": " + e.getMessage(), e);
    }
    volumes.save(
        new VolumeRow(
            name,
            LOCAL,
            EventCodec.toJsonString(labels),
            EventCodec.toJsonString(options),
            anonymous,
            now));
    return Optional.of(
        new VolumeCreated(name, LOCAL, mountpoint(name).toString(), labels, now, anonymous));
  }

  /** Whether a volume exists. */
  public boolean exists(String name) {
    return volumes.existsById(name);
  }

  /** Whether the volume's data directory holds nothing yet. */
  public boolean isEmpty(String name) {
    try (var children = Files.list(mountpoint(name))) {
      return children.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** The ids of the containers that mount a volume. */
  public List<String> users(String name) {
    return mounts.findByVolumeName(name).stream()
        .map(ContainerMountRow::containerId)
        .distinct()
        .toList();
  }

  /**
   * Removes a volume and its data ({@code docker volume rm}).
   *
   * @param force answer nothing rather than NOT_FOUND when it does not exist
   * @return the destroy event, or empty when a forced remove found nothing
   * @throws ContainerException NOT_FOUND, or FAILED_PRECONDITION while a container uses it, in
   *     Docker's words
   */
  public Optional<VolumeRemoved> remove(String name, boolean force) {
    if (!volumes.existsById(name)) {
      if (force) {
        return Optional.empty();
      }
      throw new ContainerException(ErrorCode.NOT_FOUND, "get " + name + ": no such volume");
    }
    List<String> users = users(name);
    if (!users.isEmpty()) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "remove " + name + ": volume is in use - [" + String.join(", ", users) + "]");
    }
    return Optional.of(delete(name));
  }

  /** Removes a volume no container uses, without asking. */
  VolumeRemoved delete(String name) {
    volumes.deleteById(name);
    deleteTree(root.resolve(name));
    return new VolumeRemoved(name, LOCAL);
  }

  /** Every volume, by name. */
  public List<VolumeDetails> list() {
    return volumes.findAll().stream()
        .map(this::details)
        .sorted(java.util.Comparator.comparing(VolumeDetails::name))
        .toList();
  }

  /** The bytes a volume's data takes. */
  public long size(String name) {
    long[] total = {0};
    try {
      Files.walkFileTree(
          root.resolve(name),
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              total[0] += attrs.isRegularFile() ? attrs.size() : 0;
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return total[0];
    }
    return total[0];
  }

  VolumeDetails details(VolumeRow row) {
    return new VolumeDetails(
        row.name(),
        row.driver(),
        mountpoint(row.name()).toString(),
        row.createdAt(),
        map(row.labels()),
        map(row.options()),
        row.anonymous(),
        users(row.name()));
  }

  private static Map<String, String> map(String json) {
    try {
      return EventCodec.mapper().readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt volume record", e);
    }
  }

  private static void deleteTree(Path path) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("could not remove " + path, e);
    }
  }
}
