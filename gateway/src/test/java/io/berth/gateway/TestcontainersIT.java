package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Info;
import io.berth.launcher.Platform;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame.OutputType;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Testcontainers-java and its docker-java client against Berth's gateway, as people already use
 * them with Docker: a {@link GenericContainer} on a locally imported busybox with a file copied in
 * before start, a log-message wait, exec, logs, copying out, stop and remove; then docker-java's
 * inspect, list, tag, save, load and events calls directly.
 *
 * <p>Testcontainers finds Berth through {@code docker.host} (what {@code DOCKER_HOST} sets), kept
 * in memory only: no {@code ~/.testcontainers.properties} is written. Ryuk is off through {@code
 * TESTCONTAINERS_RYUK_DISABLED}, set for the failsafe JVM in the gateway's pom, since its image
 * cannot be pulled here.
 */
class TestcontainersIT {

  private static final DockerImageName BUSYBOX = DockerImageName.parse("busybox:latest");
  private static final Path USER_CONFIG =
      Path.of(System.getProperty("user.home"), ".testcontainers.properties");

  /** Never pulls (no registry is reachable): the image must already be in Berth. */
  private static final ImagePullPolicy LOCAL_ONLY =
      imageName -> {
        DockerClientFactory.instance()
            .client()
            .inspectImageCmd(imageName.asCanonicalNameString())
            .exec();
        return false;
      };

  private static Platform berth;
  private static String host;
  private static boolean userConfigExisted;

