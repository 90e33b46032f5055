package io.berth.gateway.docker;

import io.berth.events.query.ContainerListReported;
import io.berth.events.query.ContainerListRequested;
import io.berth.events.query.ContainerSummary;
import io.berth.events.query.ImageInspectRequested;
import io.berth.events.query.ImageInspected;
import io.berth.events.query.ImageLayer;
import io.berth.events.query.ImageListReported;
import io.berth.events.query.ImageListRequested;
import io.berth.events.query.ImageSummary;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.docker.json.ContainerListJson;
import io.berth.gateway.docker.json.DiskUsageJson;
import io.berth.gateway.docker.json.ImageSummaryJson;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code docker system df}: images from the image-service, containers from the container-service,
 * and the layer accounting from each image's layers, so that {@code LayersSize} counts a layer two
 * images share once, as moby's layer store does.
 */
@Singleton
class DiskUsage {

  /** The {@code ?type=} values moby takes. */
  static final Set<String> TYPES = Set.of("container", "image", "volume", "build-cache");

  private final Bus bus;

  DiskUsage(Bus bus) {
    this.bus = bus;
  }

  /**
   * The parts asked for: every part when {@code type} is absent or the API is older than 1.42.
   *
   * @throws DockerApiException 400 {@code unknown object type: x}
   */
  static Set<String> parts(List<String> types, String apiVersion) {
    if (types == null || types.isEmpty() || DockerApi.before(apiVersion, "1.42")) {
      return TYPES;
    }
    Set<String> parts = new LinkedHashSet<>();
    for (String type : types) {
      if (!TYPES.contains(type)) {
        throw DockerApiException.badRequest("unknown object type: " + type);
      }
      parts.add(type);
    }
    return parts;
  }

  /** Gathers the report of the parts asked for. */
  CompletableFuture<Map<String, Object>> report(Set<String> parts, String apiVersion) {
    boolean images = parts.contains("image");
    boolean containers = parts.contains("container");
    String id = UUID.randomUUID().toString();
    CompletableFuture<List<ContainerSummary>> containerList =
        images || containers
            ? bus.query(new ContainerListRequested(id + "-c", true))
                .thenApply(r -> Outcomes.expect(r, ContainerListReported.class).containers())
            : CompletableFuture.completedFuture(List.of());
    CompletableFuture<ImageUsage> imageUsage =
        images ? imageUsage(id) : CompletableFuture.completedFuture(null);
    return containerList.thenCombine(
        imageUsage,
        (containerSummaries, usage) ->
            DiskUsageJson.body(
                usage == null ? null : usage.layers().layersSize(),
                usage == null ? null : imageEntries(usage, containerSummaries, apiVersion),
                containers ? containerEntries(containerSummaries) : null,
                parts.contains("volume"),
                parts.contains("build-cache")));
  }

  /** Every image, and the layers of each (an image removed meanwhile is left out). */
  private record ImageUsage(List<ImageSummary> images, DiskUsageJson.LayerUsage layers) {}

  private CompletableFuture<ImageUsage> imageUsage(String id) {
    return bus.query(new ImageListRequested(id + "-i"))
        .thenCompose(
            reply -> {
              List<ImageSummary> images = Outcomes.expect(reply, ImageListReported.class).images();
              List<CompletableFuture<ImageInspected>> inspections =
                  images.stream().map(image -> inspect(image.imageId())).toList();
              return CompletableFuture.allOf(inspections.toArray(CompletableFuture[]::new))
                  .thenApply(
                      done -> {
                        Map<String, List<ImageLayer>> layers = new LinkedHashMap<>();
                        inspections.stream()
                            .map(CompletableFuture::join)
                            .filter(Objects::nonNull)
                            .forEach(image -> layers.put(image.imageId(), image.layers()));
                        return new ImageUsage(images, DiskUsageJson.layerUsage(layers));
                      });
            });
  }

  private CompletableFuture<ImageInspected> inspect(String imageId) {
    return bus.query(new ImageInspectRequested(UUID.randomUUID().toString(), imageId))
        .thenApply(
            reply -> {
              try {
                return Outcomes.expect(reply, ImageInspected.class);
              } catch (DockerApiException e) {
                if (e.status() == HttpStatus.NOT_FOUND) {
                  return null; // removed since the list was made
                }
                throw e;
              }
            });
  }

  /** The top images, as moby's df lists them: shared sizes and container counts filled in. */
  private static List<Map<String, Object>> imageEntries(
      ImageUsage usage, List<ContainerSummary> containers, String apiVersion) {
    ImageSummaryJson.Options options =
        new ImageSummaryJson.Options(
            true, true, DockerApi.before(apiVersion, "1.44"), DockerApi.before(apiVersion, "1.43"));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (ImageFilters.Listed listed :
        ImageFilters.list(
            usage.images(), FilterArgs.NONE, false, Instant.now(), ZoneId.systemDefault())) {
      ImageSummary image = listed.image();
      long shared =
          usage.layers().sharedSizes().containsKey(image.imageId())
              ? usage.layers().sharedSize(image.imageId())
              : image.sharedSize();
      entries.add(
          ImageSummaryJson.entry(
              image, listed.repoTags(), shared, containersOf(image, containers), options));
    }
    return entries;
  }

  /** The containers made from an image, by id, or by reference when a container lacks the id. */
  static long containersOf(ImageSummary image, List<ContainerSummary> containers) {
    return containers.stream()
        .filter(
            c ->
                c.imageId() != null
                    ? c.imageId().equals(image.imageId())
                    : c.image() != null && image.repoTags().contains(c.image()))
        .count();
  }

  private static List<Map<String, Object>> containerEntries(List<ContainerSummary> containers) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (ContainerSummary container : containers) {
      Map<String, Object> entry = ContainerListJson.entry(container);
      // moby lists them with ?size=1; Berth does not measure upper directories yet.
      entry.put("SizeRw", 0L);
      entry.put("SizeRootFs", 0L);
      entries.add(entry);
    }
    return entries;
  }
}
