package io.berth.layer.tar;

import java.util.regex.Pattern;

/**
 * A layer tar written by {@link DiffWriter}.
 *
 * @param diffId {@code sha256:<hex>} of the uncompressed tar bytes, the layer's DiffID (OCI image
 *     spec, config.md "Layer DiffID")
 * @param size length of the tar in bytes
 */
public record DiffResult(String diffId, long size) {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  public DiffResult {
    if (!SHA256.matcher(diffId).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + diffId);
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
  }
}
