package io.berth.image.archive;

import io.berth.image.config.Digest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes images into one archive ({@code docker save}) that holds both Docker's {@code
 * manifest.json} and the OCI image layout, as Docker 25+ does, so that Docker 20.10 and OCI tools
 * both load it. Layers are streamed from a {@link LayerSource}, uncompressed, each blob once.
 *
 * <p>The output is reproducible: members in name order, mtime 0, owner 0:0, no owner names.
 *
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/image/tarexport/save.go">moby
 *     tarexport/save.go</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">OCI image
 *     layout</a>
 */
public final class ArchiveWriter {

  private final LayerSource layers;

  /**
   * A writer.
   *
   * @param layers where the layers' tars come from
   */
  public ArchiveWriter(LayerSource layers) {
    this.layers = Objects.requireNonNull(layers, "layers");
  }

  /**
   * Writes an archive.
   *
   * @param images the images, in the order {@code manifest.json} lists them
   * @param out where the tar goes; finished but not closed
   * @throws ArchiveException when a layer's bytes do not match its diff id or size
   * @throws IOException when a layer cannot be read or the output fails
   */
  public void write(List<SavedImage> images, OutputStream out) throws IOException {
    ArchiveContents contents = ArchiveContents.of(images);
    writeTar(contents.blobs(), contents.metadata(), out);
  }

  private void writeTar(
      Map<Digest, ArchiveContents.Blob> blobs, Map<String, byte[]> metadata, OutputStream out)
      throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(nonClosing(out));
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    directory(tar, "blobs/");
    directory(tar, "blobs/sha256/");
    for (Map.Entry<Digest, ArchiveContents.Blob> blob : blobs.entrySet()) {
      String path = OciLayoutLoader.blobPath(blob.getKey());
      tar.putArchiveEntry(file(path, blob.getValue().size()));
      if (blob.getValue().bytes() != null) {
        tar.write(blob.getValue().bytes());
      } else {
        copyLayer(blob.getValue().layer(), tar);
      }
      tar.closeArchiveEntry();
    }
    for (Map.Entry<String, byte[]> member : metadata.entrySet()) {
      tar.putArchiveEntry(file(member.getKey(), member.getValue().length));
      tar.write(member.getValue());
      tar.closeArchiveEntry();
    }
    // Closing finishes the tar; the caller's stream stays open.
    tar.close();
  }

  /** Streams a layer into the tar, checking its size and digest as it passes. */
  private void copyLayer(SavedLayer layer, OutputStream tar) throws IOException {
    MessageDigest sha = Digest.newSha256();
    byte[] buffer = new byte[64 * 1024];
    long copied = 0;
    try (InputStream in = layers.open(layer.diffId())) {
      while (copied < layer.size()) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, layer.size() - copied));
        if (n < 0) {
          break;
        }
        sha.update(buffer, 0, n);
        tar.write(buffer, 0, n);
        copied += n;
      }
      if (copied != layer.size() || in.read() != -1) {
        throw new ArchiveException(
            "layer " + layer.diffId() + " is not " + layer.size() + " bytes long");
      }
    }
    Digest actual = Digest.fromHash(sha.digest());
    if (!actual.equals(layer.diffId())) {
      throw new ArchiveException("layer " + layer.diffId() + " has digest " + actual);
    }
  }

  private static void directory(TarArchiveOutputStream tar, String path) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
    owned(entry);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry file(String path, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setMode(0100644);
    entry.setSize(size);
    owned(entry);
    return entry;
  }

  private static void owned(TarArchiveEntry entry) {
    entry.setModTime(0);
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("");
    entry.setGroupName("");
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
