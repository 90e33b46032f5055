package io.berth.gateway;

import static io.berth.gateway.Fixtures.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.launcher.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bind mounts, volumes and tmpfs through the stock docker CLI, as the storage part of the networks
 * and volumes issue accepts them: binds read and write and {@code :ro} refuses writes, a named
 * volume keeps its data across containers, anonymous volumes go with {@code rm -v}, an image's
 * {@code VOLUME} becomes one, targets behind symlinks stay in the root, nothing is left in the
 * host's mount table, and the volume events reach {@code docker events}.
 */
class VolumesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Platform berth;
  private static String host;
  private static Path work;
  private static Path data;

  @BeforeAll
  static void startBerth() throws Exception {
    Assumptions.assumeTrue(Fixtures.dockerCliInstalled(), "the docker CLI is not installed");
    Assumptions.assumeTrue(
        ImageFixtures.busyboxInstalled(), "busybox-static is not installed (apt-get install)");
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "containers need root (namespaces)");
    data = Files.createTempDirectory("berth-volumes-it");
    work = Files.createTempDirectory("berth-volumes-work");
    berth =
        Platform.builder(Platform.findRepoRoot(), data)
            .freePorts()
            .startupTimeout(Duration.ofSeconds(120))
            .start();
    host = berth.dockerHost();
    Path rootfs = ImageFixtures.busyboxRootfs(Files.createDirectories(work.resolve("rootfs")));
    Files.createDirectories(rootfs.resolve("seed"));
    Files.writeString(rootfs.resolve("seed/hello"), "from image\n");
    Files.createSymbolicLink(rootfs.resolve("escape"), Path.of("../../.."));
    Files.createSymbolicLink(rootfs.resolve("rootlink"), Path.of("/"));
    Path tar = ImageFixtures.tarOf(rootfs, work.resolve("busybox.tar"));
    ok(docker(host, "import", "--change", "CMD [\"sh\"]", tar.toString(), "busybox:latest"));
    ok(
        docker(
            host,
            "import",
            "--change",
            "CMD [\"sh\"]",
            "--change",
            "VOLUME [\"/seed\"]",
            tar.toString(),
            "volimg:1"));
  }

  @AfterAll
  static void stopBerth() {
    if (berth != null) {
      berth.close();
    }
  }

  @Test
  void bindMountsReadAndWriteAndReadOnlyRefusesWrites() throws Exception {
    Path dir = Files.createDirectories(work.resolve("bind"));
    Files.writeString(dir.resolve("in"), "from host\n");

    Fixtures.CliResult rw =
        docker(
            host,
            "run",
            "--rm",
            "-v",
            dir + ":/mnt",
            "busybox",
            "sh",
            "-c",
            "cat /mnt/in; echo from container > /mnt/out");
    Fixtures.CliResult ro =
        docker(
            host, "run", "--rm", "-v", dir + ":/mnt:ro", "busybox", "sh", "-c", "echo x > /mnt/x");
    Fixtures.CliResult mount =
        docker(
            host,
            "run",
            "--rm",
            "--mount",
            "type=bind,source=" + dir + ",target=/m,readonly",
            "busybox",
            "sh",
            "-c",
            "cat /m/in; touch /m/y");

    ok(rw);
    assertThat(rw.output()).contains("from host");
    assertThat(dir.resolve("out")).hasContent("from container");
    assertThat(ro.exitCode()).isNotZero();
    assertThat(ro.output()).contains("Read-only file system");
    assertThat(dir.resolve("x")).doesNotExist();
    assertThat(mount.exitCode()).isNotZero();
    assertThat(mount.output()).contains("from host", "Read-only file system");
  }

  @Test
  void aMissingSourceIsCreatedForDashVButRefusedForMount() throws Exception {
    Path missing = work.resolve("created-by-v");
    Path absent = work.resolve("absent");

    Fixtures.CliResult v =
        docker(host, "run", "--rm", "-v", missing + ":/m", "busybox", "touch", "/m/f");
    Fixtures.CliResult mount =
        docker(
            host,
            "run",
            "--rm",
            "--mount",
            "type=bind,source=" + absent + ",target=/m",
            "busybox",
            "true");

    ok(v);
    assertThat(missing.resolve("f")).exists();
    assertThat(mount.exitCode()).isEqualTo(125);
    assertThat(mount.output())
        .contains(
            "invalid mount config for type \"bind\": bind source path does not exist: " + absent);
  }

  @Test
  void aNamedVolumeKeepsItsDataAcrossContainersAndIsManagedWithDockerVolume() throws Exception {
    Instant since = Instant.now().minusSeconds(1);
    ok(docker(host, "volume", "create", "--label", "team=web", "pgdata"));

    ok(
        docker(
            host,
            "run",
            "--rm",
            "-v",
            "pgdata:/data",
            "busybox",
            "sh",
            "-c",
            "echo kept > /data/f"));
    Fixtures.CliResult read =
        docker(host, "run", "--rm", "-v", "pgdata:/data", "busybox", "cat", "/data/f");
    ok(docker(host, "create", "--name", "holder", "-v", "pgdata:/data", "busybox", "true"));
    Fixtures.CliResult inUse = docker(host, "volume", "rm", "pgdata");
    JsonNode inspect = JSON.readTree(docker(host, "volume", "inspect", "pgdata").output()).get(0);
    Path stored = Path.of(inspect.path("Mountpoint").asText()).resolve("f");
    String onHost = Files.exists(stored) ? Files.readString(stored) : "(missing)";
    Fixtures.CliResult ls = docker(host, "volume", "ls", "-q", "--filter", "label=team=web");
    ok(docker(host, "rm", "holder"));
    Fixtures.CliResult rm = docker(host, "volume", "rm", "pgdata");
    Fixtures.CliResult gone = docker(host, "volume", "inspect", "pgdata");
    Instant until = Instant.now().plusSeconds(1);

    assertThat(read.output()).isEqualTo("kept");
    assertThat(inUse.exitCode()).isNotZero();
    assertThat(inUse.output()).contains("remove pgdata: volume is in use");
    assertThat(inspect.path("Name").asText()).isEqualTo("pgdata");
    assertThat(inspect.path("Driver").asText()).isEqualTo("local");
    assertThat(inspect.path("Scope").asText()).isEqualTo("local");
    assertThat(inspect.path("Labels").path("team").asText()).isEqualTo("web");
    assertThat(inspect.path("CreatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(onHost).isEqualTo("kept\n");
    assertThat(stored).doesNotExist();
    assertThat(ls.output().lines()).containsExactly("pgdata");
    ok(rm);
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.output()).contains("no such volume");

    List<String> events = volumeEvents(since, until, "pgdata");
    assertThat(events).startsWith("create pgdata driver=local");
    assertThat(events)
        .contains(
            "mount pgdata container=true destination=/data driver=local read/write=true",
            "unmount pgdata container=true destination=- driver=local read/write=-");
    assertThat(events).endsWith("destroy pgdata driver=local");
  }

  @Test
  void aNewNamedVolumeIsSeededFromTheImage() throws Exception {
    Fixtures.CliResult seeded =
        docker(host, "run", "--rm", "-v", "seeded:/seed", "busybox", "cat", "/seed/hello");
    Fixtures.CliResult nocopy =
        docker(host, "run", "--rm", "-v", "bare:/seed:nocopy", "busybox", "ls", "/seed");

    assertThat(seeded.output()).isEqualTo("from image");
    ok(nocopy);
    assertThat(nocopy.output()).isEmpty();
  }

  @Test
  void anonymousVolumesGoWithRmDashVAndNamedOnesStay() throws Exception {
    ok(
        docker(
            host,
            "create",
            "--name",
            "anon",
            "-v",
            "/scratch",
            "-v",
            "keepme:/keep",
            "busybox",
            "true"));
    JsonNode mounts = inspect("anon").path("Mounts");
    String anonymous = volumeAt(mounts, "/scratch");

    ok(docker(host, "rm", "-v", "anon"));
    List<String> after = docker(host, "volume", "ls", "-q").output().lines().toList();

    assertThat(anonymous).matches("[0-9a-f]{64}");
    assertThat(volumeAt(mounts, "/keep")).isEqualTo("keepme");
    assertThat(after).contains("keepme").doesNotContain(anonymous);
  }

  @Test
  void pruneRemovesUnusedAnonymousVolumesAndWithAllNamedOnes() throws Exception {
    ok(docker(host, "create", "--name", "left", "-v", "/left", "busybox", "true"));
    String anonymous = volumeAt(inspect("left").path("Mounts"), "/left");
    ok(docker(host, "rm", "left"));
    ok(docker(host, "volume", "create", "--label", "prune=me", "unused-named"));
    List<String> kept = docker(host, "volume", "ls", "-q").output().lines().toList();

    Fixtures.CliResult prune = docker(host, "volume", "prune", "-f");
    List<String> afterPrune = docker(host, "volume", "ls", "-q").output().lines().toList();
    Fixtures.CliResult pruneAll =
        docker(host, "volume", "prune", "-af", "--filter", "label=prune=me");
    List<String> afterAll = docker(host, "volume", "ls", "-q").output().lines().toList();

    assertThat(kept).contains(anonymous, "unused-named");
    ok(prune);
    assertThat(prune.output()).contains(anonymous, "Total reclaimed space");
    assertThat(afterPrune).doesNotContain(anonymous).contains("unused-named");
    ok(pruneAll);
    assertThat(afterAll).doesNotContain("unused-named");
  }

  @Test
  void anImageVolumeBecomesAnAnonymousVolumeSeededFromTheImage() throws Exception {
    ok(docker(host, "create", "--name", "withvol", "volimg:1", "cat", "/seed/hello"));
    JsonNode details = inspect("withvol");
    String anonymous = volumeAt(details.path("Mounts"), "/seed");
    ok(docker(host, "start", "-a", "withvol"));
    Fixtures.CliResult logs = docker(host, "logs", "withvol");
    ok(docker(host, "rm", "-v", "withvol"));
    Fixtures.CliResult rmRun = docker(host, "run", "--rm", "volimg:1", "true");

    assertThat(anonymous).matches("[0-9a-f]{64}");
    assertThat(details.path("Config").path("Volumes").has("/seed")).isTrue();
    assertThat(logs.output()).isEqualTo("from image");
    ok(rmRun);
    assertThat(docker(host, "volume", "ls", "-q").output().lines())
        .noneMatch(name -> name.matches("[0-9a-f]{64}"));
  }

  @Test
  void tmpfsMountsWork() throws Exception {
    Fixtures.CliResult tmpfs =
        docker(
            host,
            "run",
            "--rm",
            "--tmpfs",
            "/run/t:size=1m",
            "--mount",
            "type=tmpfs,target=/t2,tmpfs-mode=0700",
            "busybox",
            "sh",
            "-c",
            "grep ' /run/t \\| /t2 ' /proc/mounts; echo hi > /run/t/f && cat /run/t/f");

    ok(tmpfs);
    assertThat(tmpfs.output())
        .contains("tmpfs /run/t tmpfs rw,nosuid,nodev,noexec", "size=1024k", "mode=700", "hi");
  }

  @Test
  void mountTargetsBehindSymlinksStayInsideTheRootAndLeaveNoHostMount() throws Exception {
    Path dir = Files.createDirectories(work.resolve("symlinked"));
    Files.writeString(dir.resolve("in"), "inside\n");
    String marker = "berth-volumes-it-" + System.nanoTime();

    ok(
        docker(
            host,
            "run",
            "-d",
            "--name",
            "linked",
            "-v",
            dir + ":/escape/" + marker,
            "-v",
            "linkvol:/rootlink/" + marker + "-vol",
            "busybox",
            "sleep",
            "60"));
    Fixtures.CliResult seen = docker(host, "exec", "linked", "cat", "/" + marker + "/in");
    String whileRunning = Files.readString(Path.of("/proc/self/mountinfo"));
    ok(docker(host, "rm", "-f", "-v", "linked"));
    String afterRemove = Files.readString(Path.of("/proc/self/mountinfo"));

    assertThat(seen.output()).isEqualTo("inside");
    assertThat(Path.of("/" + marker)).doesNotExist();
    assertThat(Path.of("/" + marker + "-vol")).doesNotExist();
    for (String table : List.of(whileRunning, afterRemove)) {
      assertThat(table).doesNotContain(dir.toString()).doesNotContain(data.toString());
    }
  }

  @Test
  void commitLeavesVolumeAndBindContentsOut() throws Exception {
    Path dir = Files.createDirectories(work.resolve("commit-bind"));
    ok(
        docker(
            host,
            "run",
            "--name",
            "tocommit",
            "-v",
            "commitvol:/data",
            "-v",
            dir + ":/bound",
            "busybox",
            "sh",
            "-c",
            "echo v > /data/x; echo b > /bound/y; echo u > /upper"));
    ok(docker(host, "commit", "tocommit", "committed:1"));
    Fixtures.CliResult inImage =
        docker(
            host,
            "run",
            "--rm",
            "committed:1",
            "sh",
            "-c",
            "cat /upper; ls /data /bound 2>&1 | grep -c '^[xy]$'");
    ok(docker(host, "rm", "tocommit"));

    assertThat(inImage.output().lines()).containsExactly("u", "0");
  }

  private static String volumeAt(JsonNode mounts, String destination) {
    for (JsonNode mount : mounts) {
      if (mount.path("Destination").asText().equals(destination)) {
        assertThat(mount.path("Type").asText()).isEqualTo("volume");
        assertThat(mount.path("Driver").asText()).isEqualTo("local");
        assertThat(mount.path("RW").asBoolean()).isTrue();
        return mount.path("Name").asText();
      }
    }
    throw new AssertionError("no mount at " + destination + " in " + mounts);
  }

  private static JsonNode inspect(String container) throws Exception {
    Fixtures.CliResult result = docker(host, "inspect", container);
    ok(result);
    return JSON.readTree(result.output()).get(0);
  }

  /**
   * {@code docker events --filter type=volume} between two times, one line per event: action,
   * volume, then the attributes, with {@code container=true} for a container id.
   */
  private static List<String> volumeEvents(Instant since, Instant until, String volume)
      throws Exception {
    Fixtures.CliResult result =
        docker(
            host,
            "events",
            "--since",
            seconds(since),
            "--until",
            seconds(until),
            "--filter",
            "type=volume",
            "--filter",
            "volume=" + volume,
            "--format",
            "{{json .}}");
    ok(result);
    List<String> lines = new ArrayList<>();
    for (String line : result.output().lines().filter(l -> !l.isBlank()).toList()) {
      JsonNode event = JSON.readTree(line);
      assertThat(event.path("Type").asText()).isEqualTo("volume");
      JsonNode attributes = event.path("Actor").path("Attributes");
      StringBuilder text =
          new StringBuilder(
              event.path("Action").asText() + " " + event.path("Actor").path("ID").asText());
      if (attributes.has("container")) {
        text.append(" container=")
            .append(attributes.path("container").asText().matches("[0-9a-f]{64}"))
            .append(" destination=")
            .append(attributes.path("destination").asText("-"))
            .append(" driver=")
            .append(attributes.path("driver").asText())
            .append(" read/write=")
            .append(attributes.path("read/write").asText("-"));
      } else {
        text.append(" driver=").append(attributes.path("driver").asText());
      }
      lines.add(text.toString());
    }
    return lines;
  }

  private static String seconds(Instant time) {
    return time.getEpochSecond() + "." + String.format("%09d", time.getNano());
  }

  private static void ok(Fixtures.CliResult result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
