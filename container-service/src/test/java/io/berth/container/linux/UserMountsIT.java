package io.berth.container.linux;

import static io.berth.container.linux.KernelTests.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's mounts made by {@link ContainerLauncher}, for real: binds read and write, a read-only
 * bind refuses writes, tmpfs, a volume seeded from the image, targets behind symlinks that point
 * out of the root, and nothing left in the host's mount table.
 */
class UserMountsIT {

  private static ContainerLauncher launcher;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    KernelTests.assumeRootOnLinux();
    launcher = new ContainerLauncher();
  }

  @AfterAll
  static void stop() {
    if (launcher != null) {
      launcher.close();
    }
  }

  @Test
  void bindsReadAndWriteAndAReadOnlyBindRefusesWrites() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("in"), "from host\n");

    String out =
        run(
            List.of(
                ContainerMount.bind(data, "/data", false, false),
                ContainerMount.bind(data, "/ro", true, false)),
            "cat /data/in; echo written > /data/out; { echo x > /ro/x; } 2>&1 || echo refused");

    assertThat(out).contains("from host", "Read-only file system", "refused");
    assertThat(Files.readString(data.resolve("out"))).isEqualTo("written\n");
    assertThat(data.resolve("x")).doesNotExist();
  }

  @Test
  void aTmpfsHasItsOptions() throws Exception {
    String out =
        run(
            List.of(
                ContainerMount.tmpfs(
                    "/run/t",
                    LinuxConstants.MS_NOSUID | LinuxConstants.MS_NODEV | LinuxConstants.MS_NOEXEC,
                    "size=1m,mode=700")),
            "grep ' /run/t ' /proc/mounts; echo hi > /run/t/f && cat /run/t/f");

    assertThat(out).contains("tmpfs /run/t tmpfs rw,nosuid,nodev,noexec", "size=1024k", "mode=700");
    assertThat(out).contains("hi");
  }

  @Test
  void targetsBehindSymlinksOutOfTheRootLandInsideIt() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("in"), "bound\n");
    String marker = "berth-mount-escape-" + System.nanoTime();

    String out =
        run(
            List.of(
                ContainerMount.bind(data, "/escape/" + marker, false, false),
                ContainerMount.bind(data, "/rootlink/" + marker + "-2", false, false)),
            "cat /" + marker + "/in /" + marker + "-2/in");

    assertThat(out).isEqualTo("bound\nbound\n");
    assertThat(Path.of("/" + marker)).doesNotExist();
    assertThat(Path.of("/" + marker + "-2")).doesNotExist();
    assertThat(dir.resolve(marker)).doesNotExist();
  }

  @Test
  void anEmptyVolumeIsSeededWithTheImagesContent() throws Exception {
    Path volume = Files.createDirectories(dir.resolve("volume"));

    String out =
        run(
            List.of(ContainerMount.bind(volume, "/seed", false, true)),
            "cat /seed/hello; grep ' /seed ' /proc/mounts | wc -l");

    assertThat(out).isEqualTo("from image\n1\n");
    assertThat(Files.readString(volume.resolve("hello"))).isEqualTo("from image\n");
    assertThat(volume.resolve("sub/deep")).hasContent("deep");
  }

  @Test
  void theHostsMountTableNeverSeesTheMounts() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));

    String out =
        run(
            List.of(
                ContainerMount.bind(data, "/data", true, false),
                ContainerMount.tmpfs("/scratch", 0, "")),
            "cat /proc/self/mountinfo; cat /proc/1/mountinfo > /dev/null");

    assertThat(out).contains(" /data ", " /scratch ");
    String after = Files.readString(Path.of("/proc/self/mountinfo"));
    assertThat(after).doesNotContain(data.toString()).doesNotContain(" /scratch ");
  }

  private String run(List<ContainerMount> mounts, String script) throws Exception {
    Launched launched =
        launcher.launch(
            root(mounts),
            new LaunchSpec(
                List.of("sh", "-c", script),
                List.of("PATH=/bin"),
                "/",
                null,
                false,
                false,
                List.of()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = Linux.read(launched.stdout(), buffer)) > 0) {
      out.write(buffer, 0, n);
    }
    Linux.close(launched.stdout());
    Linux.close(launched.stderr());
    Linux.waitid(LinuxConstants.P_PIDFD, launched.pidfd(), LinuxConstants.WEXITED);
    Linux.close(launched.pidfd());
    return out.toString(StandardCharsets.UTF_8);
  }

  private RootSpec root(List<ContainerMount> mounts) throws IOException {
    Path lower = dir.resolve("lower");
    if (!Files.exists(lower)) {
      Files.createDirectories(lower.resolve("bin"));
      Files.copy(Path.of(BUSYBOX), lower.resolve("bin/busybox"));
      for (String applet : List.of("sh", "cat", "echo", "grep", "wc")) {
        Files.createSymbolicLink(lower.resolve("bin").resolve(applet), Path.of("busybox"));
      }
      Files.createDirectories(lower.resolve("etc"));
      Files.writeString(lower.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
      Files.writeString(lower.resolve("etc/group"), "root:x:0:\n");
      Files.createDirectories(lower.resolve("seed/sub"));
      Files.writeString(lower.resolve("seed/hello"), "from image\n");
      Files.writeString(lower.resolve("seed/sub/deep"), "deep");
      Files.createSymbolicLink(lower.resolve("escape"), Path.of("../../.."));
      Files.createSymbolicLink(lower.resolve("rootlink"), Path.of("/"));
    }
    Path bundle = Files.createTempDirectory(dir, "bundle");
    Files.createDirectories(bundle.resolve("upper"));
    Files.createDirectories(bundle.resolve("work"));
    Files.writeString(bundle.resolve("hostname"), "mounts\n");
    Files.writeString(bundle.resolve("hosts"), "127.0.0.1\tlocalhost\n");
    Files.writeString(bundle.resolve("resolv.conf"), "nameserver 192.0.2.1\n");
    return new RootSpec(
        List.of(lower.toString()),
        bundle.resolve("upper").toString(),
        bundle.resolve("work").toString(),
        bundle,
        "mounts",
        false,
        mounts,
        0,
        null);
  }
}
