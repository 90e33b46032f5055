package io.berth.container.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class NamespaceTest {

  @Test
  void flagsAreOredAndDescribedByTheirCNames() {
    int flags = Namespace.flags(EnumSet.of(Namespace.PID, Namespace.MOUNT));
    assertThat(flags).isEqualTo(LinuxConstants.CLONE_NEWPID | LinuxConstants.CLONE_NEWNS);
    assertThat(Namespace.describe(flags)).isEqualTo("CLONE_NEWNS|CLONE_NEWPID");
  }

  @Test
  void unknownBitsAndTheUserNamespaceStillShow() {
    assertThat(Namespace.describe(LinuxConstants.CLONE_NEWUSER | 1)).isEqualTo("CLONE_NEWUSER|0x1");
    assertThat(Namespace.describe(0)).isEqualTo("0x0");
  }

  @Test
  void onlyThePidNamespaceIsSavedThroughItsChildrensEntry() {
    assertThat(Namespace.PID.childrenProcName()).isEqualTo("pid_for_children");
    assertThat(Namespace.NET.childrenProcName()).isEqualTo("net");
    assertThat(Namespace.MOUNT.procName()).isEqualTo("mnt");
  }
}
