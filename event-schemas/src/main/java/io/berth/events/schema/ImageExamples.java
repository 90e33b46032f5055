package io.berth.events.schema;

import static io.berth.events.schema.Examples.BUILD_ID;
import static io.berth.events.schema.Examples.CONTAINER_ID;
import static io.berth.events.schema.Examples.NOW;

import io.berth.events.Message;
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageBuildFailed;
import io.berth.events.image.ImageBuildRequested;
import io.berth.events.image.ImageBuildStepFinished;
import io.berth.events.image.ImageBuildStepStarted;
import io.berth.events.image.ImageCommitRequested;
import io.berth.events.image.ImageCommitted;
import io.berth.events.image.ImageConfig;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageImportRequested;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImageLoadRequested;
import io.berth.events.image.ImageLoaded;
import io.berth.events.image.ImagePruneRequested;
import io.berth.events.image.ImagePullRequested;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImagePushRequested;
import io.berth.events.image.ImagePushed;
import io.berth.events.image.ImageRemoveRequested;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImageSaveRequested;
import io.berth.events.image.ImageSaved;
import io.berth.events.image.ImageTagRequested;
import io.berth.events.image.ImageTagged;
import io.berth.events.image.ImageUntagRequested;
import io.berth.events.image.ImageUntagged;
import io.berth.events.image.ImagesPruned;
import java.util.List;
import java.util.Map;

/** The image examples: {@code busybox:1.36} pulled, {@code app:1.0} built on it, and the rest. */
final class ImageExamples {

  static final String BUSYBOX_ID =
      "sha256:7013290bf60dfefb50c6b4cdc0b81034ec74561b34700f7c413a18df4d0bc1a8";
  static final String APP_ID =
      "sha256:b1a9e8563ae211ea8ec480b7935c44f8e1203d30559d689c5b86b24cc323f600";
  static final String COMMITTED_ID =
      "sha256:48668f6a66117cd1a93d114bd37aa4673d8ebc60862265cc90c54c731c23e874";
  static final String BASE_DIFF_ID =
      "sha256:64e71580c2ea7aa628b77c9e993096065cf51c3e5a1dbbb112e138d5b9cc4398";
  static final String APP_DIFF_ID =
      "sha256:7ff25f8956fcdb19b2b1b2e476773fae965ab4546912bf9a6c1c3a2bd42859d9";
  static final String APP_CHAIN_ID =
      "sha256:52a2832cb783be5edd32ab15f0fb565d9a3d8f13798b73b7d1a6b5d146ca5919";
  static final String COMMIT_DIFF_ID =
      "sha256:59a0e00e2e7c9f0fd4b48e879b8e547ee9814ae16732e529bbafad8a9c175987";
  static final String COMMIT_CHAIN_ID =
      "sha256:467c61aede01425efa3550f9d69858533ef405b05e4ece6dbaa86261cd81a901";
  static final String CONTEXT_DIGEST =
      "sha256:ea7792a26f405e2ae9c6f49ca93bbe6076ceac0a1fc53d83426c7d7f2d9377e4";
  static final String ARCHIVE_DIGEST =
      "sha256:0eb3e36bfb24dcd9bb1d1bece1531216b59539a8fde17ee80224af0653c92aa3";
  static final String MANIFEST_DIGEST =
      "sha256:05b3abf2579a5eb66403cd78be557fd860633a1fe2103c7642030defe32c657f";
  static final String OUTPUT_DIGEST =
      "sha256:e0ee8bb50685e05fa0f47ed04203ae953fdfd055f5bd2892ea186504254f8c3a";
  static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private ImageExamples() {}

  static ImageDescriptor busybox() {
    return new ImageDescriptor(
        BUSYBOX_ID,
        List.of("busybox:1.36"),
        new ImageConfig(List.of(PATH), List.of("sh"), null, null, null, null, null, null, null),
        List.of(BASE_DIFF_ID),
        List.of(BASE_DIFF_ID),
        null,
        4_261_550,
        NOW.minusSeconds(86_400));
  }

  static ImageDescriptor app() {
    return new ImageDescriptor(
        APP_ID,
        List.of("app:1.0", "app:latest"),
        appConfig(),
        List.of(BASE_DIFF_ID, APP_DIFF_ID),
        List.of(BASE_DIFF_ID, APP_CHAIN_ID),
        null,
        12_874_112,
        NOW.minusSeconds(600));
  }

