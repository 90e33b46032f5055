package io.berth.gateway;

import io.berth.events.EventCodec;
import io.berth.events.image.ImageConfig;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageImported;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Helpers for the gateway's end-to-end tests: HTTP calls, the docker CLI, image fixtures. */
final class Fixtures {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Fixtures() {}

  /**
   * Announces an image on {@code berth.image.events} as the image-service would after an import, so
   * that the container-service learns it (event-carried state transfer).
   */
  static ImageDescriptor announceImage(String bootstrapServers, String tag) throws Exception {
    ImageDescriptor image =
        new ImageDescriptor(
            "sha256:" + sha256(tag),
            List.of(tag),
            new ImageConfig(
                List.of("PATH=/bin"),
                List.of("sh"),
                null,
                "/",
                null,
                null,
                null,
                Map.of("fixture", "true"),
                null),
            List.of(),
            List.of(),
            null,
            0,
            Instant.now());
    try (MessagePublisher publisher =
        new MessagePublisher(new KafkaClients(bootstrapServers, "image-fixture"), "fixture")) {
      publisher
          .publish(
              EventCodec.encodeFirst(
                  URI.create("/berth/test/image-fixture"), new ImageImported(image, "-")))
          .get();
    }
    return image;
  }

  static HttpResponse<String> get(URI base, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(URI base, String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> delete(URI base, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path)).DELETE().timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Result of one docker CLI run. */
  record CliResult(int exitCode, String output) {}

  /** Runs the stock docker CLI against the gateway. */
  static CliResult docker(String dockerHost, String... args) throws Exception {
    return docker(dockerHost, (java.nio.file.Path) null, args);
  }

  /** Runs the stock docker CLI against the gateway with its config dir ({@code DOCKER_CONFIG}). */
  static CliResult docker(String dockerHost, java.nio.file.Path dockerConfig, String... args)
      throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add("docker");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DOCKER_HOST", dockerHost);
    if (dockerConfig != null) {
      builder.environment().put("DOCKER_CONFIG", dockerConfig.toString());
    }
    builder.environment().remove("DOCKER_CONTEXT");
    // docker build: the classic builder (Berth does not speak BuildKit).
    builder.environment().put("DOCKER_BUILDKIT", "0");
    java.nio.file.Path out = java.nio.file.Files.createTempFile("docker-cli", ".out");
    builder.redirectOutput(out.toFile());
    try {
      Process process = builder.start();
      // The CLI forwards SIGTERM to the container instead of ending: only SIGKILL stops it.
      if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "docker "
                + String.join(" ", args)
                + " hung; its output so far: "
                + java.nio.file.Files.readString(out));
      }
      return new CliResult(
          process.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8).trim());
    } finally {
      java.nio.file.Files.deleteIfExists(out);
    }
  }

  /** Whether the docker CLI is on the PATH. */
  static boolean dockerCliInstalled() {
    try {
      return new ProcessBuilder("docker", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static String sha256(String text) throws NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
