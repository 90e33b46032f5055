package io.berth.container.network;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A port a running container publishes, with the host port in use.
 *
 * @param id {@code containerId/protocol/hostIp/hostPort}
 * @param containerId the container
 * @param protocol {@code tcp} or {@code udp}
 * @param containerPort the port inside
 * @param hostIp the host address, empty for all
 * @param hostPort the host port
 * @param targetIp the container's address it is forwarded to
 * @param bridge the bridge the container's address is on
 */
@MappedEntity("published_port")
public record PublishedPortRow(
    @Id String id,
    String containerId,
    String protocol,
    int containerPort,
    String hostIp,
    int hostPort,
    String targetIp,
    String bridge) {}
