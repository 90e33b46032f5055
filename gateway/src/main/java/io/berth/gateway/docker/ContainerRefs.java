package io.berth.gateway.docker;

import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.gateway.bus.Bus;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Turns what a client names a container by (a name, a full id or a unique id prefix) into its full
 * id, which keys every container command. An unknown reference fails with the container-service's
 * {@code NOT_FOUND} ("No such container: x", a 404).
 */
final class ContainerRefs {

  /** moby's {@code RestrictedNamePattern}; a leading slash is allowed and dropped. */
  private static final Pattern NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");

  private ContainerRefs() {}

  /** The container a reference names. */
  static CompletableFuture<ContainerResolved> resolve(Bus bus, String reference) {
    return bus.query(new ContainerResolveRequested(UUID.randomUUID().toString(), reference))
        .thenApply(reply -> Outcomes.expect(reply, ContainerResolved.class));
  }

  /**
   * The full id of the container a reference names. A full id (what the CLI sends after create)
   * costs no round trip: whatever is then asked of a container that does not exist ends in {@code
   * NOT_FOUND} all the same.
   */
  static CompletableFuture<String> id(Bus bus, String reference) {
    if (io.berth.events.container.ContainerIds.isId(reference)) {
      return CompletableFuture.completedFuture(reference);
    }
    return resolve(bus, reference).thenApply(ContainerResolved::containerId);
  }

  /**
   * Checks a name given to create or rename, as moby does; returns it without a leading slash.
   *
   * @throws DockerApiException 400 {@code Invalid container name (x), only
   *     [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed}
   */
  static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw DockerApiException.badRequest(
          "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    }
    return name.startsWith("/") ? name.substring(1) : name;
  }
}
