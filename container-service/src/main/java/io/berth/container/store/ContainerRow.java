package io.berth.container.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;

/**
 * A container record.
 *
 * @param id the full id
 * @param name the name, without a leading slash
 * @param image the reference it was created from
 * @param imageId the image id
 * @param config the effective config as JSON
 * @param hostConfig the host config as JSON
 * @param state its state
 * @param createdAt when it was created
 */
@MappedEntity("container")
public record ContainerRow(
    @Id String id,
    String name,
    String image,
    String imageId,
    String config,
    String hostConfig,
    @TypeDef(type = DataType.STRING) ContainerState state,
    Instant createdAt) {}
