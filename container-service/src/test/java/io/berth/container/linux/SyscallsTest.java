package io.berth.container.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyscallsTest {

  @Test
  void theTablePicksTheColumnOfTheArchitecture() {
    assertThat(Syscalls.number("amd64", 155, 41)).isEqualTo(155);
    assertThat(Syscalls.number("x86_64", 155, 41)).isEqualTo(155);
    assertThat(Syscalls.number("aarch64", 155, 41)).isEqualTo(41);
  }

  @Test
  void anUnknownArchitectureGetsANumberTheKernelRefusesWithEnosys() {
    assertThat(Syscalls.number("riscv64", 155, 41)).isEqualTo(-1);
  }

  @Test
  void thisJvmsArchitectureHasAColumn() {
    assertThat(Syscalls.SYS_pivot_root).isPositive();
    assertThat(Syscalls.SYS_pidfd_open).isEqualTo(434);
    assertThat(Syscalls.SYS_pidfd_send_signal).isEqualTo(424);
  }
}
