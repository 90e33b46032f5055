package io.berth.events.schema;

import static io.berth.events.schema.Examples.CONTAINER_ID;
import static io.berth.events.schema.Examples.NOW;
import static io.berth.events.schema.Examples.REQUEST_ID;

import io.berth.events.Message;
import io.berth.events.query.VolumeDetails;
import io.berth.events.query.VolumeListReported;
import io.berth.events.query.VolumeListRequested;
import io.berth.events.volume.VolumeCreateRequested;
import io.berth.events.volume.VolumeCreated;
import io.berth.events.volume.VolumeMounted;
import io.berth.events.volume.VolumePruneRequested;
import io.berth.events.volume.VolumeRemoveRequested;
import io.berth.events.volume.VolumeRemoved;
import io.berth.events.volume.VolumeUnmounted;
import io.berth.events.volume.VolumesPruned;
import java.util.List;
import java.util.Map;

/**
 * The volume examples: {@code docker volume create pgdata}, {@code docker run -v pgdata:/data web}
 * and what follows.
 */
final class VolumeExamples {

  private static final String MOUNTPOINT = "/var/lib/berth/container-service/volumes/pgdata/_data";
  private static final String PRUNE_ID = "3f9a7c21-0d4e-4b8a-9c6f-1e2d3b4a5c6d";
  private static final String ANONYMOUS =
      "9b0d2c4e6f8a1b3d5c7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c";

  private VolumeExamples() {}

  static List<Message> all() {
    return List.of(
        new VolumeCreateRequested("pgdata", "local", Map.of("team", "web"), Map.of()),
        new VolumeCreated("pgdata", "local", MOUNTPOINT, Map.of("team", "web"), NOW, false),
        new VolumeRemoveRequested("pgdata", false),
        new VolumeRemoved("pgdata", "local"),
        new VolumePruneRequested(PRUNE_ID, false, List.of()),
        new VolumesPruned(PRUNE_ID, List.of(ANONYMOUS), 4096),
        new VolumeMounted("pgdata", CONTAINER_ID, "/data", "local", true, ""),
        new VolumeUnmounted("pgdata", CONTAINER_ID, "local"));
  }

  static List<Message> queries() {
    return List.of(
        new VolumeListRequested(REQUEST_ID),
        new VolumeListReported(
            REQUEST_ID,
            List.of(
                new VolumeDetails(
                    "pgdata",
                    "local",
                    MOUNTPOINT,
                    NOW,
                    Map.of("team", "web"),
                    Map.of(),
                    false,
                    List.of(CONTAINER_ID)))));
  }
}
