package io.berth.image.config.json;

import io.berth.image.config.Healthcheck;
import io.berth.image.config.History;
import io.berth.image.config.RunConfig;
import java.time.Duration;

/**
 * Writes image configs as Docker's classic image store does: top-level keys sorted (Docker's {@code
 * Image.MarshalJSON} re-marshals through a map), nested objects in Go struct order.
 *
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/image/image.go">moby
 *     image.MarshalJSON</a>
 * @see <a
 *     href="https://github.com/moby/moby/blob/v25.0.0/api/types/container/config.go">container.Config</a>
 */
public final class ImageConfigJson {

  private ImageConfigJson() {}

  /** The config's bytes, as Docker would write them for the same fields. */
  public static byte[] write(ImageConfigTemplate image) {
    GoJsonWriter json = new GoJsonWriter().beginObject();
    // Keys in Go's sorted map order.
    optional(json, "architecture", image.architecture());
    optional(json, "author", image.author());
    optional(json, "comment", image.comment());
    if (image.config() != null) {
      runConfig(json.name("config"), image.config());
    }
    optional(json, "container", image.container());
    runConfig(json.name("container_config"), image.containerConfig());
    json.name("created").value(image.created());
    optional(json, "docker_version", image.dockerVersion());
    if (!image.history().isEmpty()) {
      json.name("history").beginArray();
      image.history().forEach(entry -> history(json, entry));
      json.endArray();
    }
    optional(json, "os", image.os());
    if (!image.osFeatures().isEmpty()) {
      json.name("os.features").strings(image.osFeatures());
    }
    optional(json, "os.version", image.osVersion());
    optional(json, "parent", image.parent());
    json.name("rootfs").beginObject().name("type").value("layers").name("diff_ids").beginArray();
    image.diffIds().forEach(diffId -> json.value(diffId.value()));
    json.endArray().endObject();
    optional(json, "variant", image.variant());
    return json.endObject().toBytes();
  }

  /** Writes a runtime config in {@code container.Config} field order, as Docker 20.10 to 28 do. */
  static void runConfig(GoJsonWriter json, RunConfig config) {
    json.beginObject()
        .name("Hostname")
        .value("")
        .name("Domainname")
        .value("")
        .name("User")
        .value(config.user())
        .name("AttachStdin")
        .value(false)
        .name("AttachStdout")
        .value(false)
        .name("AttachStderr")
        .value(false);
    if (config.exposedPorts() != null && !config.exposedPorts().isEmpty()) {
      json.name("ExposedPorts").set(config.exposedPorts());
    }
    json.name("Tty").value(false).name("OpenStdin").value(false).name("StdinOnce").value(false);
    json.name("Env").strings(config.env()).name("Cmd").strings(config.cmd());
    if (config.healthcheck() != null) {
      healthcheck(json.name("Healthcheck"), config.healthcheck());
    }
    if (config.argsEscaped()) {
      json.name("ArgsEscaped").value(true);
    }
    json.name("Image").value(config.image());
    json.name("Volumes").set(config.volumes());
    json.name("WorkingDir").value(config.workingDir());
    json.name("Entrypoint").strings(config.entrypoint());
    // Docker 29 leaves an empty OnBuild out; 20.10 to 28 write null. Berth matches the latter.
    json.name("OnBuild").strings(config.onBuild());
    json.name("Labels").map(config.labels());
    if (!config.stopSignal().isEmpty()) {
      json.name("StopSignal").value(config.stopSignal());
    }
    if (config.stopTimeout() != null) {
      json.name("StopTimeout").value(config.stopTimeout().longValue());
    }
    if (config.shell() != null && !config.shell().isEmpty()) {
      json.name("Shell").strings(config.shell());
    }
    json.endObject();
  }

  private static void healthcheck(GoJsonWriter json, Healthcheck check) {
    json.beginObject();
    if (!check.test().isEmpty()) {
      json.name("Test").strings(check.test());
    }
    duration(json, "Interval", check.interval());
    duration(json, "Timeout", check.timeout());
    duration(json, "StartPeriod", check.startPeriod());
    duration(json, "StartInterval", check.startInterval());
    if (check.retries() != 0) {
      json.name("Retries").value(check.retries());
    }
    json.endObject();
  }

  private static void duration(GoJsonWriter json, String name, Duration duration) {
    // Go's time.Duration marshals as an integer count of nanoseconds.
    if (!duration.isZero()) {
      json.name(name).value(duration.toNanos());
    }
  }

  private static void history(GoJsonWriter json, History entry) {
    // ocispec.History field order; every field is omitempty.
    json.beginObject();
    if (entry.created() != null) {
      json.name("created").value(entry.created());
    }
    optional(json, "created_by", entry.createdBy());
    optional(json, "author", entry.author());
    optional(json, "comment", entry.comment());
    if (entry.emptyLayer()) {
      json.name("empty_layer").value(true);
    }
    json.endObject();
  }

  private static void optional(GoJsonWriter json, String name, String value) {
    if (value != null && !value.isEmpty()) {
      json.name(name).value(value);
    }
  }
}
