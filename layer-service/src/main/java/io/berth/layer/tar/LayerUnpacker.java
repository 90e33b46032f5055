package io.berth.layer.tar;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Extracts one layer blob (plain, gzip or zstd tar) into an empty directory that can serve as an
 * overlayfs lower directory: OCI whiteouts become overlay whiteouts and opaque directories.
 *
 * <p>Nothing is ever written outside the target: names are cleaned like Docker's, symbolic links
 * along an entry's path are resolved as if the target were {@code /} (like Docker's {@code
 * FollowSymlinkInScope}, so {@code bin -> /usr/bin} then {@code bin/sh} writes {@code usr/bin/sh}
 * in the target) and never followed by the kernel, and the limits of {@link UnpackOptions} cut
 * hostile streams off early. A refused archive raises {@link UnsafeArchiveException}; the target is
 * then left half written and should be deleted by the caller.
 *
 * <p>Each call decompresses on one short-lived helper thread while the calling thread writes files.
 * Instances hold no state between calls and may be shared.
 */
public final class LayerUnpacker {

  /** Buffer between the decompressor and the tar reader; large so headers are cheap to read. */
  private static final int STREAM_BUFFER = 1 << 18;

  private static final int BLOB_BUFFER = 1 << 16;

  /** Chunks handed over by the decompressing thread; bench/unpack.sh measured these. */
  private static final int READ_AHEAD_CHUNK = 1 << 20;

  private static final int READ_AHEAD_DEPTH = 4;

  private final UnpackOptions options;

  /**
   * An unpacker with the given limits.
   *
   * @param options limits and choices, see {@link UnpackOptions#defaults()}
   */
  public LayerUnpacker(UnpackOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Extracts a layer blob into {@code target}.
   *
   * @param blob the layer, compressed or not (detected by magic bytes); not closed
   * @param target an existing empty directory
   * @return counts and the DiffID of the layer
   * @throws UnsafeArchiveException if an entry would escape the target, its path has a symbolic
   *     link loop, or a limit is exceeded
   * @throws IOException if the stream is not a valid tar or the file system fails
   */
  public UnpackSummary unpack(InputStream blob, Path target) throws IOException {
    requireEmptyDirectory(target);
    CountingInputStream compressed = new CountingInputStream(blob);
    BufferedInputStream buffered = new BufferedInputStream(compressed, BLOB_BUFFER);
    Compression compression = Compression.detect(buffered);
    Extraction extraction = new Extraction(new TargetTree(target), options);
    GuardedInputStream tar =
        new GuardedInputStream(
            compression.open(buffered), compressed, options, extraction::currentEntry);
    // Decompression, hashing and the limit checks run on a second thread, ahead of the writes.
    try (ReadAheadInputStream ahead =
        new ReadAheadInputStream(tar, READ_AHEAD_CHUNK, READ_AHEAD_DEPTH)) {
      TarReader reader = new TarReader(new BufferedInputStream(ahead, STREAM_BUFFER));
      for (TarEntry entry = reader.next(); entry != null; entry = reader.next()) {
        extraction.extract(entry, reader);
      }
      extraction.finishDirectories();
      ahead.skipToEnd(); // so the DiffID covers the bytes after the end-of-archive blocks
      return summary(compression, extraction, compressed, tar);
    }
  }

  private static UnpackSummary summary(
      Compression compression,
      Extraction extraction,
      CountingInputStream compressed,
      GuardedInputStream tar) {
    return new UnpackSummary(
        compression,
        extraction.entries(),
        compressed.count(),
        tar.count(),
        extraction.regularFileBytes(),
        tar.diffId());
  }

  private static void requireEmptyDirectory(Path target) throws IOException {
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotDirectoryException(target + " (the unpack target must be a real directory)");
    }
    try (Stream<Path> children = Files.list(target)) {
      if (children.findAny().isPresent()) {
        throw new IOException("the unpack target " + target + " is not empty");
      }
    }
  }
}
