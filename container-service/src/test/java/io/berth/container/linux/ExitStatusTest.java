package io.berth.container.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

  @Test
  void anExitedStatusWordCarriesTheExitCode() {
    assertThat(ExitStatus.fromWaitStatus(3 << 8)).isEqualTo(ExitStatus.exited(3));
    assertThat(ExitStatus.fromWaitStatus(0)).isEqualTo(ExitStatus.exited(0));
  }

  @Test
  void aSignalledStatusWordIsReportedAsDockerDoes128PlusTheSignal() {
    ExitStatus killed = ExitStatus.fromWaitStatus(LinuxConstants.SIGKILL);
    assertThat(killed.code()).isEqualTo(137);
    assertThat(killed.signal()).isEqualTo(LinuxConstants.SIGKILL);
    assertThat(killed.signaled()).isTrue();
    // Core dumped (0x80) does not change the code.
    assertThat(ExitStatus.fromWaitStatus(0x80 | 11)).isEqualTo(ExitStatus.killed(11));
  }

  @Test
  void siginfoCodesDecodeLikeStatusWords() {
    assertThat(ExitStatus.fromSiginfo(LinuxConstants.CLD_EXITED, 3))
        .isEqualTo(ExitStatus.exited(3));
    assertThat(ExitStatus.fromSiginfo(LinuxConstants.CLD_KILLED, 15))
        .isEqualTo(ExitStatus.killed(15));
    assertThat(ExitStatus.fromSiginfo(LinuxConstants.CLD_DUMPED, 6))
        .isEqualTo(ExitStatus.killed(6));
  }

  @Test
  void aStoppedChildIsNotAnExit() {
    assertThatThrownBy(() -> ExitStatus.fromWaitStatus(0x137f))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExitStatus.fromSiginfo(5, 19))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSignalMustMatchItsCode() {
    assertThatThrownBy(() -> new ExitStatus(1, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExitStatus(256, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
