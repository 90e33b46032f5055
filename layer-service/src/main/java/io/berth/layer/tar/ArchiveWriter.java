package io.berth.layer.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Writes a deterministic uncompressed tar of {@link ArchiveEntry ArchiveEntries} with the same
 * header conventions as the diffs of snapshots (ustar, PAX only where ustar cannot hold a value,
 * empty owner names, whole-second times); the caller chooses the order of the entries.
 */
public final class ArchiveWriter {

  private final TarWriter tar;

  /**
   * A writer onto a stream.
   *
   * @param out where the tar goes; flushed by {@link #finish()}, never closed
   */
  public ArchiveWriter(OutputStream out) {
    this.tar = new TarWriter(out);
  }

  /**
   * Writes an entry's header; a regular file's {@code size} bytes must follow through {@link
   * #write}.
   *
   * @param entry the entry; a directory's name gets its trailing slash here
   * @throws IOException if the stream fails or the previous entry is incomplete
   */
  public void put(ArchiveEntry entry) throws IOException {
    String name = entry.type() == ArchiveEntry.Type.DIRECTORY ? entry.path() + "/" : entry.path();
    boolean device =
        entry.type() == ArchiveEntry.Type.CHAR_DEVICE
            || entry.type() == ArchiveEntry.Type.BLOCK_DEVICE;
    tar.putEntry(
        new TarEntry(
            name,
            entry.type().flag(),
            entry.mode(),
            entry.uid(),
            entry.gid(),
            entry.size(),
            FileTime.from(entry.mtime(), TimeUnit.SECONDS),
            null,
            entry.linkName(),
            device ? entry.devMajor() : 0,
            device ? entry.devMinor() : 0,
            entry.xattrs()));
  }

  /** Writes content of the current regular file. */
  public void write(byte[] bytes, int off, int len) throws IOException {
    tar.write(bytes, off, len);
  }

  /** Ends the archive with its two zero blocks and flushes the stream. */
  public void finish() throws IOException {
    tar.finish();
  }
}
