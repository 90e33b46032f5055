package io.berth.container.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.EnumSet;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel rule the spawner is built around (DESIGN.md, "The Linux runtime"): a thread whose
 * children's pid namespace differs from its own cannot create threads, until setns(2) takes it
 * back.
 */
class UnsharedThreadIT {

  @BeforeAll
  static void kernel() {
    KernelTests.assumeRootOnLinux();
  }

  @Test
  void aThreadCannotStartThreadsWhileItsChildrenGetANewPidNamespaceAndCanAfterSetnsBack()
      throws Exception {
    FutureTask<Throwable> onScratchThread =
        new FutureTask<>(
            () -> {
              Linux.preload();
              try (SavedNamespaces home = SavedNamespaces.ofCurrentThread()) {
                Linux.unshare(LinuxConstants.CLONE_NEWPID);
                Throwable refused;
                try {
                  refused = catchThrowable(() -> new Thread(() -> {}, "refused").start());
                } finally {
                  home.restore(EnumSet.of(Namespace.PID));
                }
                Thread again = new Thread(() -> {}, "allowed-again");
                again.start();
                again.join();
                return refused;
              }
            });
    new Thread(onScratchThread, "unshare-scratch").start();

    Throwable refused = onScratchThread.get(30, TimeUnit.SECONDS);
    // HotSpot reports pthread_create's EINVAL as "unable to create native thread".
    assertThat(refused)
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessageContaining("unable to create native thread");
  }
}
