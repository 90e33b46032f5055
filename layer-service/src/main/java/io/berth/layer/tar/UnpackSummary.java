package io.berth.layer.tar;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one {@link LayerUnpacker#unpack} did.
 *
 * @param compression how the blob was compressed
 * @param entries tar entries extracted (PAX and GNU meta records not counted)
 * @param compressedBytes bytes read from the blob
 * @param uncompressedBytes bytes of the uncompressed tar stream
 * @param regularFileBytes content bytes written to regular files
 * @param diffId {@code sha256:<hex>} of the uncompressed tar stream, the layer's DiffID (OCI image
 *     spec, config.md "Layer DiffID")
 */
public record UnpackSummary(
    Compression compression,
    long entries,
    long compressedBytes,
    long uncompressedBytes,
    long regularFileBytes,
    String diffId) {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  public UnpackSummary {
    Objects.requireNonNull(compression, "compression");
    if (!SHA256.matcher(diffId).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + diffId);
    }
    if (entries < 0 || compressedBytes < 0 || uncompressedBytes < 0 || regularFileBytes < 0) {
      throw new IllegalArgumentException("negative count");
    }
  }
}
