package io.berth.image.archive;

import io.berth.image.config.Digest;
import java.io.IOException;
import java.io.InputStream;

/** Where {@link ArchiveWriter} gets the uncompressed tar of a layer; usually the layer store. */
@FunctionalInterface
public interface LayerSource {

  /**
   * Opens a layer's uncompressed tar.
   *
   * @param diffId the layer's diff id
   * @return the tar's bytes; the writer closes the stream
   * @throws IOException when the layer is unknown or cannot be read
   */
  InputStream open(Digest diffId) throws IOException;
}
