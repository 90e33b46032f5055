package io.berth.container.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpawnSpecTest {

  @Test
  void aCommandGetsAllSixNamespacesAndDockersDefaultPath() {
    SpawnSpec spec = SpawnSpec.of("/bin/busybox", "true");
    assertThat(spec.namespaces()).containsExactlyInAnyOrder(Namespace.values());
    assertThat(spec.env())
        .containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    assertThat(spec.stdout()).isNull();
  }

  @Test
  void aHostnameWithoutItsOwnUtsNamespaceWouldRenameTheHostAndIsRefused() {
    SpawnSpec withoutUts = SpawnSpec.of("true").withNamespaces(EnumSet.of(Namespace.PID));
    assertThatThrownBy(() -> withoutUts.withHostname("box"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTS");
  }

  @Test
  void hostnamesAreOneTo64PrintableBytes() {
    SpawnSpec spec = SpawnSpec.of("true");
    assertThat(spec.withHostname("a".repeat(64)).hostname()).hasSize(64);
    assertThatThrownBy(() -> spec.withHostname("a".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec.withHostname("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> spec.withHostname("a b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void argvAndEnvironmentAreChecked() {
    assertThatThrownBy(SpawnSpec::of).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new SpawnSpec(
                    List.of("true"),
                    List.of("NOEQUALS"),
                    null,
                    EnumSet.noneOf(Namespace.class),
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
