package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Detection against this machine's real mount table and cgroup files. */
class CgroupsIT {

  @BeforeAll
  static void requireLinux() {
    Kernel.assumeLinuxAsRoot();
  }

  @Test
  void detectPrefersV2WhenItOffersTheControllersElseV1() {
    boolean v2Usable;
    try {
      Cgroups.v2(Cgroups.DEFAULT_PARENT);
      v2Usable = true;
    } catch (CgroupException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      v2Usable = false;
    }

    Cgroups detected = Cgroups.detect();

    assertThat(detected.version()).isEqualTo(v2Usable ? CgroupVersion.V2 : CgroupVersion.V1);
    assertThat(detected.parent()).isEqualTo("berth");
  }

  @Test
  void aBadParentIsRefusedBeforeAnythingIsCreated() {
    assertThatThrownBy(() -> Cgroups.detect("../../etc"))
        .isInstanceOfSatisfying(
            CgroupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("../../etc");
  }
}
