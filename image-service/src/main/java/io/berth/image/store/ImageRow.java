package io.berth.image.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * An image record.
 *
 * @param id the image id: the digest of its config
 * @param repoTags its tags as a JSON array
 * @param descriptor the whole {@code ImageDescriptor} as JSON
 * @param createdAt when it was created
 */
@MappedEntity("image")
public record ImageRow(@Id String id, String repoTags, String descriptor, Instant createdAt) {}
