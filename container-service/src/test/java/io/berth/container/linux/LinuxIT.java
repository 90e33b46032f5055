package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.CLONE_NEWPID;
import static io.berth.container.linux.LinuxConstants.EBADF;
import static io.berth.container.linux.LinuxConstants.ECHILD;
import static io.berth.container.linux.LinuxConstants.ENOENT;
import static io.berth.container.linux.LinuxConstants.MNT_DETACH;
import static io.berth.container.linux.LinuxConstants.MS_PRIVATE;
import static io.berth.container.linux.LinuxConstants.MS_REC;
import static io.berth.container.linux.LinuxConstants.PR_GET_NO_NEW_PRIVS;
import static io.berth.container.linux.LinuxConstants.WNOHANG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed calls against the real kernel, and how their failures read. */
class LinuxIT {

  @BeforeAll
  static void kernel() {
    KernelTests.assumeRootOnLinux();
  }

  @Test
  void processAndThreadIdsAreTheKernels() {
    assertThat(Linux.getpid()).isEqualTo((int) ProcessHandle.current().pid());
    assertThat(KernelTests.link("/proc/thread-self"))
        .isEqualTo(Linux.getpid() + "/task/" + Linux.gettid());
  }

  @Test
  void setnsOnABadDescriptorNamesTheCallItsArgumentsAndEbadf() {
    assertThatThrownBy(() -> Linux.setns(-1, CLONE_NEWPID))
        .isInstanceOfSatisfying(
            LinuxException.class,
            e -> {
              assertThat(e.call()).isEqualTo("setns");
              assertThat(e.errno()).isEqualTo(EBADF);
            })
        .hasMessage("setns(fd=-1, nstype=CLONE_NEWPID) failed: Bad file descriptor (errno 9)");
  }

  @Test
  void openOfAMissingFileNamesThePath() {
    assertThatThrownBy(() -> Linux.open("/no/such/berth/file", LinuxConstants.O_RDONLY, 0))
        .isInstanceOfSatisfying(LinuxException.class, e -> assertThat(e.errno()).isEqualTo(ENOENT))
        .hasMessageStartingWith("open(/no/such/berth/file, 00, 00) failed: No such file");
  }

  @Test
  void waitingForSomeoneElsesChildIsEchild() {
    assertThatThrownBy(() -> Linux.waitpid(1, WNOHANG))
        .isInstanceOfSatisfying(
            LinuxException.class,
            e -> {
              assertThat(e.call()).isEqualTo("waitpid");
              assertThat(e.errno()).isEqualTo(ECHILD);
            });
  }

  @Test
  void rootHasSysAdminAndNoNewPrivsIsOffForTheJvm() {
    Capabilities capabilities = Linux.capget(0);
    assertThat(capabilities.hasEffective(LinuxConstants.CAP_SYS_ADMIN)).isTrue();
    Linux.capset(
        capabilities); // Setting what the thread already has is allowed and changes nothing.
    assertThat(Linux.capget(0)).isEqualTo(capabilities);
    assertThat(Linux.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)).isZero();
  }

  @Test
  void aPidfdNamesALiveProcess() {
    int pidfd = Linux.pidfdOpen(Linux.getpid());
    try {
      Linux.pidfdSendSignal(pidfd, 0); // Signal 0 checks without sending.
      assertThat(KernelTests.link("/proc/self/fd/" + pidfd)).isEqualTo("anon_inode:[pidfd]");
    } finally {
      Linux.close(pidfd);
    }
  }

  @Test
  void pivotRootThroughTheSyscallTableNamesItsFailure() {
    assertThatThrownBy(() -> Linux.pivotRoot("/no/such/root", "/no/such/root/old"))
        .isInstanceOfSatisfying(
            LinuxException.class,
            e -> {
              assertThat(e.call()).isEqualTo("pivot_root");
              assertThat(e.errno()).isEqualTo(ENOENT);
            });
  }

  @Test
  void aThreadCanPivotIntoATmpfsInItsOwnMountNamespaceAndComeBack(@TempDir Path dir)
      throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root);
    String processCwd = KernelTests.link("/proc/self/cwd");
    FutureTask<String> onScratchThread =
        new FutureTask<>(
            () -> {
              try (SavedNamespaces home = SavedNamespaces.ofCurrentThread()) {
                Linux.unshare(LinuxConstants.CLONE_NEWNS);
                try {
                  Linux.mount(null, "/", null, MS_REC | MS_PRIVATE, null);
                  Linux.mount("tmpfs", root.toString(), "tmpfs", 0, "size=1m");
                  Files.createDirectory(root.resolve("old"));
                  Files.writeString(root.resolve("marker"), "inside");
                  Linux.pivotRoot(root.toString(), root.resolve("old").toString());
                  Linux.chdir("/");
                  Linux.umount2("/old", MNT_DETACH);
                  return Files.readString(Path.of("/marker"))
                      + " "
                      + Files.exists(Path.of("/old/proc"));
                } finally {
                  home.restore(EnumSet.of(Namespace.MOUNT));
                  assertThat(KernelTests.link("/proc/thread-self/cwd")).isEqualTo(processCwd);
                  assertThat(KernelTests.threadNamespaces())
                      .isEqualTo(KernelTests.namespaceLinks("self"));
                }
              }
            });
    new Thread(onScratchThread, "pivot-scratch").start();

    assertThat(onScratchThread.get(30, TimeUnit.SECONDS)).isEqualTo("inside false");
    // The tmpfs lived only in the scratch thread's mount namespace.
    assertThat(root.resolve("marker")).doesNotExist();
  }
}
