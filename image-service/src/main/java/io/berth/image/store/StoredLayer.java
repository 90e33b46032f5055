package io.berth.image.store;

/**
 * One layer of a stored image.
 *
 * @param diffId the digest of the uncompressed layer tar
 * @param chainId the chain id up to this layer
 * @param blobDigest the digest of the blob holding it in the content store
 * @param mediaType the blob's media type
 * @param size the uncompressed size in bytes
 */
public record StoredLayer(
    String diffId, String chainId, String blobDigest, String mediaType, long size) {}
