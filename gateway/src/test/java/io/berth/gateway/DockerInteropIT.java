package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.launcher.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

  private static String imageId(String host, String name) throws Exception {
    return ok(docker(host, "image", "inspect", "--format", "{{.Id}}", name));
  }

  private static String ok(Fixtures.CliResult result) throws IOException {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }
}
