package io.berth.events.image;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;
import java.util.Map;

/**
 * Asks the image-service to build an image from a Dockerfile ({@code docker build}); the build
 * context is a tar the gateway stored in the layer-service's content store beforehand.
 *
 * @param buildId the id the gateway chose for this build; keys every event of the build
 * @param contextDigest the {@code sha256:} digest of the build context tar in the content store
 * @param dockerfile the Dockerfile's path inside the context, or null for {@code Dockerfile}
 * @param tags references to tag the result with, like {@code app:1.0}
 * @param buildArgs values for the Dockerfile's {@code ARG}s
 * @param labels labels added to the image
 * @param target the stage to stop at in a multi-stage Dockerfile, or null for the last
 * @param noCache whether the step cache is ignored
 * @param pull whether base images are pulled even if present
 * @param removeIntermediate whether intermediate containers are removed after a successful build
 *     ({@code true} in Docker)
 * @param forceRemoveIntermediate whether intermediate containers are removed even after a failure
 * @param cacheFrom images whose steps may serve as cache
 * @param networkMode the network mode of {@code RUN} steps, or null for the default bridge
 */
public record ImageBuildRequested(
    String buildId,
    String contextDigest,
    String dockerfile,
    List<String> tags,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    String target,
    boolean noCache,
    boolean pull,
    boolean removeIntermediate,
    boolean forceRemoveIntermediate,
    List<String> cacheFrom,
    String networkMode)
    implements Command {
  public ImageBuildRequested {
    Checks.requireText(buildId, "buildId");
    Checks.requireDigest(contextDigest, "contextDigest");
    dockerfile = dockerfile == null ? "Dockerfile" : Checks.requireText(dockerfile, "dockerfile");
    tags = tags == null ? List.of() : List.copyOf(tags);
    buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    Checks.optionalText(target, "target");
    cacheFrom = cacheFrom == null ? List.of() : List.copyOf(cacheFrom);
    Checks.optionalText(networkMode, "networkMode");
  }

  @Override
  public String subject() {
    return buildId;
  }
}
