package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.query.ImageListReported;
import io.berth.events.query.ImageListRequested;
import io.berth.events.query.ImageSummary;
import io.berth.launcher.Platform;
import io.berth.messaging.KafkaClients;
import io.berth.messaging.MessagePublisher;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.reply.ReplyListener;
import io.berth.messaging.reply.RequestReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Images through the stock docker CLI, as the layered-images issue accepts them: import of a
 * busybox root filesystem from stdin, images and its filters, inspect, history, tag, save and load
 * with the same id, rmi with Docker's conflicts, prune, system df, a hostile archive refused, and
 * two images sharing their base layer on disk.
 */
class ImagesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform berth;
  private static String host;
  private static Path data;
  private static Path work;
  private static Path rootfsTar;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    data = Files.createTempDirectory("berth-images-it");
    work = Files.createTempDirectory("berth-images-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(120))
            .start();
    host = berth.dockerHost();
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    rootfsTar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  void importFromStdinListsTheImageAndSaveLoadKeepsItsId() throws Exception {
    Fixtures.CliResult imported =
        sh("tar -C " + work.resolve("rootfs") + " -c . | docker import - busybox:latest");
    assertThat(imported.exitCode()).as(imported.output()).isZero();
    assertThat(imported.output()).matches("sha256:[0-9a-f]{64}");
    String id = imported.output();

    Fixtures.CliResult images = docker(host, "images", "busybox", "--format", "{{.ID}} {{.Size}}");
    assertThat(images.output()).startsWith(id.substring(7, 19)).contains("MB");

    Path archive = work.resolve("saved.tar");
    assertThat(docker(host, "save", "-o", archive.toString(), "busybox:latest").exitCode())
        .isZero();
    assertThat(entries(archive)).contains("manifest.json", "index.json", "oci-layout");
    assertThat(docker(host, "rmi", "busybox:latest").output()).contains("Untagged: busybox:latest");
    assertThat(docker(host, "image", "inspect", id).exitCode()).isNotZero();

    Fixtures.CliResult loaded = docker(host, "load", "-i", archive.toString());
    assertThat(loaded.output()).contains("Loaded image: busybox:latest");
    assertThat(inspect("busybox:latest").path("Id").asText()).isEqualTo(id);
  }

  @Test
  void inspectHistoryAndChangesShowTheConfig() throws Exception {
    Fixtures.CliResult imported =
        docker(
            host,
            "import",
            "--change",
            "CMD [\"sh\"]",
            "--change",
            "ENV GREETING=hello",
            "--change",
            "LABEL tier=base",
            "-m",
            "made in a test",
            rootfsTar.toString(),
            "changes:1");
    assertThat(imported.exitCode()).as(imported.output()).isZero();
    JsonNode image = inspect("changes:1");
    assertThat(image.path("RepoTags").toString()).contains("changes:1");
    assertThat(image.path("Config").path("Cmd").toString()).isEqualTo("[\"sh\"]");
    assertThat(image.path("Config").path("Env").toString()).contains("GREETING=hello");
    assertThat(image.path("Config").path("Labels").path("tier").asText()).isEqualTo("base");
    assertThat(image.path("Comment").asText()).isEqualTo("made in a test");
    assertThat(image.path("RootFS").path("Layers")).hasSize(1);
    assertThat(image.path("Os").asText()).isEqualTo("linux");
    assertThat(image.path("Size").asLong()).isGreaterThan(1_000_000);

    Fixtures.CliResult history =
        docker(host, "history", "--no-trunc", "--format", "{{.ID}}|{{.Comment}}", "changes:1");
    assertThat(history.output()).isEqualTo(image.path("Id").asText() + "|made in a test");

    Fixtures.CliResult labelled =
        docker(host, "images", "--filter", "label=tier=base", "--format", "{{.Repository}}");
    assertThat(labelled.output().lines()).contains("changes");
    assertThat(labelled.output().lines()).doesNotContain("busybox");
  }

  @Test
  void tagAndRmiBehaveAsDocker() throws Exception {
    String id = docker(host, "import", rootfsTar.toString(), "tags:1").output();
    assertThat(docker(host, "tag", "tags:1", "tags:2").exitCode()).isZero();
    assertThat(docker(host, "tag", "tags:1", "registry.example:5000/team/tags:3").exitCode())
        .isZero();
    assertThat(docker(host, "images", "-q", "--no-trunc", "--filter", "reference=tags").output())
        .isEqualTo(id + "\n" + id);
    assertThat(inspect("registry.example:5000/team/tags:3").path("Id").asText()).isEqualTo(id);

    Fixtures.CliResult byId = docker(host, "rmi", id.substring(7, 19));
    assertThat(byId.exitCode()).isNotZero();
    assertThat(byId.output())
        .contains("conflict: unable to delete " + id.substring(7, 19) + " (must be forced)")
        .contains("referenced in multiple repositories");

    assertThat(docker(host, "rmi", "tags:2").output()).isEqualTo("Untagged: tags:2");
    Fixtures.CliResult created = docker(host, "create", "--name", "uses-tags", "tags:1", "true");
    assertThat(created.exitCode()).as(created.output()).isZero();
    // The image-service learns from container events that a container uses the image.
    await().atMost(Duration.ofSeconds(20)).until(() -> containersUsing(id) == 1);
    // moby checks other references before containers: the id is still "referenced in multiple
    // repositories" while tags:1 and registry.example:5000/team/tags:3 remain.
    assertThat(docker(host, "rmi", id).output()).contains("referenced in multiple repositories");
    assertThat(docker(host, "rmi", "registry.example:5000/team/tags:3").output())
        .isEqualTo("Untagged: registry.example:5000/team/tags:3");
    Fixtures.CliResult lastTag = docker(host, "rmi", "tags:1");
    assertThat(lastTag.output())
        .contains(
            "conflict: unable to remove repository reference \"tags:1\" (must force) - container "
                + created.output().substring(0, 12)
                + " is using its referenced image "
                + id.substring(7, 19));
    assertThat(docker(host, "rmi", id).output())
        .contains("(must be forced) - image is being used by stopped container");
    assertThat(docker(host, "rm", "uses-tags").exitCode()).isZero();

    Fixtures.CliResult forced = docker(host, "rmi", id);
    assertThat(forced.output()).contains("Untagged: tags:1").contains("Deleted: " + id);
    assertThat(docker(host, "rmi", "tags:1").output()).contains("No such image: tags:1");
  }

  @Test
  void danglingImagesArePrunedAndDfCountsThem() throws Exception {
    String first = docker(host, "import", rootfsTar.toString(), "prune:1").output();
    String second = docker(host, "import", rootfsTar.toString(), "prune:1").output();
    assertThat(second).isNotEqualTo(first);
    assertThat(docker(host, "images", "-q", "--no-trunc", "--filter", "dangling=true").output())
        .contains(first);

    Fixtures.CliResult df = docker(host, "system", "df", "--format", "{{.Type}} {{.TotalCount}}");
    assertThat(df.output()).containsPattern("Images [1-9]");

    Fixtures.CliResult pruned = docker(host, "image", "prune", "-f");
    assertThat(pruned.output()).contains("deleted: " + first).contains("Total reclaimed space");
    assertThat(docker(host, "images", "-q", "--filter", "dangling=true").output()).isEmpty();
    assertThat(inspect("prune:1").path("Id").asText()).isEqualTo(second);
  }

  @Test
  void gzipAndZstdRootfsTarsImportWithTheDiffIdOfTheirTar() throws Exception {
    Fixtures.CliResult gz =
        sh(
            "gzip -c "
                + rootfsTar
                + " > "
                + work.resolve("busybox.tar.gz")
                + " && docker import "
                + work.resolve("busybox.tar.gz")
                + " compressed:gzip");
    assertThat(gz.exitCode()).as(gz.output()).isZero();
    Fixtures.CliResult zst =
        sh(
            "zstd -q -c "
                + rootfsTar
                + " > "
                + work.resolve("busybox.tar.zst")
                + " && docker import "
                + work.resolve("busybox.tar.zst")
                + " compressed:zstd");
    assertThat(zst.exitCode()).as(zst.output()).isZero();
    String plainDiffId = "sha256:" + sha256(rootfsTar);
    assertThat(inspect("compressed:gzip").path("RootFS").path("Layers").get(0).asText())
        .isEqualTo(plainDiffId);
    assertThat(inspect("compressed:zstd").path("RootFS").path("Layers").get(0).asText())
        .isEqualTo(plainDiffId);

    Path archive = work.resolve("compressed.tar");
    assertThat(docker(host, "save", "-o", archive.toString(), "compressed:zstd").exitCode())
        .isZero();
    String id = inspect("compressed:zstd").path("Id").asText();
    assertThat(docker(host, "rmi", "compressed:zstd").exitCode()).isZero();
    Fixtures.CliResult loaded = sh("gzip -c " + archive + " | docker load");
    assertThat(loaded.output()).isEqualTo("Loaded image: compressed:zstd");
    assertThat(inspect("compressed:zstd").path("Id").asText()).isEqualTo(id);
  }

  private static String sha256(Path file) throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void contentThatIsNotATarOrNotAnArchiveIsRefusedAndRecordsNothing() throws Exception {
    Path text = Files.writeString(work.resolve("notes.txt"), "just some text, not a tar\n");
    Fixtures.CliResult imported = docker(host, "import", text.toString(), "not-a-tar:1");
    assertThat(imported.exitCode()).isNotZero();
    assertThat(imported.output()).contains("invalid tar header");
    assertThat(docker(host, "image", "inspect", "not-a-tar:1").output()).contains("No such image");

    Fixtures.CliResult loaded = docker(host, "load", "-i", rootfsTar.toString());
    assertThat(loaded.exitCode()).isNotZero();
    assertThat(loaded.output()).containsIgnoringCase("manifest");
  }

  @Test
  void aHostileArchiveIsRefusedNamingItsEntryAndWritesNothingOutside() throws Exception {
    Path escaped = Path.of("/tmp/berth-escaped-by-import");
    Files.deleteIfExists(escaped);
    Path tar = ImageFixtures.climbingTar(work.resolve("climbing.tar"));
    Fixtures.CliResult refused = docker(host, "import", tar.toString(), "hostile:1");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output()).contains("berth-escaped-by-import");
    assertThat(escaped).doesNotExist();
    assertThat(docker(host, "image", "inspect", "hostile:1").output()).contains("No such image");
  }

  @Test
  void twoImagesShareTheirBaseOnDiskAndRemovingOneKeepsIt() throws Exception {
    Path fixture =
        Platform.findRepoRoot()
            .resolve("image-service/src/test/resources/archive/docker-20.10-save.tar");
    Assumptions.assumeTrue(Files.exists(fixture), "the Docker-made archive fixture is missing");
    Path snapshots = data.resolve("layer-service/snapshots");
    long[] before = {-1};
    // Other tests' removals are collected in the background: start from a settled count.
    await()
        .pollInterval(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              long now = dirs(snapshots);
              boolean settled = now == before[0];
              before[0] = now;
              return settled;
            });
    Fixtures.CliResult loaded = docker(host, "load", "-i", fixture.toString());
    assertThat(loaded.exitCode()).as(loaded.output()).isZero();
    List<String> tags =
        loaded.output().lines().map(line -> line.replace("Loaded image: ", "")).toList();
    assertThat(tags).hasSizeGreaterThanOrEqualTo(2);
    JsonNode a = inspect(tags.get(0));
    JsonNode b = inspect(tags.get(1));
    String base = a.path("RootFS").path("Layers").get(0).asText();
    assertThat(b.path("RootFS").path("Layers").get(0).asText()).isEqualTo(base);

    Path blobs = data.resolve("layer-service/content/blobs/sha256");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.exists(blobs.resolve(base.substring(7))));
    assertThat(countFiles(blobs, base.substring(7))).isEqualTo(1);
    java.util.Set<String> layers = new java.util.HashSet<>();
    a.path("RootFS").path("Layers").forEach(layer -> layers.add(layer.asText()));
    b.path("RootFS").path("Layers").forEach(layer -> layers.add(layer.asText()));
    // One unpacked snapshot per distinct chain: the shared base is unpacked once.
    assertThat(dirs(snapshots)).isEqualTo(before[0] + layers.size());

    String onlyB =
        b.path("RootFS").path("Layers").get(b.path("RootFS").path("Layers").size() - 1).asText();
    assertThat(docker(host, "rmi", tags.get(1)).exitCode()).isZero();
    assertThat(inspect(tags.get(0)).path("Id").asText()).isEqualTo(a.path("Id").asText());
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !Files.exists(blobs.resolve(onlyB.substring(7))));
    assertThat(blobs.resolve(base.substring(7))).exists();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> dirs(snapshots) == before[0] + layers.size() - 1);
  }

  private static long dirs(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isDirectory).count();
    }
  }

  /** How many containers the image-service knows use an image, asked over Kafka. */
  private static int containersUsing(String imageId) throws Exception {
    KafkaClients clients = new KafkaClients(berth.bootstrapServers(), "images-it");
    try (ReplyListener listener =
            ReplyListener.start(clients, List.of(Topic.QUERY_REPLIES.topicName()));
        MessagePublisher publisher = new MessagePublisher(clients, "images-it")) {
      RequestReply requests =
          new RequestReply(publisher, listener, new ServiceIdentity("images-it", "test"));
      Message reply =
          requests
              .send(
                  new ImageListRequested(java.util.UUID.randomUUID().toString()),
                  Duration.ofSeconds(10))
              .get()
              .payload();
      return ((ImageListReported) reply)
          .images().stream()
              .filter(image -> image.imageId().equals(imageId))
              .mapToInt(ImageSummary::containers)
              .sum();
    }
  }

  private static long countFiles(Path dir, String name) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().equals(name)).count();
    }
  }

  private static JsonNode inspect(String name) throws Exception {
    Fixtures.CliResult result = docker(host, "image", "inspect", name);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return JSON.readTree(result.output()).get(0);
  }

  private static Fixtures.CliResult sh(String script) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "-o", "pipefail", "-c", script);
    builder.environment().put("DOCKER_HOST", host);
    builder.environment().remove("DOCKER_CONTEXT");
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes()).trim();
    process.waitFor();
    return new Fixtures.CliResult(process.exitValue(), output);
  }

  private static List<String> entries(Path tar) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
      }
    }
    return names;
  }
}
