package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.berth.launcher.BerthService;
import io.berth.launcher.Platform;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker build} (classic builder) through the stock CLI: the build stream, the step cache,
 * failures, and the image a build makes. Everything runs for real: RUN steps in containers on the
 * container-service, COPY layers from the layer-service.
 */
class BuildsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform berth;
  private static String host;
  private static Path work;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "builds run containers: they need root");
    Path data = Files.createTempDirectory("berth-builds-it");
    work = Files.createTempDirectory("berth-builds-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(180))
            .start();
    host = berth.dockerHost();
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
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
  void buildsRunsAndShowsEveryStepLikeTheClassicBuilder() throws Exception {
    Path context = context("basic");
    Files.writeString(context.resolve("hello.txt"), "hello from the context\n");
    Files.writeString(
        context.resolve("Dockerfile"),
        """
        # a comment
        FROM busybox
        ARG WHO=world
        ENV GREETING=hi \\
            PLACE=${WHO}
        WORKDIR /app
        COPY hello.txt .
        RUN echo "building for $WHO in $PWD" && echo made > /app/made.txt && rm /bin/true
        LABEL org.example.who=$WHO
        EXPOSE 8080
        USER root
        CMD ["cat", "/app/hello.txt", "/app/made.txt"]
        """);
    Fixtures.CliResult build =
        docker(host, "build", "-t", "basic:1", "--build-arg", "WHO=berth", context.toString());
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output())
        .contains("Step 1/10 : FROM busybox")
        .contains("Step 6/10 : RUN echo \"building for $WHO in $PWD\"")
        .contains(" ---> Running in ")
        .contains("building for berth in /app")
        .contains(" ---> Removed intermediate container ")
        .contains("Step 10/10 : CMD [\"cat\", \"/app/hello.txt\", \"/app/made.txt\"]")
        .contains("Successfully tagged basic:1");
    Matcher built = Pattern.compile("Successfully built ([0-9a-f]{12})").matcher(build.output());
    assertThat(built.find()).as(build.output()).isTrue();

    Fixtures.CliResult run = docker(host, "run", "--rm", "basic:1");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).isEqualTo("hello from the context\nmade");
    Fixtures.CliResult gone = docker(host, "run", "--rm", "basic:1", "ls", "/bin/true");
    assertThat(gone.exitCode()).as("a file the RUN deleted stays deleted").isNotZero();

    JsonNode config = inspect("basic:1").path("Config");
    assertThat(config.path("Env").toString())
        .contains("GREETING=hi")
        .contains("PLACE=berth")
        .doesNotContain("WHO=");
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");
    assertThat(config.path("Labels").path("org.example.who").asText()).isEqualTo("berth");
    assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(inspect("basic:1").path("Id").asText()).startsWith("sha256:" + built.group(1));
    Fixtures.CliResult history = docker(host, "history", "--no-trunc", "basic:1");
    assertThat(history.output()).contains("|1 WHO=berth /bin/sh -c echo \"building for $WHO");

    Fixtures.CliResult leftovers = docker(host, "ps", "-aq");
    assertThat(leftovers.output()).as("no intermediate container is left").isEmpty();
  }

  @Test
  void anUnchangedRebuildUsesTheCacheForEveryStepAndAChangedFileRebuildsFromItsStep()
      throws Exception {
    Path context = context("cached");
    Files.writeString(context.resolve("a.txt"), "a1\n");
    Files.writeString(context.resolve("b.txt"), "b1\n");
    Files.writeString(
        context.resolve("Dockerfile"),
        """
        FROM busybox
        ENV ONE=1
        RUN echo first > /first
        COPY a.txt /a.txt
        RUN cat /a.txt > /a.copy
        LABEL two=2
        COPY b.txt /b.txt
        RUN cat /b.txt > /b.copy
        WORKDIR /
        CMD ["cat", "/a.copy", "/b.copy"]
        """);
    Fixtures.CliResult cold = docker(host, "build", "-t", "cached:1", context.toString());
    assertThat(cold.exitCode()).as(cold.output()).isZero();
    assertThat(cold.output()).doesNotContain("Using cache");

    Fixtures.CliResult warm = docker(host, "build", "-t", "cached:2", context.toString());
    assertThat(warm.exitCode()).as(warm.output()).isZero();
    assertThat(count(warm.output(), " ---> Using cache")).as(warm.output()).isEqualTo(9);
    assertThat(warm.output()).doesNotContain("Running in");
    assertThat(inspect("cached:2").path("Id").asText())
        .isEqualTo(inspect("cached:1").path("Id").asText());

    Files.writeString(context.resolve("b.txt"), "b2\n");
    Fixtures.CliResult changed = docker(host, "build", "-t", "cached:3", context.toString());
    assertThat(changed.exitCode()).as(changed.output()).isZero();
    List<Boolean> cachedPerStep = cachedPerStep(changed.output());
    assertThat(cachedPerStep)
        .as(changed.output())
        .containsExactly(false, true, true, true, true, true, false, false, false, false);
    assertThat(docker(host, "run", "--rm", "cached:3").output()).isEqualTo("a1\nb2");

    Fixtures.CliResult noCache =
        docker(host, "build", "--no-cache", "-t", "cached:4", context.toString());
    assertThat(noCache.exitCode()).as(noCache.output()).isZero();
    assertThat(noCache.output()).doesNotContain("Using cache");
  }

  @Test
  void aFailingRunEndsTheBuildWithItsExitCodeAndLeavesNothingBehind() throws Exception {
    Path context = context("failing");
    Files.writeString(
        context.resolve("Dockerfile"),
        """
        FROM busybox
        RUN echo before-the-failure
        RUN echo about to fail && exit 3
        CMD ["true"]
        """);
    List<String> imagesBefore = imageIds();
    Fixtures.CliResult build = docker(host, "build", "-t", "failing:1", context.toString());
    assertThat(build.exitCode()).as(build.output()).isEqualTo(3);
    assertThat(build.output())
        .contains("about to fail")
        .contains(
            "The command '/bin/sh -c echo about to fail && exit 3' returned a non-zero code: 3");
    assertThat(docker(host, "image", "inspect", "failing:1").exitCode()).isNotZero();
    assertThat(noContainerWithin(Duration.ofSeconds(20)))
        .as("the container-service removes the failed step's container")
        .isTrue();
    assertThat(imageIds()).as("only the first RUN's image is new").hasSize(imagesBefore.size() + 1);
  }

  @Test
  void syntaxErrorsAndUnknownInstructionsNameTheLine() throws Exception {
    Path context = context("broken");
    Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nRUN true\nFOO bar\n");
    Fixtures.CliResult unknown = docker(host, "build", context.toString());
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.output())
        .contains("line 3")
        .containsIgnoringCase("unknown instruction: FOO");

    Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY\n");
    Fixtures.CliResult copy = docker(host, "build", context.toString());
    assertThat(copy.exitCode()).isNotZero();
    assertThat(copy.output()).contains("line 2");

    Files.writeString(context.resolve("Dockerfile"), "FROM nosuchimage\n");
    Fixtures.CliResult missing = docker(host, "build", context.toString());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.output()).contains("nosuchimage");

    Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY nothere /x\n");
    Fixtures.CliResult absent = docker(host, "build", context.toString());
    assertThat(absent.exitCode()).isNotZero();
    assertThat(absent.output()).contains("nothere").contains("file not found in build context");
  }

  @Test
  void quietBuildsPrintTheIdAndIidfileGetsIt() throws Exception {
    Path context = context("quiet");
    Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nENV QUIET=1\n");
    Path iid = work.resolve("iid.txt");
    Fixtures.CliResult build =
        docker(host, "build", "-q", "--iidfile", iid.toString(), context.toString());
    assertThat(build.exitCode()).as(build.output()).isZero();
    // The CLI's deprecation notice for the classic builder goes to stderr, before the id.
    List<String> lines = build.output().lines().toList();
    String printed = lines.get(lines.size() - 1);
    assertThat(printed).matches("sha256:[0-9a-f]{64}");
    assertThat(build.output()).doesNotContain("Step 1/2");
    assertThat(Files.readString(iid).strip()).isEqualTo(printed);
  }

  @Test
  void onbuildTriggersHealthcheckShellAndTargetStages() throws Exception {
    Path context = context("stages");
    Files.writeString(
        context.resolve("Dockerfile"),
        """
        FROM busybox AS base
        ONBUILD RUN echo triggered > /triggered
        HEALTHCHECK --interval=5s --retries=2 CMD ["true"]
        STOPSIGNAL SIGUSR1
        SHELL ["/bin/sh", "-ec"]
        VOLUME /data

        FROM base AS child
        RUN test -f /triggered && echo "the trigger ran before me"

        FROM busybox AS after
        RUN exit 1
        """);
    Fixtures.CliResult build =
        docker(host, "build", "--target", "child", "-t", "stages:1", context.toString());
    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(build.output())
        .contains("Step 8/8 : RUN test -f /triggered")
        .contains("the trigger ran before me")
        .doesNotContain("exit 1");
    JsonNode config = inspect("stages:1").path("Config");
    assertThat(config.path("Healthcheck").path("Test").toString()).isEqualTo("[\"CMD\",\"true\"]");
    assertThat(config.path("Healthcheck").path("Interval").asLong()).isEqualTo(5_000_000_000L);
    assertThat(config.path("Healthcheck").path("Retries").asInt()).isEqualTo(2);
    assertThat(config.path("StopSignal").asText()).isEqualTo("SIGUSR1");
    assertThat(config.path("Shell").toString()).isEqualTo("[\"/bin/sh\",\"-ec\"]");
    assertThat(config.path("Volumes").has("/data")).isTrue();
    assertThat(config.path("OnBuild").isNull() || config.path("OnBuild").isEmpty())
        .as("the triggers are consumed by the child")
        .isTrue();
    assertThat(docker(host, "run", "--rm", "stages:1", "cat", "/triggered").output())
        .isEqualTo("triggered");
  }

  @Test
  void theCacheSurvivesARestartAndGoesWithItsImages() throws Exception {
    Path context = context("survives");
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM busybox\nENV KEPT=1\nRUN echo kept > /kept\nCMD [\"cat\", \"/kept\"]\n");
    assertThat(docker(host, "build", "-t", "survives:1", context.toString()).exitCode()).isZero();
    berth.restart(BerthService.IMAGE_SERVICE);
    Fixtures.CliResult again = docker(host, "build", "-t", "survives:2", context.toString());
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(count(again.output(), " ---> Using cache")).as(again.output()).isEqualTo(3);

    assertThat(docker(host, "rmi", "survives:1", "survives:2").exitCode()).isZero();
    Fixtures.CliResult gone = docker(host, "build", "-t", "survives:3", context.toString());
    assertThat(gone.exitCode()).as(gone.output()).isZero();
    assertThat(gone.output())
        .as("the removed images took their cache entries")
        .doesNotContain("Using cache");
  }

  @Test
  void workdirMakesItsDirectoryInALayerOfItsOwn() throws Exception {
    Path context = context("workdir");
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM busybox\nWORKDIR /made/by/workdir\nWORKDIR /bin\nCMD [\"true\"]\n");
    int baseLayers = inspect("busybox:latest").path("RootFS").path("Layers").size();
    Fixtures.CliResult build = docker(host, "build", "-t", "workdir:1", context.toString());
    assertThat(build.exitCode()).as(build.output()).isZero();
    JsonNode image = inspect("workdir:1");
    assertThat(image.path("Config").path("WorkingDir").asText()).isEqualTo("/bin");
    assertThat(image.path("RootFS").path("Layers").size())
        .as("each WORKDIR commits a layer, as the classic builder does (empty when it exists)")
        .isEqualTo(baseLayers + 2);
    // -w / so that the runtime does not make the image's working directory itself.
    Fixtures.CliResult made =
        docker(
            host, "run", "--rm", "-w", "/", "workdir:1", "stat", "-c", "%u:%g %a %F", "/made/by");
    assertThat(made.output()).as(made.output()).isEqualTo("0:0 755 directory");
    Fixtures.CliResult leaf =
        docker(host, "run", "--rm", "-w", "/", "workdir:1", "test", "-d", "/made/by/workdir");
    assertThat(leaf.exitCode()).as(leaf.output()).isZero();

    Fixtures.CliResult again = docker(host, "build", "-t", "workdir:2", context.toString());
    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(count(again.output(), " ---> Using cache")).as(again.output()).isEqualTo(3);
    assertThat(inspect("workdir:2").path("Id").asText()).isEqualTo(image.path("Id").asText());
  }

  @Test
  void aWorkdirThroughAFileAndAnAddMixingAUrlWithFilesFailWithClearMessages() throws Exception {
    Path context = context("refused");
    Files.writeString(context.resolve("f.txt"), "f\n");
    List<String> imagesBefore = imageIds();

    Files.writeString(
        context.resolve("Dockerfile"), "FROM busybox\nWORKDIR /bin/sh/sub\nCMD [\"true\"]\n");
    Fixtures.CliResult workdir = docker(host, "build", "-t", "refused:1", context.toString());
    assertThat(workdir.exitCode()).as(workdir.output()).isNotZero();
    assertThat(workdir.output())
        .as(workdir.output())
        // /bin/sh is a symbolic link, resolved inside the image: the file in the way is busybox.
        .contains("WORKDIR /bin/sh/sub: mkdir /bin/busybox: not a directory");

    Files.writeString(
        context.resolve("Dockerfile"), "FROM busybox\nADD http://127.0.0.1:1/x.txt f.txt /dst/\n");
    Fixtures.CliResult mixed = docker(host, "build", "-t", "refused:1", context.toString());
    assertThat(mixed.exitCode()).as(mixed.output()).isNotZero();
    assertThat(mixed.output())
        .as(mixed.output())
        .contains("Berth takes one URL per ADD, without other sources");

    assertThat(docker(host, "image", "inspect", "refused:1").exitCode()).isNotZero();
    assertThat(imageIds()).as("no image is left of either build").hasSize(imagesBefore.size());
    assertThat(noContainerWithin(Duration.ofSeconds(20))).isTrue();
  }

  @Test
  void addFetchesAUrlAndSaysClearlyWhenTheNetworkCannotReachIt() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/files/",
        exchange -> {
          byte[] body;
          if (exchange.getRequestURI().getPath().equals("/files/remote.txt")) {
            body = "fetched over http\n".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Last-Modified", "Tue, 03 Nov 2026 10:00:00 GMT");
            exchange.sendResponseHeaders(200, body.length);
          } else {
            body = "no such file".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
          }
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/";
    try {
      Path context = context("addurl");
      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM busybox\nADD "
              + base
              + "remote.txt /data/\nADD "
              + base
              + "remote.txt /renamed.txt\n");
      Fixtures.CliResult build = docker(host, "build", "-t", "addurl:1", context.toString());
      assertThat(build.exitCode()).as(build.output()).isZero();
      Fixtures.CliResult run =
          docker(
              host,
              "run",
              "--rm",
              "addurl:1",
              "sh",
              "-c",
              "cat /data/remote.txt /renamed.txt; stat -c '%a %u %Y' /data/remote.txt");
      assertThat(run.output())
          .as("the file keeps the URL's name, gets mode 0600, root and the Last-Modified time")
          .isEqualTo("fetched over http\nfetched over http\n600 0 1793700000");

      Files.writeString(
          context.resolve("Dockerfile"), "FROM busybox\nADD " + base + "missing.txt /x\n");
      Fixtures.CliResult missing = docker(host, "build", context.toString());
      assertThat(missing.exitCode()).isNotZero();
      assertThat(missing.output())
          .contains("failed to GET " + base + "missing.txt with status 404: no such file");

      Files.writeString(
          context.resolve("Dockerfile"), "FROM busybox\nADD http://127.0.0.1:1/nothing.txt /x\n");
      Fixtures.CliResult refused = docker(host, "build", context.toString());
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.output())
          .contains("cannot GET http://127.0.0.1:1/nothing.txt")
          .contains("the network cannot reach it");

      Files.writeString(
          context.resolve("Dockerfile"),
          "FROM busybox\nADD http://no-such-host.invalid/x.txt /x\n");
      Fixtures.CliResult unknown = docker(host, "build", context.toString());
      assertThat(unknown.exitCode()).isNotZero();
      assertThat(unknown.output())
          .contains("cannot GET http://no-such-host.invalid/x.txt")
          .contains("the network cannot reach it");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aBuildKitRequestIsRefusedWithAClearMessage() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        berth.url(BerthService.GATEWAY).resolve("/v1.44/build?version=2"))
                    .header("Content-Type", "application/x-tar")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024]))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("message").asText())
        .contains("BuildKit is not supported by Berth");
  }

  @Test
  void aBuildCutShortByAnImageServiceRestartFailsAndLeavesNoStepContainer() throws Exception {
    Path context = context("interrupted");
    Files.writeString(
        context.resolve("Dockerfile"),
        "FROM busybox\nRUN echo step-is-running-$((40+2)) && sleep 60\nCMD [\"true\"]\n");
    Path out = work.resolve("interrupted.out");
    ProcessBuilder builder =
        new ProcessBuilder("docker", "build", "-t", "interrupted:1", context.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().put("DOCKER_HOST", host);
    builder.environment().put("DOCKER_BUILDKIT", "0");
    Process cli = builder.start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      // The step's output, not its instruction: the CLI prints the instruction first.
      while (!Files.readString(out).contains("step-is-running-42")) {
        assertThat(System.nanoTime()).as(Files.readString(out)).isLessThan(deadline);
        Thread.sleep(100);
      }
      assertThat(docker(host, "ps", "-q").output()).as("the step container runs").isNotEmpty();
      berth.restart(BerthService.IMAGE_SERVICE);
      assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
      assertThat(cli.exitValue()).isNotZero();
      assertThat(Files.readString(out)).contains("the image-service restarted during the build");
      assertThat(noContainerWithin(Duration.ofSeconds(30)))
          .as("the container-service removes the step container of the failed build")
          .isTrue();
      assertThat(docker(host, "image", "inspect", "interrupted:1").exitCode()).isNotZero();
    } finally {
      cli.destroyForcibly();
    }
  }

  /** Whether {@code docker ps -a} is empty, or becomes empty within the time given. */
  private static boolean noContainerWithin(Duration time) throws Exception {
    long deadline = System.nanoTime() + time.toNanos();
    while (!docker(host, "ps", "-aq").output().isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }

  private static Path context(String name) throws Exception {
    return Files.createDirectories(work.resolve("ctx-" + name));
  }

  private static JsonNode inspect(String name) throws Exception {
    Fixtures.CliResult result = docker(host, "image", "inspect", name);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return JSON.readTree(result.output()).get(0);
  }

  private static List<String> imageIds() throws Exception {
    Fixtures.CliResult result = docker(host, "images", "-aq", "--no-trunc");
    return result.output().isBlank() ? List.of() : List.of(result.output().split("\\s+"));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  /** For each step of a build's output, whether it was served from the cache. */
  private static List<Boolean> cachedPerStep(String output) {
    List<Boolean> steps = new ArrayList<>();
    for (String block : output.split("Step \\d+/\\d+ : ")) {
      if (block.contains(" ---> ")) {
        steps.add(block.contains("Using cache"));
      }
    }
    return steps;
  }
}
