package io.berth.layer.snapshot;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import io.berth.layer.content.BlobIndex;
import io.berth.layer.content.BlobInfo;
import io.berth.layer.content.ContentStore;
import io.berth.layer.content.Digest;
import io.berth.layer.store.ActiveSnapshotRepository;
import io.berth.layer.store.ActiveSnapshotRow;
import io.berth.layer.store.SnapshotRepository;
import io.berth.layer.store.SnapshotRow;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Committed and writable snapshots (containerd's snapshotter, overlay flavour). Each layer is
 * unpacked once into a directory named by a short number and indexed by its chain id; a writable
 * snapshot is an upper and a work directory over the chain's directories. A chain deeper than one
 * overlay mount takes ({@code berth.layer.max-lower-dirs}, and the 4 KiB page the mount options
 * must fit in) has its bottom merged once into one flattened directory.
 */
@Singleton
public class Snapshotter {

  /** Room left for overlay's other options within the one page the kernel accepts for them. */
  private static final int MAX_LOWERDIR_OPTION = 3_000;

  private final Path snapshots;
  private final Path active;
  private final SnapshotRepository rows;
  private final ActiveSnapshotRepository actives;
  private final BlobIndex index;
  private final ContentStore store;
  private final LayerFiles files;
  private final int maxLowerDirs;
  private final ConcurrentHashMap<String, Object> making = new ConcurrentHashMap<>();

  public Snapshotter(
      @Value("${berth.data-dir}/layer-service") Path root,
      SnapshotRepository rows,
      ActiveSnapshotRepository actives,
      BlobIndex index,
      ContentStore store,
      LayerFiles files,
      @Value("${berth.layer.max-lower-dirs:64}") int maxLowerDirs) {
    this.snapshots = root.resolve("snapshots");
    this.active = root.resolve("active");
    this.rows = rows;
    this.actives = actives;
    this.index = index;
    this.store = store;
    this.files = files;
    this.maxLowerDirs = Math.max(2, maxLowerDirs);
    try {
      Files.createDirectories(snapshots);
      Files.createDirectories(active);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + root, e);
    }
  }

  /**
   * Unpacks the layers of a chain that are not unpacked yet and returns the directories an overlay
   * mount of it uses, bottom first (a flattened directory standing for the bottom of a deep chain).
   */
  public List<SnapshotRow> lowers(List<Digest> diffIds) {
    List<Digest> chain = ChainIds.of(diffIds);
    List<SnapshotRow> layers = new ArrayList<>(diffIds.size());
    for (int i = 0; i < diffIds.size(); i++) {
      layers.add(unpacked(diffIds.get(i), chain.get(i)));
    }
    if (fitsOneMount(layers)) {
      return layers;
    }
    int keep = maxLowerDirs / 2;
    int bottom = layers.size() - keep;
    List<SnapshotRow> lowers = new ArrayList<>(keep + 1);
    lowers.add(
        flattened(chain.get(bottom - 1), diffIds.get(bottom - 1), layers.subList(0, bottom)));
    lowers.addAll(layers.subList(bottom, layers.size()));
    return lowers;
  }

  /**
   * Makes the directories of a writable snapshot over some lower directories; the caller records
   * the returned row in the same transaction as the event announcing it.
   *
   * @throws LayerException {@code ALREADY_EXISTS} when the key is taken
   */
  public ActiveSnapshotRow activate(String key, Digest parentChainId, List<SnapshotRow> lowers) {
    if (actives.existsById(key)) {
      throw new LayerException(ErrorCode.ALREADY_EXISTS, "snapshot " + key + " already exists");
    }
    String dir = activeDirName(key);
    Path base = active.resolve(dir);
    try {
      Files.createDirectories(base.resolve("upper"));
      Files.createDirectories(base.resolve("work"));
    } catch (IOException e) {
      throw new LayerException(ErrorCode.INTERNAL, "cannot make " + base + ": " + e.getMessage());
    }
    List<SnapshotRow> topFirst = new ArrayList<>(lowers);
    java.util.Collections.reverse(topFirst);
    return new ActiveSnapshotRow(
        key,
        parentChainId == null ? null : parentChainId.value(),
        String.join("\n", topFirst.stream().map(SnapshotRow::id).toList()),
        String.join("\n", topFirst.stream().map(row -> dir(row).toString()).toList()),
        dir,
        Instant.now());
  }

  /** A writable snapshot as its mount needs it. */
  public Prepared describe(ActiveSnapshotRow row) {
    Path base = active.resolve(row.dir());
    List<Path> lowerDirs =
        row.lowerDirs().isEmpty()
            ? List.of()
            : Arrays.stream(row.lowerDirs().split("\n")).map(Path::of).toList();
    return new Prepared(
        row.snapshotKey(),
        row.parentChainId(),
        lowerDirs,
        base.resolve("upper"),
        base.resolve("work"));
  }

  /** A writable snapshot by key. */
  public Optional<ActiveSnapshotRow> find(String key) {
    return actives.findById(key);
  }

  /** Deletes a writable snapshot's directories (its row is the caller's). */
  public void deactivate(ActiveSnapshotRow row) {
    deleteTree(active.resolve(row.dir()));
  }

  /**
   * Deletes a committed snapshot: its directory is renamed aside first, then its row goes, then the
   * files, so a crash midway never leaves a row pointing at half a directory ({@link #sweep}
   * finishes what a crash left).
   */
  public void delete(SnapshotRow row) {
    Path dir = dir(row);
    Path trash = snapshots.resolve(row.dir() + ".trash");
    try {
      if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + dir + " aside", e);
    }
    rows.deleteById(row.id());
    deleteTree(trash);
  }

  /** The directory of a committed snapshot. */
  public Path dir(SnapshotRow row) {
    return snapshots.resolve(row.dir());
  }

  /**
   * Removes directories no row knows: what a crash left between unpacking and recording, or between
   * forgetting and deleting.
   */
  public int sweep() {
    int removed = 0;
    java.util.Set<String> known = new java.util.HashSet<>();
    rows.findAll().forEach(row -> known.add(row.dir()));
    removed += sweepUnknown(snapshots, known);
    java.util.Set<String> knownActive = new java.util.HashSet<>();
    actives.findAll().forEach(row -> knownActive.add(row.dir()));
    removed += sweepUnknown(active, knownActive);
    return removed;
  }

  private int sweepUnknown(Path parent, java.util.Set<String> known) {
    int removed = 0;
    try (var entries = Files.list(parent)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (!known.contains(entry.getFileName().toString())) {
          deleteTree(entry);
          removed++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return removed;
  }

  private SnapshotRow unpacked(Digest diffId, Digest chainId) {
    synchronized (making.computeIfAbsent(chainId.value(), id -> new Object())) {
      Optional<SnapshotRow> known = rows.findById(chainId.value());
      if (known.isPresent() && Files.isDirectory(dir(known.get()))) {
        return known.get();
      }
      known.ifPresent(stale -> rows.deleteById(stale.id()));
      BlobInfo blob =
          index
              .findLayer(diffId)
              .orElseThrow(
                  () ->
                      new LayerException(
                          ErrorCode.NOT_FOUND, "layer " + diffId + " is not in the content store"));
      String name = Long.toString(rows.nextDir());
      Path temp = snapshots.resolve(name + ".tmp");
      long size;
      deleteTree(temp);
      try (InputStream raw = store.open(blob.digest())) {
        Files.createDirectories(temp);
        // The unpacker sees the stored bytes, compressed or not: it checks the compression ratio
        // against decompression bombs and the diff id against the bytes it unpacked.
        size = files.unpack(raw, temp, diffId);
        Files.move(temp, snapshots.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteTree(temp);
        // The host failing (disk full, I/O error) is ours; a broken or unsafe layer is the
        // caller's.
        ErrorCode code =
            e instanceof java.nio.file.FileSystemException
                    || e instanceof io.berth.layer.fs.PosixException
                ? ErrorCode.INTERNAL
                : ErrorCode.INVALID_ARGUMENT;
        throw new LayerException(code, "cannot unpack layer " + diffId + ": " + e.getMessage());
      } catch (UncheckedIOException e) {
        deleteTree(temp);
        throw new LayerException(
            ErrorCode.INTERNAL, "cannot unpack layer " + diffId + ": " + e.getMessage());
      }
      return rows.save(
          new SnapshotRow(
              chainId.value(),
              chainId.value(),
              SnapshotRow.LAYER,
              diffId.value(),
              name,
              size,
              Instant.now()));
    }
  }

  private SnapshotRow flattened(Digest chainId, Digest diffId, List<SnapshotRow> bottomFirst) {
    String id = SnapshotRow.flatId(chainId.value());
    synchronized (making.computeIfAbsent(id, key -> new Object())) {
      Optional<SnapshotRow> known = rows.findById(id);
      if (known.isPresent() && Files.isDirectory(dir(known.get()))) {
        return known.get();
      }
      known.ifPresent(stale -> rows.deleteById(stale.id()));
      String name = Long.toString(rows.nextDir());
      Path temp = snapshots.resolve(name + ".tmp");
      deleteTree(temp);
      try {
        Files.createDirectories(temp);
        files.flatten(bottomFirst.stream().map(this::dir).toList(), temp);
        Files.move(temp, snapshots.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteTree(temp);
        throw new LayerException(
            ErrorCode.INTERNAL, "cannot flatten chain " + chainId + ": " + e.getMessage());
      }
      long size = bottomFirst.stream().mapToLong(SnapshotRow::size).sum();
      return rows.save(
          new SnapshotRow(
              id, chainId.value(), SnapshotRow.FLAT, diffId.value(), name, size, Instant.now()));
    }
  }

  private boolean fitsOneMount(List<SnapshotRow> layers) {
    if (layers.size() > maxLowerDirs) {
      return false;
    }
    long option = layers.stream().mapToLong(row -> dir(row).toString().length() + 1L).sum();
    return option <= MAX_LOWERDIR_OPTION;
  }

  private static String activeDirName(String key) {
    return Digest.of(key.getBytes(StandardCharsets.UTF_8)).hex().substring(0, 16);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(root)) {
      for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
