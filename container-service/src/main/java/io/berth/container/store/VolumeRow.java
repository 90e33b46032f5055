package io.berth.container.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A volume record.
 *
 * @param name its name
 * @param driver {@code local}
 * @param labels its labels as JSON
 * @param options its driver options as JSON
 * @param anonymous whether it was made for one container
 * @param createdAt when it was created
 */
@MappedEntity("volume")
public record VolumeRow(
    @Id String name,
    String driver,
    String labels,
    String options,
    boolean anonymous,
    Instant createdAt) {}
