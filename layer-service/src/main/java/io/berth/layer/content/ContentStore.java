package io.berth.layer.content;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import io.berth.layer.tar.Compression;
import io.berth.layer.tar.TarFormat;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

/**
 * Blobs on disk, named by digest: {@code content/blobs/sha256/<hex>}. A blob is written to {@code
 * content/ingest/} first, its digest (and, for a compressed layer, its diff id) computed on the
 * way, then moved into place atomically, so a reader never sees half a blob and the same bytes
 * stored twice cost one file.
 *
 * @see <a href="https://github.com/containerd/containerd/blob/main/docs/content-flow.md">containerd
 *     content flow</a>
 */
@Singleton
public class ContentStore {

  /** The media type of a blob that is not a layer and was not named by its writer. */
  public static final String OCTET_STREAM = "application/octet-stream";

  private static final int BUFFER = 1 << 20;

  private final Path blobs;
  private final Path ingest;

  public ContentStore(@Value("${berth.data-dir}/layer-service/content") Path root) {
    this.blobs = root.resolve("blobs").resolve("sha256");
    this.ingest = root.resolve("ingest");
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(ingest);
      clearIngest();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the content store under " + root, e);
    }
  }

  /**
   * Stores a stream.
   *
   * @param in the bytes
   * @param expected the digest the writer promised, or null to accept whatever arrives
   * @param mediaType the media type the writer gave for a blob that is not a layer, or null
   * @return what was stored
   * @throws LayerException {@code INVALID_ARGUMENT} when the bytes do not match {@code expected}
   */
  public BlobInfo write(InputStream in, Digest expected, String mediaType) throws IOException {
    try (Staged staged = stage(in, expected, mediaType)) {
      commit(staged);
      return staged.info();
    }
  }

  /**
   * Bytes received into {@code ingest/} and described, not yet in place; closing it deletes them if
   * they were not committed.
   *
   * @param temp the file under {@code ingest/}
   * @param info what they are
   */
  public record Staged(Path temp, BlobInfo info) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      Files.deleteIfExists(temp);
    }
  }

  /** Moves staged bytes into place; the same bytes already there make this a no-op. */
  public void commit(Staged staged) throws IOException {
    Path target = path(staged.info().digest());
    if (!Files.exists(target)) {
      try {
        Files.move(staged.temp(), target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        // Another writer stored the same bytes meanwhile: one file is enough.
      }
    }
  }

  /**
   * Receives a stream into {@code ingest/}, computing its digest and, for a layer, its diff id.
   *
   * @throws LayerException {@code INVALID_ARGUMENT} when the bytes do not match {@code expected}
   */
  public Staged stage(InputStream in, Digest expected, String mediaType) throws IOException {
    Path temp = ingest.resolve(UUID.randomUUID().toString());
    boolean staged = false;
    try {
      MessageDigest sha = Digest.sha256();
      byte[] head = new byte[512];
      int headLength = 0;
      long size = 0;
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream sink = Channels.newOutputStream(out);
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          if (headLength < head.length) {
            int take = Math.min(n, head.length - headLength);
            System.arraycopy(buffer, 0, head, headLength, take);
            headLength += take;
          }
          sha.update(buffer, 0, n);
          sink.write(buffer, 0, n);
          size += n;
        }
        out.force(true);
      }
      Digest digest = Digest.of(sha);
      if (expected != null && !expected.equals(digest)) {
        throw new LayerException(
            ErrorCode.INVALID_ARGUMENT,
            "the bytes received have digest " + digest + ", not " + expected);
      }
      BlobInfo info = classify(temp, digest, size, head, headLength, mediaType);
      staged = true;
      return new Staged(temp, info);
    } finally {
      if (!staged) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Where a blob's bytes are (the file may not exist). */
  public Path path(Digest digest) {
    return blobs.resolve(digest.hex());
  }

  /** The digests of every blob file on disk, known to the index or not. */
  public List<Digest> storedDigests() throws IOException {
    try (var files = Files.list(blobs)) {
      return files
          .map(file -> "sha256:" + file.getFileName())
          .filter(Digest::isValid)
          .map(Digest::parse)
          .toList();
    }
  }

  /** Whether the blob's file exists. */
  public boolean exists(Digest digest) {
    return Files.isRegularFile(path(digest));
  }

  /** The blob's bytes; for a compressed layer, still compressed. */
  public InputStream open(Digest digest) throws IOException {
    return Files.newInputStream(path(digest));
  }

  /** The uncompressed tar of a layer blob. */
  public InputStream openUncompressed(BlobInfo blob) throws IOException {
    if (!blob.isLayer()) {
      throw new LayerException(
          ErrorCode.FAILED_PRECONDITION, "blob " + blob.digest() + " is not a layer");
    }
    return Compression.fromMediaType(blob.mediaType()).open(open(blob.digest()));
  }

  /** Deletes a blob's file; returns the bytes freed. */
  public long delete(Digest digest) throws IOException {
    Path file = path(digest);
    long size = Files.exists(file) ? Files.size(file) : 0;
    Files.deleteIfExists(file);
    return size;
  }

  private BlobInfo classify(
      Path file, Digest digest, long size, byte[] head, int headLength, String mediaType)
      throws IOException {
    Compression compression = Compression.detect(head, headLength);
    if (compression == Compression.NONE) {
      return TarFormat.isTar(head, headLength)
          ? new BlobInfo(digest, size, compression.mediaType(), digest, size)
          : notALayer(digest, size, mediaType);
    }
    try (InputStream tar =
        compression.open(new BufferedInputStream(Files.newInputStream(file), BUFFER))) {
      MessageDigest sha = Digest.sha256();
      byte[] buffer = new byte[BUFFER];
      byte[] block = new byte[512];
      int blockLength = 0;
      long diffSize = 0;
      for (int n; (n = tar.read(buffer)) >= 0; ) {
        if (blockLength < block.length) {
          int take = Math.min(n, block.length - blockLength);
          System.arraycopy(buffer, 0, block, blockLength, take);
          blockLength += take;
        }
        sha.update(buffer, 0, n);
        diffSize += n;
      }
      if (!TarFormat.isTar(block, blockLength)) {
        return notALayer(digest, size, mediaType);
      }
      return new BlobInfo(digest, size, compression.mediaType(), Digest.of(sha), diffSize);
    } catch (IOException broken) {
      // Compressed, but not a compressed tar we can read: keep it as an opaque blob.
      return notALayer(digest, size, mediaType);
    }
  }

  private static BlobInfo notALayer(Digest digest, long size, String mediaType) {
    String type = mediaType == null || mediaType.isBlank() ? OCTET_STREAM : mediaType;
    return new BlobInfo(digest, size, type, null, 0);
  }

  private void clearIngest() throws IOException {
    try (var leftovers = Files.list(ingest)) {
      for (Path left : (Iterable<Path>) leftovers::iterator) {
        Files.deleteIfExists(left);
      }
    }
  }
}
