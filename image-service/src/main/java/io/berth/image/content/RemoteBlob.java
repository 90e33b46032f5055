package io.berth.image.content;

/**
 * A blob in the layer-service's content store, as its blob endpoint describes it.
 *
 * @param digest the digest of the stored bytes
 * @param size their length
 * @param mediaType the media type
 * @param diffId the digest of the uncompressed tar for a layer, else null
 * @param diffSize the length of the uncompressed tar for a layer, else 0
 */
public record RemoteBlob(String digest, long size, String mediaType, String diffId, long diffSize) {

  /** Whether it is a layer tar. */
  public boolean isLayer() {
    return diffId != null;
  }
}
