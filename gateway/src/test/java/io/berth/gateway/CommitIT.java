package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.container.ContainerCommitted;
import io.berth.events.image.ImageCommitted;
import io.berth.launcher.Platform;
import io.berth.messaging.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker commit} and {@code docker diff} through the stock docker CLI: a container's added,
 * changed and deleted files become one new layer on its image, with its config, the given changes,
 * message and author; a running container is committed while it runs on.
 */
class CommitIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform berth;
  private static String host;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "containers need root (namespaces)");
    Path data = Files.createTempDirectory("berth-commit-it");
    Path work = Files.createTempDirectory("berth-commit-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(300)) // a loaded machine starts slowly
            .start();
    host = berth.dockerHost();
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Files.writeString(rootfs.resolve("etc/greeting"), "hello\n");
    Files.writeString(rootfs.resolve("etc/doomed"), "bye\n");
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
    Fixtures.CliResult imported =
        docker(host, "import", "--change", "CMD [\"sh\"]", tar.toString(), "busybox:latest");
    assertThat(imported.exitCode()).as(imported.output()).isZero();
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  void aContainersChangesBecomeANewImageWithItsConfigMessageAndAuthor() throws Exception {
    Fixtures.CliResult run =
        docker(
            host,
            "run",
            "--name",
            "changer",
            "busybox",
            "sh",
            "-c",
            "echo added > /added; echo changed > /etc/greeting; rm /etc/doomed");
    assertThat(run.exitCode()).as(run.output()).isZero();
    String containerId = inspect("container", "changer").path("Id").asText();

    Fixtures.CliResult diff = docker(host, "diff", "changer");
    assertThat(diff.exitCode()).as(diff.output()).isZero();
    assertThat(diff.output().lines())
        .containsExactly("A /added", "C /etc", "D /etc/doomed", "C /etc/greeting");

    Fixtures.CliResult commit =
        docker(
            host,
            "commit",
            "-c",
            "CMD [\"cat\",\"/added\"]",
            "-m",
            "msg",
            "-a",
            "author",
            "changer",
            "app:v2");
    assertThat(commit.exitCode()).as(commit.output()).isZero();
    assertThat(commit.output()).matches("sha256:[0-9a-f]{64}");
    String imageId = commit.output();

    Fixtures.CliResult added = docker(host, "run", "--rm", "app:v2");
    assertThat(added.exitCode()).as(added.output()).isZero();
    assertThat(added.output()).isEqualTo("added");
    Fixtures.CliResult files =
        docker(
            host,
            "run",
            "--rm",
            "app:v2",
            "sh",
            "-c",
            "cat /etc/greeting; if [ -e /etc/doomed ]; then echo still there; else echo gone; fi");
    assertThat(files.output().lines()).containsExactly("changed", "gone");

    JsonNode base = inspect("image", "busybox:latest");
    JsonNode image = inspect("image", "app:v2");
    assertThat(image.path("Id").asText()).isEqualTo(imageId);
    assertThat(image.path("Author").asText()).isEqualTo("author");
    assertThat(image.path("Comment").asText()).isEqualTo("msg");
    assertThat(image.path("Parent").asText()).isEqualTo(base.path("Id").asText());
    assertThat(texts(image.path("Config").path("Cmd"))).containsExactly("cat", "/added");
    List<String> baseLayers = texts(base.path("RootFS").path("Layers"));
    List<String> layers = texts(image.path("RootFS").path("Layers"));
    assertThat(layers).hasSize(baseLayers.size() + 1).startsWith(baseLayers.toArray(String[]::new));

    Fixtures.CliResult history =
        docker(
            host,
            "history",
            "--no-trunc",
            "--format",
            "{{.ID}}|{{.CreatedBy}}|{{.Comment}}",
            "app:v2");
    assertThat(history.exitCode()).as(history.output()).isZero();
    assertThat(history.output().lines().findFirst().orElseThrow())
        .isEqualTo(
            imageId
                + "|sh -c echo added > /added; echo changed > /etc/greeting; rm /etc/doomed|msg");

    assertThat(payloads(Topic.CONTAINER_EVENTS, containerId))
        .anySatisfy(
            event ->
                assertThat(event)
                    .isInstanceOfSatisfying(
                        ContainerCommitted.class,
                        committed -> assertThat(committed.imageId()).isEqualTo(imageId)));
    assertThat(payloads(Topic.IMAGE_EVENTS, imageId))
        .anySatisfy(
            event ->
                assertThat(event)
                    .isInstanceOfSatisfying(
                        ImageCommitted.class,
                        committed -> assertThat(committed.containerId()).isEqualTo(containerId)));
    assertThat(docker(host, "rm", "changer").exitCode()).isZero();
  }

  @Test
  void aRunningContainerIsCommittedWithItsFilesAndRunsOn() throws Exception {
    Fixtures.CliResult run =
        docker(
            host,
            "run",
            "-d",
            "--name",
            "runner",
            "busybox",
            "sh",
            "-c",
            "echo before > /state; i=0; while true; do i=$((i+1)); echo $i > /count; sleep 0.05;"
                + " done");
    assertThat(run.exitCode()).as(run.output()).isZero();
    String containerId = inspect("container", "runner").path("Id").asText();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> docker(host, "exec", "runner", "cat", "/state").output().equals("before"));

    Fixtures.CliResult commit = docker(host, "commit", "runner", "snap:1");
    assertThat(commit.exitCode()).as(commit.output()).isZero();

    JsonNode state = inspect("container", "runner").path("State");
    assertThat(state.path("Status").asText()).isEqualTo("running");
    assertThat(state.path("Paused").asBoolean()).isFalse();
    int count = count("runner");
    await().atMost(Duration.ofSeconds(10)).until(() -> count("runner") > count + 3);
    Fixtures.CliResult snapshot = docker(host, "run", "--rm", "snap:1", "cat", "/state");
    assertThat(snapshot.output()).isEqualTo("before");
    assertThat(docker(host, "diff", "runner").output().lines()).contains("A /state", "A /count");
    // Docker shows no pause of its own in a commit: the container only ever ran.
    assertThat(payloads(Topic.CONTAINER_EVENTS, containerId))
        .extracting(event -> event.getClass().getSimpleName())
        .contains("ContainerCommitted")
        .doesNotContain("ContainerPaused", "ContainerUnpaused");
    assertThat(docker(host, "rm", "-f", "runner").exitCode()).isZero();
  }

  @Test
  void anUntaggedCommitOfAnExitedContainerGivesAnImageWithoutName() throws Exception {
    assertThat(docker(host, "run", "--name", "quiet", "busybox", "touch", "/x").exitCode())
        .isZero();

    Fixtures.CliResult commit = docker(host, "commit", "--pause=false", "quiet");
    assertThat(commit.exitCode()).as(commit.output()).isZero();

    JsonNode image = inspect("image", commit.output());
    assertThat(image.path("RepoTags")).isEmpty();
    assertThat(texts(image.path("Config").path("Cmd"))).containsExactly("touch", "/x");
    assertThat(docker(host, "rm", "quiet").exitCode()).isZero();
  }

  @Test
  void aCreatedContainerWithoutChangesAddsAHistoryStepButNoLayer() throws Exception {
    assertThat(docker(host, "create", "--name", "blank", "busybox", "true").exitCode()).isZero();
    assertThat(docker(host, "diff", "blank").output()).isEmpty();

    Fixtures.CliResult commit = docker(host, "commit", "blank", "blank:1");
    assertThat(commit.exitCode()).as(commit.output()).isZero();

    JsonNode base = inspect("image", "busybox:latest");
    JsonNode image = inspect("image", "blank:1");
    assertThat(texts(image.path("RootFS").path("Layers")))
        .isEqualTo(texts(base.path("RootFS").path("Layers")));
    Fixtures.CliResult history = docker(host, "history", "-q", "blank:1");
    assertThat(history.output().lines()).hasSize(2);
    assertThat(docker(host, "rm", "blank").exitCode()).isZero();
  }

  @Test
  void aMissingContainerIsRefusedAsDockerSays() throws Exception {
    Fixtures.CliResult commit = docker(host, "commit", "nosuchcontainer", "x:1");
    assertThat(commit.exitCode()).isNotZero();
    assertThat(commit.output()).contains("No such container: nosuchcontainer");
    Fixtures.CliResult diff = docker(host, "diff", "nosuchcontainer");
    assertThat(diff.exitCode()).isNotZero();
    assertThat(diff.output()).contains("No such container: nosuchcontainer");
  }

  private static int count(String name) throws Exception {
    String out = docker(host, "exec", name, "cat", "/count").output();
    return out.matches("\\d+") ? Integer.parseInt(out) : 0;
  }

  private static JsonNode inspect(String kind, String name) throws Exception {
    Fixtures.CliResult result = docker(host, kind, "inspect", name);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return JSON.readTree(result.output()).get(0);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<Message> payloads(Topic topic, String key) {
    List<Message> messages = new ArrayList<>();
    for (var record :
        TestSupport.readAll(berth.bootstrapServers(), topic.topicName(), Duration.ofSeconds(1))) {
      if (key.equals(record.key())) {
        messages.add(TestSupport.decode(record).payload());
      }
    }
    return messages;
  }
}
