package io.berth.image.config;

import io.berth.events.image.ImageConfig;
import io.berth.image.config.json.ImageConfigJson;
import io.berth.image.config.json.ImageConfigTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The config of an image made by {@code docker commit}, as moby makes it: the container's config
 * with the {@code --change} instructions applied, then merged with the container's config where the
 * result leaves something out; the parent's layers and history plus one step for the new layer.
 *
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/daemon/commit.go">moby daemon/commit.go
 *     (CreateImageFromContainer, merge)</a>
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/image/image.go">moby NewChildImage</a>
 */
public final class CommitConfig {

  /**
   * The diff id of a layer without changes (a tar of nothing but its end), which moby's {@code
   * NewChildImage} leaves out of the rootfs, marking the history step {@code empty_layer}.
   */
  public static final Digest EMPTY_LAYER =
      Digest.parse("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");

  private CommitConfig() {}

  /**
   * The container's config as Docker holds it. Berth's container records carry the fields of the
   * event-level {@link ImageConfig}; Docker's container config also holds the health check and the
   * volumes its create merged in from the image, which are taken from the parent here. Docker's
   * create does not merge {@code OnBuild}, {@code Shell}, {@code StopTimeout} or {@code
   * ArgsEscaped}, so a committed image has none of them unless a change sets it.
   *
   * @param container the container's config
   * @param parent the runtime config of the image the container was created from
   * @param image the {@code Image} field: what the container was created from
   */
  public static RunConfig containerConfig(ImageConfig container, RunConfig parent, String image) {
    return RunConfig.builder()
        .user(container.user())
        .exposedPorts(nullIfEmpty(container.exposedPorts()))
        .env(nullIfEmpty(container.env()))
        .cmd(nullIfEmpty(container.cmd()))
        .healthcheck(parent.healthcheck())
        .image(image)
        .volumes(container.volumes().isEmpty() ? parent.volumes() : container.volumes())
        .workingDir(container.workingDir())
        .entrypoint(nullIfEmpty(container.entrypoint()))
        .labels(container.labels())
        .stopSignal(container.stopSignal())
        .build();
  }

  /**
   * The new image's runtime config: the changes applied to the container's config, then moby's
   * {@code merge} of the result with the container's config.
   *
   * @throws IllegalArgumentException with Docker's wording when a change is not allowed or
   *     malformed
   */
  public static RunConfig imageConfig(RunConfig container, List<String> changes) {
    return merge(Changes.apply(container, changes), container);
  }

  /**
   * moby's {@code merge(userConf, imageConf)}: fills what {@code user} leaves unset from {@code
   * container}; env and labels are merged key by key (the user's win), ports and volumes are
   * united, an entrypoint keeps the user's command alone.
   */
  static RunConfig merge(RunConfig user, RunConfig container) {
    RunConfig.Builder merged = user.toBuilder();
    if (user.user().isEmpty()) {
      merged.user(container.user());
    }
    merged.exposedPorts(union(user.exposedPorts(), container.exposedPorts()));
    merged.env(mergeEnv(user.env(), container.env()));
    Map<String, String> labels = new LinkedHashMap<>();
    if (container.labels() != null) {
      labels.putAll(container.labels());
    }
    if (user.labels() != null) {
      labels.putAll(user.labels());
    }
    merged.labels(labels); // moby makes the map even when both are empty: "Labels": {}
    if (isEmpty(user.entrypoint())) {
      if (isEmpty(user.cmd())) {
        merged.cmd(container.cmd());
      }
      if (user.entrypoint() == null) {
        merged.entrypoint(container.entrypoint());
      }
    }
    merged.healthcheck(mergeHealthcheck(user.healthcheck(), container.healthcheck()));
    if (user.workingDir().isEmpty()) {
      merged.workingDir(container.workingDir());
    }
    merged.volumes(union(user.volumes(), container.volumes()));
    if (user.stopSignal().isEmpty()) {
      merged.stopSignal(container.stopSignal());
    }
    return merged.build();
  }

  /**
   * The committed image's config document.
   *
   * @param parent the parent image's config
   * @param diffId the new layer's diff id; {@link #EMPTY_LAYER} adds no layer
   * @param config the new image's runtime config ({@link #imageConfig})
   * @param containerConfig the container's config, written as {@code container_config}
   * @param containerId the committed container's id
   * @param author the author, or null
   * @param comment the commit message, or null; moby keeps it in the history entry only
   * @param created the creation time
   * @param dockerVersion the engine version written as {@code docker_version}, or null
   */
  public static ImageConfigDocument document(
      ImageConfigDocument parent,
      Digest diffId,
      RunConfig config,
      RunConfig containerConfig,
      String containerId,
      String author,
      String comment,
      Instant created,
      String dockerVersion) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(diffId, "diffId");
    ImageConfigTemplate base = parent.fields();
    boolean empty = diffId.equals(EMPTY_LAYER);
    List<Digest> diffIds = new ArrayList<>(base.diffIds());
    if (!empty) {
      diffIds.add(diffId);
    }
    // moby's NewHistory: created_by is the container's command joined by spaces.
    String createdBy =
        String.join(" ", containerConfig.cmd() == null ? List.of() : containerConfig.cmd());
    List<History> history = new ArrayList<>(base.history());
    history.add(new History(created, createdBy, author, comment, empty));
    Platform platform = parent.platform();
    ImageConfigTemplate template =
        new ImageConfigTemplate(
            platform.architecture(),
            author,
            null,
            config,
            containerId,
            containerConfig,
            created,
            dockerVersion == null || dockerVersion.isEmpty() ? null : dockerVersion,
            history,
            platform.os(),
            base.osFeatures(),
            base.osVersion(),
            null,
            diffIds,
            platform.variant());
    return ImageConfigDocument.parse(ImageConfigJson.write(template));
  }

  private static List<String> mergeEnv(List<String> user, List<String> container) {
    if (isEmpty(user)) {
      return container;
    }
    List<String> env = new ArrayList<>(user);
    for (String entry : container == null ? List.<String>of() : container) {
      String name = name(entry);
      if (user.stream().noneMatch(own -> name(own).equals(name))) {
        env.add(entry);
      }
    }
    return env;
  }

  private static Healthcheck mergeHealthcheck(Healthcheck user, Healthcheck container) {
    if (container == null) {
      return user;
    }
    if (user == null) {
      return container;
    }
    return new Healthcheck(
        user.test().isEmpty() ? container.test() : user.test(),
        orElse(user.interval(), container.interval()),
        orElse(user.timeout(), container.timeout()),
        orElse(user.startPeriod(), container.startPeriod()),
        orElse(user.startInterval(), container.startInterval()),
        user.retries() == 0 ? container.retries() : user.retries());
  }

  private static Duration orElse(Duration own, Duration fallback) {
    return own.isZero() ? fallback : own;
  }

  private static List<String> union(List<String> user, List<String> container) {
    if (isEmpty(user)) {
      return container;
    }
    TreeSet<String> all = new TreeSet<>(user);
    if (container != null) {
      all.addAll(container);
    }
    return new ArrayList<>(all);
  }

  private static String name(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq);
  }

  private static boolean isEmpty(List<String> list) {
    return list == null || list.isEmpty();
  }

  private static List<String> nullIfEmpty(List<String> list) {
    return list.isEmpty() ? null : list;
  }
}
