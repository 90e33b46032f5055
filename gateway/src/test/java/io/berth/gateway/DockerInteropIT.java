package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.launcher.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archives move between Debian's Docker and Berth in both directions with the same image ids: this
 * test starts its own dockerd (its own socket and data root, no iptables, no bridge, so the host's
 * networking is left alone), saves an image with it, loads it into Berth, saves it from Berth and
 * loads that back into Docker.
 */
class DockerInteropIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform berth;
  private static String berthHost;
  private static Process dockerd;
  private static String dockerHost;
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(ImageFixtures.busyboxInstalled(), "busybox-static is not installed");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/dockerd")), "Debian's docker.io is not installed");
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "dockerd needs root");
    work = Files.createTempDirectory("berth-interop");
    Path socket = work.resolve("docker.sock");
    dockerd =
        new ProcessBuilder(
                "/usr/sbin/dockerd",
                "--data-root=" + work.resolve("docker-data"),
                "--exec-root=" + work.resolve("docker-exec"),
                "--pidfile=" + work.resolve("docker.pid"),
                "--host=unix://" + socket,
                "--iptables=false",
                "--ip6tables=false",
                "--bridge=none")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("dockerd.log").toFile())
            .start();
    dockerHost = "unix://" + socket;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (docker(dockerHost, "version").exitCode() != 0) {
      if (Instant.now().isAfter(deadline) || !dockerd.isAlive()) {
        throw new IllegalStateException(
            "dockerd did not come up: " + Files.readString(work.resolve("dockerd.log")));
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    berth =
        Platform.builder(Platform.findRepoRoot(), work.resolve("berth"))
            .freePorts()
            .startupTimeout(Duration.ofSeconds(120))
            .start();
    berthHost = berth.dockerHost();
  }

  @AfterAll
  static void stop() throws Exception {
    if (berth != null) {
      berth.close();
    }
    if (dockerd != null) {
      dockerd.destroy();
      if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
        dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void anImageSavedByDockerLoadsIntoBerthAndBackWithTheSameId() throws Exception {
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("rootfs.tar"));
    String id =
        ok(docker(dockerHost, "import", "-c", "CMD [\"sh\"]", tar.toString(), "interop/busybox:1"));

    Path fromDocker = work.resolve("from-docker.tar");
    ok(docker(dockerHost, "save", "-o", fromDocker.toString(), "interop/busybox:1"));
    assertThat(ok(docker(berthHost, "load", "-i", fromDocker.toString())))
        .isEqualTo("Loaded image: interop/busybox:1");
    assertThat(imageId(berthHost, "interop/busybox:1")).isEqualTo(id);

    Path fromBerth = work.resolve("from-berth.tar");
    ok(docker(berthHost, "save", "-o", fromBerth.toString(), "interop/busybox:1"));
    ok(docker(dockerHost, "rmi", "interop/busybox:1"));
    assertThat(docker(dockerHost, "image", "inspect", id).exitCode()).isNotZero();
    ok(docker(dockerHost, "load", "-i", fromBerth.toString()));
    assertThat(imageId(dockerHost, "interop/busybox:1")).isEqualTo(id);
  }

  @Test
  void anImageImportedIntoBerthLoadsIntoDockerWithTheSameId() throws Exception {
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs2")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("rootfs2.tar"));
    String id =
        ok(
            docker(
                berthHost, "import", "-c", "ENV MADE_BY=berth", tar.toString(), "interop/made:1"));
    Path archive = work.resolve("made-by-berth.tar");
    ok(docker(berthHost, "save", "-o", archive.toString(), "interop/made:1"));
    ok(docker(dockerHost, "load", "-i", archive.toString()));
    assertThat(imageId(dockerHost, "interop/made:1")).isEqualTo(id);
    Fixtures.CliResult env =
        docker(
            dockerHost, "image", "inspect", "--format", "{{json .Config.Env}}", "interop/made:1");
    assertThat(env.output()).contains("MADE_BY=berth");
  }

  @Test
  void aMultiStageBuildGivesTheSameConfigAndFilesAsDockersClassicBuilder() throws Exception {
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs3")));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("rootfs3.tar"));
    for (String host : List.of(dockerHost, berthHost)) {
      ok(docker(host, "import", "-c", "CMD [\"sh\"]", tar.toString(), "busybox:latest"));
    }
    Path context = Files.createDirectories(work.resolve("multistage"));
    Files.writeString(context.resolve("app.txt"), "the app\n");
    Files.writeString(context.resolve("debug.log"), "left out\n");
    Files.writeString(context.resolve("keep.log"), "kept by an exception\n");
    Files.createDirectories(context.resolve("secret"));
    Files.writeString(context.resolve("secret/key"), "never copied\n");
    Files.createDirectories(context.resolve("conf/sub"));
    Files.writeString(context.resolve("conf/app.conf"), "port=8080\n");
    Files.writeString(context.resolve("conf/sub/extra.conf"), "extra=1\n");
    Files.writeString(context.resolve(".dockerignore"), "*.log\n!keep.log\nsecret/\n");
    Files.writeString(
        context.resolve("Dockerfile"),
        """
        # syntax is the classic builder's
        ARG BASE=busybox:latest
        FROM ${BASE} AS builder
        ARG VERSION=1.0
        ENV APP_HOME=/src
        WORKDIR $APP_HOME
        COPY . .
        RUN mkdir -p /out && cat app.txt > /out/app-$VERSION.txt \\
            && ls -1a /src > /out/listing.txt && chmod 0750 /out/app-$VERSION.txt

        FROM busybox:latest
        ARG VERSION
        ENV VERSION=${VERSION:-unset} PATH=/opt/app:$PATH
        LABEL org.example.version=$VERSION org.example.name="multi stage"
        WORKDIR /opt/app
        COPY --from=builder /out/ ./
        COPY --chown=1000:1000 conf/ /etc/app/
        RUN echo 'app:x:1000:1000::/home/app:/bin/sh' >> /etc/passwd && mkdir -p /data
        USER app
        EXPOSE 8080/tcp 9090/udp
        VOLUME /data
        ENTRYPOINT ["/bin/sh", "-c"]
        CMD ["cat /opt/app/app-*.txt"]
        """);
    Map<String, JsonNode> configs = new java.util.HashMap<>();
    Map<String, String> trees = new java.util.HashMap<>();
    for (String host : List.of(dockerHost, berthHost)) {
      Fixtures.CliResult build =
          docker(
              host,
              "build",
              "--network",
              "none",
              "--build-arg",
              "VERSION=2.5",
              "-t",
              "interop/multi:1",
              context.toString());
      assertThat(build.exitCode()).as(host + ": " + build.output()).isZero();
      configs.put(
          host,
          JSON.readTree(ok(docker(host, "image", "inspect", "interop/multi:1")))
              .get(0)
              .path("Config"));
      trees.put(
          host,
          ok(
              docker(
                  host,
                  "run",
                  "--rm",
                  "--network",
                  "none",
                  "--user",
                  "0",
                  "--entrypoint",
                  "/bin/sh",
                  "interop/multi:1",
                  "-c",
                  "find / -xdev \\( -path /proc -o -path /sys -o -path /dev -o -path /etc/hostname"
                      + " -o -path /etc/hosts -o -path /etc/resolv.conf -o -path /.dockerenv"
                      // Docker's init layer links /etc/mtab to /proc/mounts in every container.
                      + " -o -path /etc/mtab \\)"
                      + " -prune -o -print | sort | while read f; do"
                      + " if [ -f \"$f\" ] && [ ! -L \"$f\" ]; then"
                      + " echo \"$f $(stat -c '%A %u:%g %s' \"$f\") $(md5sum < \"$f\")\";"
                      + " else echo \"$f $(stat -c '%A %u:%g' \"$f\")\"; fi; done")));
    }
    JsonNode docker = configs.get(dockerHost);
    JsonNode berth = configs.get(berthHost);
    for (String field :
        List.of(
            "Env",
            "Cmd",
            "Entrypoint",
            "WorkingDir",
            "User",
            "ExposedPorts",
            "Labels",
            "Volumes")) {
      assertThat(berth.path(field)).as(field).isEqualTo(docker.path(field));
    }
    assertThat(trees.get(berthHost).lines().toList())
        .as("the file tree of Berth's image, against Docker's")
        .containsExactlyElementsOf(trees.get(dockerHost).lines().toList());
    assertThat(trees.get(berthHost))
        .contains("/opt/app/app-2.5.txt -rwxr-x---")
        .contains("/etc/app/sub/extra.conf")
        .doesNotContain("secret")
        .doesNotContain("debug.log");
  }

  private static String imageId(String host, String name) throws Exception {
    return ok(docker(host, "image", "inspect", "--format", "{{.Id}}", name));
  }

  private static String ok(Fixtures.CliResult result) throws IOException {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }
}
