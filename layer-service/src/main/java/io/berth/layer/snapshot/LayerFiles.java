package io.berth.layer.snapshot;

import io.berth.layer.content.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * What snapshots need from the tar code: unpack a layer as an overlay lower directory, flatten a
 * chain of them, and write an upper directory's changes as a layer tar.
 */
public interface LayerFiles {

  /**
   * Unpacks one layer blob (a tar, plain or compressed) into a new directory, its whiteouts in
   * overlayfs's form, and checks that the uncompressed tar has the expected diff id.
   *
   * @return the bytes of regular files written
   * @throws IOException naming the entry when the archive is unsafe, or when the diff id differs
   */
  long unpack(InputStream blob, Path target, Digest diffId) throws IOException;

  /**
   * Merges lower directories, bottom first, into one plain directory as overlayfs would show them.
   */
  void flatten(List<Path> lowersBottomFirst, Path target) throws IOException;

  /** Writes the changes in an overlay upper directory as a layer tar, whiteouts in OCI's form. */
  void diff(Path upper, OutputStream tar) throws IOException;
}