  static ImageDescriptor committed() {
    return new ImageDescriptor(
        COMMITTED_ID,
        List.of("app:patched"),
        appConfig(),
        List.of(BASE_DIFF_ID, COMMIT_DIFF_ID),
        List.of(BASE_DIFF_ID, COMMIT_CHAIN_ID),
        APP_ID,
        12_880_640,
        NOW.plusSeconds(90));
  }

  private static ImageConfig appConfig() {
    return new ImageConfig(
        List.of(PATH),
        List.of("./app"),
        List.of(),
        "/srv",
        "app",
        List.of("8080/tcp"),
        List.of("/data"),
        Map.of("org.opencontainers.image.title", "app"),
        "SIGTERM");
  }

  static List<Message> all() {
    return List.of(
        new ImageBuildRequested(
            BUILD_ID,
            CONTEXT_DIGEST,
            "Dockerfile",
            List.of("app:1.0", "app:latest"),
            Map.of("VERSION", "1.0", "GOFLAGS", "-trimpath"),
            Map.of("org.opencontainers.image.title", "app"),
            null,
            false,
            false,
            true,
            false,
            List.of(),
            null),
        new ImageBuildStepStarted(
            BUILD_ID,
            2,
            4,
            "RUN make install",
            "5a3c1e2b9f104d7e8a6b2c0f1e3d5a7b9c8e6f4a2b0d1c3e5f7a9b8c6d4e2f0a"),
        new ImageBuildStepFinished(
            BUILD_ID,
            2,
            app(),
            APP_DIFF_ID,
            false,
            List.of("cc -O2 -o app main.c", "install -m 755 app /srv/app"),
            null),
        new ImageBuildCompleted(BUILD_ID, app(), List.of("app:1.0", "app:latest")),
        new ImageBuildFailed(
            BUILD_ID, 2, 2, "The command '/bin/sh -c make install' returned a non-zero code: 2"),
        new ImageImportRequested(
            ARCHIVE_DIGEST,
            "-",
            "rootfs",
            "2026.03",
            "imported from a tar",
            List.of("CMD [\"sh\"]")),
        new ImageImported(busybox(), "-"),
        new ImageLoadRequested(ARCHIVE_DIGEST),
        new ImageLoaded(ARCHIVE_DIGEST, List.of(busybox()), List.of("busybox:1.36")),
        new ImageSaveRequested("4f9a1c2e-7b3d-4e8f-9a6b-1c2d3e4f5a6b", List.of("app:1.0")),
        new ImageSaved(
            "4f9a1c2e-7b3d-4e8f-9a6b-1c2d3e4f5a6b", List.of(APP_ID), ARCHIVE_DIGEST, 12_902_400),
        new ImageTagRequested("app:1.0", "registry.example:5000/team/app", "1.0"),
        new ImageTagged(app(), "registry.example:5000/team/app:1.0", null),
        new ImageUntagRequested("app:latest"),
        new ImageUntagged(APP_ID, "app:latest"),
        new ImageRemoveRequested("app:1.0", false, false),
        new ImageRemoved(APP_ID, List.of("app:1.0", "app:latest"), List.of(APP_ID)),
        new ImagePruneRequested(
            "9c1e4b7a-2f3d-4a5b-8c6d-7e8f9a0b1c2d",
            false,
            List.of(),
            List.of("keep"),
            NOW.minusSeconds(86_400)),
        new ImagesPruned(
            "9c1e4b7a-2f3d-4a5b-8c6d-7e8f9a0b1c2d", List.of(), List.of(COMMITTED_ID), 6_528),
        new ImageCommitRequested(
            CONTAINER_ID,
            APP_ID,
            appConfig(),
            COMMIT_DIFF_ID,
            COMMIT_DIFF_ID,
            6_656,
            "app",
            "patched",
            "hot fix of the config",
            "Ada <ada@example.com>",
            List.of("ENV MODE=staging")),
        new ImageCommitted(committed(), CONTAINER_ID),
        new ImagePullRequested("busybox:1.36", "linux/amd64"),
        new ImagePulled(busybox(), "busybox:1.36", MANIFEST_DIGEST),
        new ImagePushRequested("registry.example:5000/team/app:1.0"),
        new ImagePushed(APP_ID, "registry.example:5000/team/app:1.0", MANIFEST_DIGEST, 741));
  }
}
