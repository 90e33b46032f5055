package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.Topic;
import io.berth.events.container.ContainerCreated;
import io.berth.events.container.ContainerDied;
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageCommitted;
import io.berth.events.image.ImageRemoved;
import io.berth.launcher.Platform;
import io.berth.messaging.TestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle Docker is taught with, through the stock CLI: BUILD an image, RUN it, COMMIT the
 * container, RUN the committed image, KILL it, START it again, RM it, RMI the images, and the
 * events of each step on the topics, in order.
 */
class LifecycleIT {

  private static Platform berth;
  private static String host;
  private static Path work;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "containers need root (namespaces)");
    work = Files.createTempDirectory("berth-lifecycle-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), Files.createTempDirectory("berth-lifecycle-it"))
            .freePorts()
            .startupTimeout(Duration.ofSeconds(180))
            .start();
    host = berth.dockerHost();
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
    ok(docker(host, "import", "--change", "CMD [\"sh\"]", tar.toString(), "busybox:latest"));
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  void buildRunCommitRunKillStartRmRmiWithTheirEventsInOrder() throws Exception {
    Path context = Files.createDirectories(work.resolve("app"));
    Files.writeString(context.resolve("greeting.txt"), "hello\n");
    Files.writeString(
        context.resolve("Dockerfile"),
        """
        FROM busybox
        COPY greeting.txt /srv/greeting.txt
        RUN echo doomed > /srv/doomed.txt
        CMD ["sh", "-c", "cat /srv/greeting.txt; sleep 300"]
        """);
    // BUILD
    ok(docker(host, "build", "-t", "lifecycle/app:1", context.toString()));
    // RUN
    String first = ok(docker(host, "run", "-d", "--name", "first", "lifecycle/app:1"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ok(docker(host, "logs", "first")).equals("hello"));
    ok(
        docker(
            host,
            "exec",
            "first",
            "sh",
            "-c",
            "echo changed > /srv/added.txt && rm /srv/doomed.txt"));
    // COMMIT
    String committed = ok(docker(host, "commit", "-m", "lifecycle", "first", "lifecycle/app:2"));
    // RUN the committed image: the change is there, the deleted file stays deleted
    assertThat(ok(docker(host, "run", "--rm", "lifecycle/app:2", "cat", "/srv/added.txt")))
        .isEqualTo("changed");
    assertThat(docker(host, "run", "--rm", "lifecycle/app:2", "ls", "/srv/doomed.txt").exitCode())
        .isNotZero();
    String second = ok(docker(host, "run", "-d", "--name", "second", "lifecycle/app:2"));
    // KILL
    ok(docker(host, "kill", "second"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ok(docker(host, "inspect", "--format", "{{.State.Status}}", "second"))
                    .equals("exited"));
    // START
    ok(docker(host, "start", "second"));
    assertThat(ok(docker(host, "inspect", "--format", "{{.State.Status}}", "second")))
        .isEqualTo("running");
    // RM
    ok(docker(host, "rm", "-f", "second", "first"));
    // RMI
    ok(docker(host, "rmi", "lifecycle/app:2", "lifecycle/app:1"));
    assertThat(docker(host, "image", "inspect", "lifecycle/app:1").exitCode()).isNotZero();

    List<String> timeline = timeline(Map.of(first, "first", second, "second"));
    assertThat(timeline)
        .containsSubsequence(
            "ImageBuildCompleted lifecycle/app:1",
            "ContainerCreated first",
            "ContainerStarted first",
            "ImageCommitted",
            "ContainerCommitted first",
            "ContainerCreated second",
            "ContainerStarted second",
            "ContainerKilled second",
            "ContainerDied second 137",
            "ContainerStarted second",
            "ContainerRemoved second",
            "ImageRemoved lifecycle/app:2",
            "ImageRemoved lifecycle/app:1");
    assertThat(timeline).containsSubsequence("ContainerDied first 137", "ContainerRemoved first");
    assertThat(committed).startsWith("sha256:");
  }

  /**
   * The events of the test's containers and images from every event topic, ordered by their time,
   * each as {@code type subject [detail]}.
   */
  private static List<String> timeline(Map<String, String> containers) throws Exception {
    List<Enveloped<Message>> all = new ArrayList<>();
    for (Topic topic : List.of(Topic.CONTAINER_EVENTS, Topic.IMAGE_EVENTS)) {
      for (var record :
          TestSupport.readAll(berth.bootstrapServers(), topic.topicName(), Duration.ofSeconds(1))) {
        all.add(TestSupport.decode(record));
      }
    }
    all.sort(Comparator.comparing(m -> m.envelope().time()));
    List<String> names = new ArrayList<>();
    for (Enveloped<Message> m : all) {
      Message event = m.payload();
      if (event instanceof ContainerCreated created) {
        if (containers.containsKey(created.containerId())) {
          names.add("ContainerCreated " + created.name());
        }
        continue;
      }
      if (event instanceof ImageBuildCompleted built) {
        names.add("ImageBuildCompleted " + String.join(",", built.tags()));
      } else if (event instanceof ImageCommitted c) {
        names.add("ImageCommitted");
      } else if (event instanceof ImageRemoved removed) {
        names.add("ImageRemoved " + String.join(",", removed.untagged()));
      } else if (containers.containsKey(event.subject())) {
        String who = containers.get(event.subject());
        String detail = event instanceof ContainerDied died ? " " + died.exitCode() : "";
        names.add(event.getClass().getSimpleName() + " " + who + detail);
      }
    }
    return names;
  }

  private static String ok(Fixtures.CliResult result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }
}
