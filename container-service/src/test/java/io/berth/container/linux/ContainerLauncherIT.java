package io.berth.container.linux;

import static io.berth.container.linux.KernelTests.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** Containers started by {@link ContainerLauncher} on a real overlay root, seen from inside. */
class ContainerLauncherIT {

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

  private RootSpec root(String hostname) throws IOException {
    Path lower = dir.resolve("lower");
    Files.createDirectories(lower.resolve("bin"));
    Files.copy(Path.of(BUSYBOX), lower.resolve("bin/busybox"));
    for (String applet :
        List.of(
            "sh", "cat", "echo", "hostname", "ls", "id", "grep", "sleep", "touch", "wc", "ps")) {
      Files.createSymbolicLink(lower.resolve("bin").resolve(applet), Path.of("busybox"));
    }
    Files.createDirectories(lower.resolve("etc"));
    Files.writeString(
        lower.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
    Files.writeString(lower.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    Path bundle = dir.resolve("bundle");
    Files.createDirectories(bundle.resolve("upper"));
    Files.createDirectories(bundle.resolve("work"));
    Files.writeString(bundle.resolve("hostname"), hostname + "\n");
    Files.writeString(bundle.resolve("hosts"), "127.0.0.1\tlocalhost\n");
    Files.writeString(bundle.resolve("resolv.conf"), "nameserver 192.0.2.1\n");
    return new RootSpec(
        List.of(lower.toString()),
        bundle.resolve("upper").toString(),
        bundle.resolve("work").toString(),
        bundle,
        hostname,
        false);
  }

  private static String run(Launched launched) throws Exception {
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

  @Test
  void theShellIsPidOneWithItsOwnHostnameRootAndDockersCapabilities() throws Exception {
    Files.writeString(Path.of("/berth-host-sentinel"), "host");
    try {
      Launched launched =
          launcher.launch(
              root("c0ffee123456"),
              new LaunchSpec(
                  List.of(
                      "sh",
                      "-c",
                      "echo pid=$$; hostname; grep CapEff /proc/self/status;"
                          + " grep NoNewPrivs /proc/self/status; ls /proc | grep -c '^[0-9]';"
                          + " cat /berth-host-sentinel 2>&1; cat /etc/resolv.conf; pwd; id"),
                  List.of("PATH=/bin"),
                  "/work",
                  null,
                  false,
                  false,
                  List.of()));
      String out = run(launched);
      assertThat(out).contains("pid=1\n", "c0ffee123456\n", "CapEff:\t00000000a80425fb");
      assertThat(out).contains("NoNewPrivs:\t1", "nameserver 192.0.2.1", "/work\n");
      assertThat(out).contains("No such file", "uid=0(root) gid=0(root)");
    } finally {
      Files.deleteIfExists(Path.of("/berth-host-sentinel"));
    }
  }

  @Test
  void aMissingCommandIsRefusedAsDockerWordsIt() throws Exception {
    RootSpec root = root("abc");
    assertThatThrownBy(
            () ->
                launcher.launch(
                    root,
                    new LaunchSpec(
                        List.of("nosuchcommand"),
                        List.of("PATH=/bin"),
                        "/",
                        null,
                        false,
                        false,
                        List.of())))
        .hasMessageContaining("executable file not found in $PATH");
  }

  @Test
  void aNamedUserRunsWithoutCapabilities() throws Exception {
    Launched launched =
        launcher.launch(
            root("u1"),
            new LaunchSpec(
                List.of("sh", "-c", "id; grep CapEff /proc/self/status"),
                List.of("PATH=/bin"),
                "/",
                "nobody",
                false,
                false,
                List.of()));
    String out = run(launched);
    assertThat(out).contains("uid=65534(nobody) gid=65534(nogroup)", "CapEff:\t0000000000000000");
  }
}
