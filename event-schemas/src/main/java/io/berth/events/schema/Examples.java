package io.berth.events.schema;

import io.berth.events.Catalogue;
import io.berth.events.CommandFailed;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.MessageType;
import io.berth.events.QueryFailed;
import io.berth.events.audit.RequestAudited;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.HostConfig;
import io.berth.events.query.ContainerCountsReported;
import io.berth.events.query.ContainerCountsRequested;
import io.berth.events.query.ContainerDetails;
import io.berth.events.query.ContainerInspectRequested;
import io.berth.events.query.ContainerInspected;
import io.berth.events.query.ContainerListReported;
import io.berth.events.query.ContainerListRequested;
import io.berth.events.query.ContainerResolveRequested;
import io.berth.events.query.ContainerResolved;
import io.berth.events.query.ContainerSummary;
import io.berth.events.query.ImageCountsReported;
import io.berth.events.query.ImageCountsRequested;
import io.berth.events.query.ImageInspectRequested;
import io.berth.events.query.ImageInspected;
import io.berth.events.query.ImageLayer;
import io.berth.events.query.ImageListReported;
import io.berth.events.query.ImageListRequested;
import io.berth.events.query.ImageSummary;
import io.berth.events.query.LayerCountsReported;
import io.berth.events.query.LayerCountsRequested;
import io.berth.events.query.MountPoint;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One realistic example payload per catalogue type: docs/events.md shows them, the JSON Schema
 * generator learns from them which fields a record requires, and tests decode them. They tell one
 * story: {@code busybox:1.36} is pulled, {@code app:1.0} is built from it, a container runs it, is
 * committed, stopped and removed.
 */
public final class Examples {

  /** The example container's id. */
  public static final String CONTAINER_ID =
      "a42d519714d616e9411dbceec4b52808bd6b1ee53e6f6497a281d655357d8b71";

  /** The example exec instance's id. */
  public static final String EXEC_ID =
      "2706c619fe73f0cf112473c6ee02e66c04e1c01c110b0c37b88d8eb509630c9f";

  /** A query's request id, which is also its correlation id. */
  public static final String REQUEST_ID = "0b6f3c9e-4d1a-4f47-9f0e-6f2d8c1b7a55";

  /** The example build's id. */
  public static final String BUILD_ID = "8d3c2a61-5b7e-4c0f-a1d9-2e6f4b8c0a13";

  /** When the example story happens. */
  public static final Instant NOW = Instant.parse("2026-03-14T09:26:53.589Z");

  private static final Map<Class<?>, Message> BY_CLASS = new LinkedHashMap<>();

  static {
    Stream.of(
            shared(),
            ContainerExamples.all(),
            ImageExamples.all(),
            LayerExamples.all(),
            VolumeExamples.all(),
            NetworkExamples.all(),
            queries(),
            VolumeExamples.queries())
        .flatMap(List::stream)
        .forEach(
            example -> {
              if (BY_CLASS.putIfAbsent(example.getClass(), example) != null) {
                throw new IllegalStateException("two examples of " + example.getClass());
              }
            });
  }

  private Examples() {}

  /**
   * The example of a catalogue type.
   *
   * @param type the type
   * @return its example payload
   * @throws IllegalArgumentException if the type has no example
   */
  public static Message of(MessageType<?> type) {
    Message example = BY_CLASS.get(type.payload());
    if (example == null) {
      throw new IllegalArgumentException("no example of " + type.type());
    }
    return example;
  }

  /** Every example, in catalogue order; a type without an example is left out. */
  public static List<Message> all() {
    return Catalogue.all().stream()
        .map(type -> BY_CLASS.get(type.payload()))
        .filter(Objects::nonNull)
        .toList();
  }

