package io.berth.container.linux;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.ErrorCode;
import org.junit.jupiter.api.Test;

class LinuxExceptionTest {

  @Test
  void theMessageNamesTheCallItsArgumentsAndTheError() {
    LinuxException e =
        new LinuxException("setns", "fd=-1, nstype=CLONE_NEWPID", 9, "Bad file descriptor");
    assertThat(e)
        .hasMessage("setns(fd=-1, nstype=CLONE_NEWPID) failed: Bad file descriptor (errno 9)");
    assertThat(e.call()).isEqualTo("setns");
    assertThat(e.errno()).isEqualTo(LinuxConstants.EBADF);
    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
  }
}
