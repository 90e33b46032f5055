package io.berth.image.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where {@link ArchiveReader} puts the members that may be layers, while it reads the archive in
 * one pass; usually the layer content store. {@link BlobInspector} computes the digests.
 */
@FunctionalInterface
public interface BlobSink {

  /**
   * Stores one member and says what it is.
   *
   * @param memberPath the member's path in the archive, like {@code blobs/sha256/<hex>}
   * @param content the member's bytes; read it to the end, closing it is not needed
   * @param size the number of bytes
   * @return what was stored; its size must equal {@code size}
   * @throws IOException when the content cannot be read or stored
   */
  StoredBlob store(String memberPath, InputStream content, long size) throws IOException;
}
