package io.berth.container.volume;

import static io.berth.container.linux.LinuxConstants.MS_NODEV;
import static io.berth.container.linux.LinuxConstants.MS_NOEXEC;
import static io.berth.container.linux.LinuxConstants.MS_NOSUID;
import static io.berth.container.linux.LinuxConstants.MS_RDONLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TmpfsOptionsTest {

  @Test
  void noOptionsAreDockersDefaults() {
    TmpfsOptions options = TmpfsOptions.parse("");

    assertThat(options.flags()).isEqualTo(MS_NOEXEC | MS_NOSUID | MS_NODEV);
    assertThat(options.data()).isEmpty();
    assertThat(options.readWrite()).isTrue();
  }

  @Test
  void flagsAndTmpfsDataAreSeparated() {
    TmpfsOptions options = TmpfsOptions.parse("ro,exec,size=64m,mode=1777,uid=1000");

    assertThat(options.flags()).isEqualTo(MS_RDONLY | MS_NOSUID | MS_NODEV);
    assertThat(options.data()).isEqualTo("size=64m,mode=1777,uid=1000");
    assertThat(options.readWrite()).isFalse();
  }

  @Test
  void unknownOptionsAreRefused() {
    assertThatThrownBy(() -> TmpfsOptions.parse("size=1m,bogus"))
        .hasMessage("invalid tmpfs option [\"bogus\"]");
    assertThatThrownBy(() -> TmpfsOptions.parse("colour=blue"))
        .hasMessage("invalid tmpfs option [\"colour=blue\"]");
    assertThatThrownBy(() -> TmpfsOptions.parse("size="))
        .hasMessage("invalid tmpfs option [\"size=\"]");
  }
}