  @BeforeAll
  static void startBerthAndPointTestcontainersAtIt() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "containers need root (namespaces)");
    Assumptions.assumeTrue(
        Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED")),
        "TESTCONTAINERS_RYUK_DISABLED=true is needed (failsafe sets it)");
    userConfigExisted = Files.exists(USER_CONFIG);
    Path data = Files.createTempDirectory("berth-testcontainers-it");
    Path work = Files.createTempDirectory("berth-testcontainers-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(240))
            .start();
    host = berth.dockerHost();
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
    Fixtures.CliResult imported =
        docker(host, "import", "--change", "CMD [\"sh\"]", tar.toString(), BUSYBOX.toString());
    assertThat(imported.exitCode()).as(imported.output()).isZero();
    // What DOCKER_HOST would say, without touching the environment or the user's home.
    TestcontainersConfiguration.getInstance().getUserProperties().setProperty("docker.host", host);
    assertThat(DockerClientFactory.instance().getTransportConfig().getDockerHost())
        .as("a DOCKER_HOST in the environment would win over docker.host")
        .hasToString(host);
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
    if (!userConfigExisted) {
      assertThat(USER_CONFIG).as("Testcontainers left a user config behind").doesNotExist();
    }
  }

  @Test
  void testcontainersAcceptsBerthAsADockerEnvironment() {
    assertThat(DockerClientFactory.instance().isDockerAvailable()).isTrue();
    Info info = client().infoCmd().exec();
    assertThat(info.getOsType()).isEqualTo("linux");
    assertThat(info.getLabels()).anyMatch(label -> label.startsWith("berth.node="));
    assertThat(DockerClientFactory.instance().getActiveApiVersion()).isEqualTo("1.44");
  }

  @Test
  void anExposedPortIsReachableWithAnHttpWaitStrategy() throws Exception {
    try (GenericContainer<?> web =
        new GenericContainer<>(BUSYBOX)
            .withImagePullPolicy(LOCAL_ONLY)
            .withExposedPorts(8080)
            .withCommand(
                "sh",
                "-c",
                "mkdir -p /www && echo it works > /www/index.html && exec httpd -f -p 8080 -h /www")
            .waitingFor(Wait.forHttp("/").forStatusCode(200))
            .withStartupTimeout(Duration.ofSeconds(60))) {
      web.start();
      URI uri = URI.create("http://" + web.getHost() + ":" + web.getMappedPort(8080) + "/");
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("it works\n");
    }
  }

  @Test
  void aGenericContainerRunsWithACopiedFileAWaitExecAndLogs() throws Exception {
    Path script = Files.createTempFile("start", ".sh");
    Files.writeString(
        script,
        "#!/bin/sh\necho \"greeting: $(cat /data/greeting.txt)\"\necho ready for $WHO\n"
            + "echo oops >&2\nexec sleep 300\n");
    String id;
    try (GenericContainer<?> container =
        new GenericContainer<>(BUSYBOX)
            .withImagePullPolicy(LOCAL_ONLY)
            .withCopyToContainer(Transferable.of("hello from the host"), "/data/greeting.txt")
            .withCopyFileToContainer(MountableFile.forHostPath(script, 0755), "/app/start.sh")
            .withLabel("berth.test", "testcontainers")
            .withEnv("WHO", "berth")
            .withCommand("/app/start.sh")
            .waitingFor(Wait.forLogMessage("ready for berth\\n", 1))
            .withStartupTimeout(Duration.ofSeconds(60))) {
      container.start();
      id = container.getContainerId();
      assertThat(container.isRunning()).isTrue();

      ExecResult cat = container.execInContainer("cat", "/data/greeting.txt");
      assertThat(cat.getExitCode()).isZero();
      assertThat(cat.getStdout()).isEqualTo("hello from the host");
      ExecResult failing = container.execInContainer("sh", "-c", "echo bad >&2; exit 3");
      assertThat(failing.getExitCode()).isEqualTo(3);
      assertThat(failing.getStderr()).isEqualTo("bad\n");
      assertThat(failing.getStdout()).isEmpty();

      String copiedOut =
          container.copyFileFromContainer(
              "/data/greeting.txt", in -> new String(in.readAllBytes(), UTF_8));
      assertThat(copiedOut).isEqualTo("hello from the host");

      assertThat(container.getLogs())
          .contains("greeting: hello from the host", "ready for berth", "oops");
      assertThat(container.getLogs(OutputType.STDOUT)).contains("ready").doesNotContain("oops");
      assertThat(container.getLogs(OutputType.STDERR)).isEqualTo("oops\n");
      assertThat(container.getContainerInfo().getConfig().getLabels())
          .containsEntry("berth.test", "testcontainers");

      container.stop();
      assertThat(container.isRunning()).isFalse();
    } finally {
      Files.deleteIfExists(script);
    }
    assertThatThrownBy(() -> client().inspectContainerCmd(id).exec())
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void dockerJavaInspectsAndListsContainersAndImages() {
    DockerClient client = client();
    String running = create(client, "tc-running", "sleep", "300");
    String exited = create(client, "tc-exited", "sh", "-c", "exit 4");
    try {
      client.startContainerCmd(running).exec();
      client.startContainerCmd(exited).exec();
      assertThat(client.waitContainerCmd(exited).start().awaitStatusCode()).isEqualTo(4);

      InspectContainerResponse inspected = client.inspectContainerCmd(running).exec();
      assertThat(inspected.getId()).isEqualTo(running);
      assertThat(inspected.getName()).isEqualTo("/tc-running");
      assertThat(inspected.getState().getRunning()).isTrue();
      assertThat(inspected.getState().getPidLong()).isPositive();
      assertThat(inspected.getConfig().getLabels()).containsEntry("berth.test", "docker-java");
      assertThat(inspected.getConfig().getImage()).isEqualTo(BUSYBOX.toString());
      assertThat(client.inspectContainerCmd(exited).exec().getState().getExitCodeLong())
          .isEqualTo(4);

      List<Container> labelled =
          client
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(Map.of("berth.test", "docker-java"))
              .exec();
      assertThat(labelled).extracting(Container::getId).containsExactlyInAnyOrder(running, exited);
      assertThat(
              client
                  .listContainersCmd()
                  .withLabelFilter(Map.of("berth.test", "docker-java"))
                  .exec())
          .extracting(Container::getId)
          .containsExactly(running);
      List<Container> exitedOnes =
          client.listContainersCmd().withShowAll(true).withStatusFilter(List.of("exited")).exec();
      assertThat(exitedOnes).extracting(Container::getId).contains(exited).doesNotContain(running);
      Container listed =
          client.listContainersCmd().withNameFilter(List.of("tc-running")).exec().get(0);
      assertThat(listed.getNames()).containsExactly("/tc-running");
      assertThat(listed.getState()).isEqualTo("running");
      assertThat(listed.getImage()).isEqualTo(BUSYBOX.toString());

      List<Image> images = client.listImagesCmd().withReferenceFilter("busybox").exec();
      assertThat(images).hasSize(1);
      assertThat(images.get(0).getRepoTags()).contains(BUSYBOX.toString());
      assertThat(client.inspectImageCmd(BUSYBOX.toString()).exec().getId())
          .isEqualTo(images.get(0).getId());
    } finally {
      client.removeContainerCmd(running).withForce(true).exec();
      client.removeContainerCmd(exited).withForce(true).exec();
    }
    assertThat(
            client
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("berth.test", "docker-java"))
                .exec())
        .isEmpty();
  }

  /**
   * Tag, save, remove and load, as docker-java users move images. (Its {@code createImageCmd} with
   * a stream cannot import: docker-java 3.4 sends the stream as the JSON {@code {}},
   * docker-java/docker-java#2377, which Berth refuses as Docker does.)
   */
  @Test
  void dockerJavaTagsSavesAndLoadsAnImage() throws Exception {
    DockerClient client = client();
    String tagged = "saved/busybox:docker-java";
    String id = client.inspectImageCmd(BUSYBOX.toString()).exec().getId();
    client.tagImageCmd(BUSYBOX.toString(), "saved/busybox", "docker-java").exec();
    assertThat(client.inspectImageCmd(tagged).exec().getRepoTags())
        .contains(tagged, BUSYBOX.toString());

    byte[] archive;
    try (InputStream saved = client.saveImageCmd("saved/busybox").withTag("docker-java").exec()) {
      archive = saved.readAllBytes();
    }
    client.removeImageCmd(tagged).exec();
    assertThatThrownBy(() -> client.inspectImageCmd(tagged).exec())
        .isInstanceOf(NotFoundException.class);

    client.loadImageCmd(new ByteArrayInputStream(archive)).exec();
    assertThat(client.inspectImageCmd(tagged).exec().getId()).isEqualTo(id);
    client.removeImageCmd(tagged).exec();
    assertThat(client.listImagesCmd().withReferenceFilter("saved/busybox").exec()).isEmpty();
  }

  @Test
  void imageFromDockerfileBuildsWithAGzippedContextAndRuns() throws Exception {
    ImageFromDockerfile image =
        new ImageFromDockerfile("berth-tc/built", false)
            .withFileFromTransferable("message.txt", Transferable.of("built by testcontainers"))
            .withDockerfileFromBuilder(
                builder ->
                    builder
                        .from("busybox:latest")
                        .env("MODE", "tc")
                        .copy("message.txt", "/srv/message.txt")
                        .run("echo \"mode $MODE\" > /srv/mode.txt")
                        .cmd("sh", "-c", "cat /srv/message.txt /srv/mode.txt; sleep 300")
                        .build());
    String imageName = image.get(2, java.util.concurrent.TimeUnit.MINUTES);
    try (GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(imageName))
            .withImagePullPolicy(LOCAL_ONLY)
            .waitingFor(Wait.forLogMessage(".*mode tc.*\\n", 1))
            .withStartupTimeout(Duration.ofSeconds(60))) {
      container.start();
      assertThat(container.getLogs()).contains("built by testcontainers", "mode tc");
    }
  }

  @Test
  void dockerJavaReadsALifecyclesEventsSinceBeforeItBegan() throws Exception {
    DockerClient client = client();
    Instant before = Instant.now().minusSeconds(1);
    String id = create(client, "tc-events", "sh", "-c", "exit 2");
    client.startContainerCmd(id).exec();
    assertThat(client.waitContainerCmd(id).start().awaitStatusCode()).isEqualTo(2);
    client.removeContainerCmd(id).exec();

    List<Event> events = new CopyOnWriteArrayList<>();
    try (ResultCallback.Adapter<Event> subscription =
        client
            .eventsCmd()
            .withSince(String.valueOf(before.getEpochSecond()))
            .withContainerFilter(id)
            .withEventTypeFilter(EventType.CONTAINER)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Event event) {
                    events.add(event);
                  }
                })) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> events.stream().anyMatch(e -> "destroy".equals(e.getAction())));
    }
    assertThat(events).allSatisfy(e -> assertThat(e.getType()).isEqualTo(EventType.CONTAINER));
    assertThat(events).allSatisfy(e -> assertThat(e.getActor().getId()).isEqualTo(id));
    assertThat(events)
        .extracting(Event::getAction)
        .containsSubsequence("create", "start", "die", "destroy");
    Event die = events.stream().filter(e -> "die".equals(e.getAction())).findFirst().orElseThrow();
    assertThat(die.getActor().getAttributes())
        .containsEntry("exitCode", "2")
        .containsEntry("name", "tc-events")
        .containsEntry("berth.test", "docker-java");
    assertThat(die.getFrom()).isEqualTo(BUSYBOX.toString());
    assertThat(die.getTimeNano()).isGreaterThanOrEqualTo(before.getEpochSecond() * 1_000_000_000L);
  }

  private static DockerClient client() {
    return DockerClientFactory.instance().client();
  }

  private static String create(DockerClient client, String name, String... command) {
    return client
        .createContainerCmd(BUSYBOX.toString())
        .withName(name)
        .withLabels(Map.of("berth.test", "docker-java"))
        .withCmd(command)
        .exec()
        .getId();
  }
}
