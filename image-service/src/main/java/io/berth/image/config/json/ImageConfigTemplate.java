package io.berth.image.config.json;

import io.berth.image.config.Digest;
import io.berth.image.config.History;
import io.berth.image.config.RunConfig;
import java.time.Instant;
import java.util.List;

/**
 * The fields of a new image config, as Docker's {@code image.Image} struct holds them before it
 * marshals one; empty strings and lists are left out of the JSON as Go's {@code omitempty} does.
 *
 * @param architecture the CPU architecture
 * @param author the author, or null
 * @param comment the comment, or null
 * @param config the runtime config, or null
 * @param container the id of the committed container, or null
 * @param containerConfig the committed container's config (Docker writes it always)
 * @param created when the image was made
 * @param dockerVersion the version of the engine that made it, or null
 * @param history the history, oldest first
 * @param os the operating system
 * @param osFeatures required OS features, or null
 * @param osVersion the OS version, or null
 * @param parent the parent image id Docker 1.x wrote, or null
 * @param diffIds the layers' diff ids, bottom first
 * @param variant the CPU variant, or null
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/image/image.go">moby image/image.go</a>
 */
public record ImageConfigTemplate(
    String architecture,
    String author,
    String comment,
    RunConfig config,
    String container,
    RunConfig containerConfig,
    Instant created,
    String dockerVersion,
    List<History> history,
    String os,
    List<String> osFeatures,
    String osVersion,
    String parent,
    List<Digest> diffIds,
    String variant) {

  public ImageConfigTemplate {
    containerConfig = containerConfig == null ? RunConfig.empty() : containerConfig;
    history = history == null ? List.of() : List.copyOf(history);
    osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
  }
}
