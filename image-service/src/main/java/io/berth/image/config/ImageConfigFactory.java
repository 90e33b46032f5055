package io.berth.image.config;

import io.berth.image.config.json.ImageConfigJson;
import io.berth.image.config.json.ImageConfigTemplate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes new image configs the way Docker's classic image store writes them, so that the same
 * inputs give the same bytes and the same image id as Docker.
 *
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/daemon/images/image_import.go">moby
 *     ImportImage</a>
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/image/image.go">moby NewChildImage</a>
 */
public final class ImageConfigFactory {

  private final Platform platform;
  private final String dockerVersion;

  /**
   * A factory for images of a platform.
   *
   * @param platform the platform of imported images and of images without a parent
   * @param dockerVersion the engine version written as {@code docker_version}, or null for none
   */
  public ImageConfigFactory(Platform platform, String dockerVersion) {
    this.platform = Objects.requireNonNull(platform, "platform");
    this.dockerVersion = dockerVersion == null || dockerVersion.isEmpty() ? null : dockerVersion;
  }

  /** A factory for Linux images of this machine's CPU. */
  public static ImageConfigFactory forHost(String dockerVersion) {
    return new ImageConfigFactory(Platform.host(), dockerVersion);
  }

  /**
   * The config {@code docker import} writes: one layer, one history entry, the comment in both.
   *
   * @param diffId the diff id of the imported (uncompressed) layer
   * @param source where the tar came from: {@code -} or a URL; used when message is empty
   * @param message the commit message, or null for {@code Imported from <source>}
   * @param config the runtime config, usually {@link Changes#apply} on {@link RunConfig#empty()}
   * @param created the creation time
   * @return the new config
   */
  public ImageConfigDocument forImport(
      Digest diffId, String source, String message, RunConfig config, Instant created) {
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(created, "created");
    // The API router, not ImportImage, makes the default comment (postImagesCreate).
    String comment = message == null || message.isEmpty() ? "Imported from " + source : message;
    ImageConfigTemplate template =
        new ImageConfigTemplate(
            platform.architecture(),
            null,
            comment,
            Objects.requireNonNull(config, "config"),
            null,
            RunConfig.empty(),
            created,
            dockerVersion,
            List.of(new History(created, null, null, comment, false)),
            platform.os(),
            null,
            null,
            null,
            List.of(diffId),
            platform.variant());
    return ImageConfigDocument.parse(ImageConfigJson.write(template));
  }

  /**
   * A child of an image, as {@code docker commit} and each build step make one: the parent's layers
   * and history, plus one step. The platform is the parent's; {@code container} and {@code
   * container_config} are left empty, and the author is the step's.
   *
   * @param parent the parent image, or null for an image from scratch
   * @param diffId the new layer's diff id, or null when the step made no layer
   * @param history the new step; its {@code emptyLayer} is set from {@code diffId}, a missing time
   *     becomes now
   * @param config the child's runtime config
   * @return the new config
   */
  public ImageConfigDocument derive(
      ImageConfigDocument parent, Digest diffId, History history, RunConfig config) {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(config, "config");
    Instant created = history.created() == null ? Instant.now() : history.created();
    History step =
        new History(
            created, history.createdBy(), history.author(), history.comment(), diffId == null);
    ImageConfigTemplate base = parent == null ? null : parent.fields();
    List<Digest> diffIds = new ArrayList<>(base == null ? List.of() : base.diffIds());
    List<History> steps = new ArrayList<>(base == null ? List.of() : base.history());
    if (diffId != null) {
      diffIds.add(diffId);
    }
    steps.add(step);
    Platform from = parent == null ? platform : parent.platform();
    ImageConfigTemplate template =
        new ImageConfigTemplate(
            from.architecture(),
            step.author(),
            null,
            config,
            null,
            RunConfig.empty(),
            created,
            dockerVersion,
            steps,
            from.os(),
            base == null ? null : base.osFeatures(),
            base == null ? null : base.osVersion(),
            null,
            diffIds,
            from.variant());
    return ImageConfigDocument.parse(ImageConfigJson.write(template));
  }
}
