package io.berth.events.schema;

import static io.berth.events.schema.Examples.CONTAINER_ID;

import io.berth.events.Message;
import io.berth.events.layer.BlobDeleteRequested;
import io.berth.events.layer.BlobDeleted;
import io.berth.events.layer.BlobStored;
import io.berth.events.layer.ContextCopied;
import io.berth.events.layer.ContextCopyRequested;
import io.berth.events.layer.DiffCommitRequested;
import io.berth.events.layer.DiffCommitted;
import io.berth.events.layer.DirectoryLayerRequested;
import io.berth.events.layer.GarbageCollectRequested;
import io.berth.events.layer.GarbageCollected;
import io.berth.events.layer.SnapshotPrepareRequested;
import io.berth.events.layer.SnapshotPrepared;
import io.berth.events.layer.SnapshotRemoveRequested;
import io.berth.events.layer.SnapshotRemoved;
import java.util.List;

/** The layer examples: the example container's snapshot, its diff, and the content store. */
final class LayerExamples {

  private static final String TAR = "application/vnd.oci.image.layer.v1.tar";
  private static final String SNAPSHOTS = "/var/lib/berth/layer/snapshots/";

  private LayerExamples() {}

  static List<Message> all() {
    return List.of(
        new BlobStored(ImageExamples.APP_DIFF_ID, 8_612_864, TAR, ImageExamples.APP_DIFF_ID),
        new SnapshotPrepareRequested(
            CONTAINER_ID,
            ImageExamples.APP_CHAIN_ID,
            List.of(ImageExamples.BASE_DIFF_ID, ImageExamples.APP_DIFF_ID)),
        new SnapshotPrepared(
            CONTAINER_ID,
            ImageExamples.APP_CHAIN_ID,
            List.of(SNAPSHOTS + "2/fs", SNAPSHOTS + "1/fs"),
            SNAPSHOTS + "3/fs",
            SNAPSHOTS + "3/work"),
        new SnapshotRemoveRequested(CONTAINER_ID),
        new SnapshotRemoved(CONTAINER_ID),
        new DiffCommitRequested(CONTAINER_ID),
        new DiffCommitted(
            CONTAINER_ID, ImageExamples.COMMIT_DIFF_ID, ImageExamples.COMMIT_DIFF_ID, 6_656, TAR),
        new ContextCopyRequested(
            "build-" + Examples.BUILD_ID + "-3",
            ImageExamples.CONTEXT_DIGEST,
            null,
            List.of(),
            List.of("src", "Makefile"),
            List.of("src/.cache"),
            "./",
            "/src",
            "app:app",
            false,
            ImageExamples.APP_CHAIN_ID,
            List.of(ImageExamples.BASE_DIFF_ID, ImageExamples.APP_DIFF_ID)),
        new ContextCopied(
            "build-" + Examples.BUILD_ID + "-3",
            ImageExamples.COMMIT_DIFF_ID,
            ImageExamples.COMMIT_DIFF_ID,
            6_656,
            TAR,
            42),
        new DirectoryLayerRequested(
            "build-" + Examples.BUILD_ID + "-4",
            "/src/app",
            ImageExamples.APP_CHAIN_ID,
            List.of(ImageExamples.BASE_DIFF_ID, ImageExamples.APP_DIFF_ID)),
        new BlobDeleteRequested(ImageExamples.COMMIT_DIFF_ID),
        new BlobDeleted(ImageExamples.COMMIT_DIFF_ID, 6_656),
        new GarbageCollectRequested("c7e1d2f3-0a4b-4c5d-8e9f-1a2b3c4d5e6f"),
        new GarbageCollected("c7e1d2f3-0a4b-4c5d-8e9f-1a2b3c4d5e6f", 3, 2, 21_495_808));
  }
}