  private static List<Message> shared() {
    return List.of(
        new CommandFailed(
            CONTAINER_ID,
            "io.berth.container.RemoveRequested",
            ErrorCode.FAILED_PRECONDITION,
            "cannot remove container \"/web\": container is running: stop the container before"
                + " removing or force remove"),
        new QueryFailed(
            REQUEST_ID,
            "io.berth.query.ContainerResolveRequested",
            ErrorCode.NOT_FOUND,
            "No such container: nope"),
        new RequestAudited(
            "5e1c7a2b-9d4f-4e63-8b0a-3f6d2c9e1a47",
            "3c9d8e7f-1a2b-4c5d-9e8f-7a6b5c4d3e2f",
            "anonymous",
            "127.0.0.1",
            "Docker-Client/28.1.1 (linux)",
            "POST",
            "/v1.47/containers/create",
            "container.create",
            "{\"query\":{\"name\":\"web\"},\"command\":{\"config\":{\"image\":\"app:1.0\","
                + "\"env\":[\"DB_PASSWORD=<redacted>\"]}}}",
            201,
            null,
            NOW));
  }

  private static List<Message> queries() {
    return List.of(
        new ContainerCountsRequested(REQUEST_ID),
        new ContainerCountsReported(REQUEST_ID, 5, 2, 1, 2),
        new ImageCountsRequested(REQUEST_ID),
        new ImageCountsReported(REQUEST_ID, 3),
        new LayerCountsRequested(REQUEST_ID),
        new LayerCountsReported(REQUEST_ID, 7, 4, 18_834_432),
        new ContainerResolveRequested(REQUEST_ID, "web"),
        new ContainerResolved(REQUEST_ID, CONTAINER_ID, "web", "running"),
        new ContainerListRequested(REQUEST_ID, true),
        new ContainerListReported(
            REQUEST_ID,
            List.of(
                new ContainerSummary(
                    CONTAINER_ID,
                    "web",
                    "busybox:1.36",
                    ImageExamples.BUSYBOX_ID,
                    "httpd -f -p 8080",
                    NOW,
                    "running",
                    Map.of("tier", "front"),
                    null,
                    NOW,
                    null))),
        new ContainerInspectRequested(REQUEST_ID, "web"),
        new ContainerInspected(
            REQUEST_ID,
            new ContainerDetails(
                CONTAINER_ID,
                "web",
                "busybox:1.36",
                ImageExamples.BUSYBOX_ID,
                NOW,
                ContainerConfig.ofCmd(List.of("httpd", "-f", "-p", "8080")),
                HostConfig.defaults(),
                "running",
                4242,
                0,
                null,
                false,
                NOW,
                null,
                0,
                List.of(),
                "/var/lib/berth/container-service/containers/" + CONTAINER_ID + "/rootfs",
                "/var/lib/berth/container-service/containers/" + CONTAINER_ID + "/log",
                List.of(
                    new MountPoint(
                        "volume",
                        "pgdata",
                        "/var/lib/berth/container-service/volumes/pgdata/_data",
                        "/data",
                        "local",
                        "z",
                        true,
                        "",
                        false,
                        "")),
                List.of(),
                List.of())),
        new ImageListRequested(REQUEST_ID),
        new ImageListReported(
            REQUEST_ID,
            List.of(
                new ImageSummary(
                    ImageExamples.BUSYBOX_ID,
                    List.of("busybox:1.36"),
                    null,
                    NOW.minusSeconds(86_400),
                    4_261_550,
                    0,
                    Map.of(),
                    1))),
        new ImageInspectRequested(REQUEST_ID, "busybox:1.36"),
        new ImageInspected(
            REQUEST_ID,
            ImageExamples.BUSYBOX_ID,
            List.of("busybox:1.36"),
            null,
            NOW.minusSeconds(86_400),
            4_261_550,
            "{\"architecture\":\"amd64\",\"config\":{\"Cmd\":[\"sh\"]},\"os\":\"linux\","
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + ImageExamples.BASE_DIFF_ID
                + "\"]}}",
            List.of(
                new ImageLayer(
                    ImageExamples.BASE_DIFF_ID,
                    ImageExamples.BASE_DIFF_ID,
                    "application/vnd.oci.image.layer.v1.tar",
                    4_261_550))));
  }
}
