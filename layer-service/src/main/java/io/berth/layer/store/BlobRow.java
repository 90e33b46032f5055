package io.berth.layer.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A blob in the content store's index; its bytes live in a file named by its digest.
 *
 * @param digest {@code sha256:} digest of the bytes as stored
 * @param mediaType OCI media type
 * @param size size in bytes
 * @param diffId digest of the uncompressed tar, for layers
 * @param diffSize size of the uncompressed tar, for layers; else 0
 * @param storedAt when it was stored
 * @param leaseUntil the garbage collector leaves it alone until then, referenced or not
 */
@MappedEntity("blob")
public record BlobRow(
    @Id String digest,
    String mediaType,
    long size,
    @Nullable String diffId,
    long diffSize,
    Instant storedAt,
    @Nullable Instant leaseUntil) {}
