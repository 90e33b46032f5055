package io.berth.image.archive.json;

import java.util.Set;

/**
 * The media types of images in archives, OCI's and Docker's.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/media-types.md">OCI media
 *     types</a>
 */
public final class MediaTypes {

  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String OCTET_STREAM = "application/octet-stream";

  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);
  private static final Set<String> MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);

  private MediaTypes() {}

  /** Whether a media type names an index (a list of manifests). */
  public static boolean isIndex(String mediaType) {
    return INDEXES.contains(mediaType);
  }

  /** Whether a media type names an image manifest. */
  public static boolean isManifest(String mediaType) {
    return MANIFESTS.contains(mediaType);
  }
}
