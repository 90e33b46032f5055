package io.berth.container.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.container.HostConfig;
import io.berth.events.container.Mount;
import io.berth.events.query.MountPoint;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MountSpecsTest {

  private static final Supplier<String> NAME = () -> "a".repeat(64);

  private static HostConfig binds(String... binds) {
    return new HostConfig(0, 0, 0, 0, false, "no", "bridge", List.of(binds), false);
  }

  private static HostConfig mounts(Mount... mounts) {
    return new HostConfig(
        0,
        0,
        0,
        0,
        false,
        "no",
        "bridge",
        List.of(),
        false,
        List.of(mounts),
        Map.of(),
        List.of(),
        false,
        List.of(),
        List.of(),
        List.of());
  }

  private static MountPoint only(HostConfig host) {
    List<MountPoint> resolved = MountSpecs.resolve(host, List.of(), NAME);
    assertThat(resolved).hasSize(1);
    return resolved.get(0);
  }

  @Test
  void aHostPathIsABindWithDockersDefaults() {
    MountPoint bind = only(binds("/srv/data:/data"));

    assertThat(bind.type()).isEqualTo("bind");
    assertThat(bind.source()).isEqualTo("/srv/data");
    assertThat(bind.destination()).isEqualTo("/data");
    assertThat(bind.rw()).isTrue();
    assertThat(bind.mode()).isEmpty();
    assertThat(bind.propagation()).isEqualTo("rprivate");
    assertThat(bind.name()).isNull();
  }

  @Test
  void roMakesABindReadOnlyAndKeepsTheModeAsGiven() {
    MountPoint bind = only(binds("/srv/data/../conf/:/etc/app/:ro"));

    assertThat(bind.rw()).isFalse();
    assertThat(bind.mode()).isEqualTo("ro");
    assertThat(bind.source()).isEqualTo("/srv/conf");
    assertThat(bind.destination()).isEqualTo("/etc/app");
  }

  @Test
  void aNameIsANamedVolumeWithModeZ() {
    MountPoint volume = only(binds("pgdata:/var/lib/db"));

    assertThat(volume.type()).isEqualTo("volume");
    assertThat(volume.name()).isEqualTo("pgdata");
    assertThat(volume.driver()).isEqualTo("local");
    assertThat(volume.mode()).isEqualTo("z");
    assertThat(volume.anonymous()).isFalse();
    assertThat(volume.rw()).isTrue();
  }

  @Test
  void aPathAloneOrWithAModeIsAnAnonymousVolume() {
    MountPoint plain = only(binds("/scratch"));
    MountPoint readOnly = only(binds("/scratch:ro"));

    assertThat(plain.anonymous()).isTrue();
    assertThat(plain.name()).isEqualTo(NAME.get());
    assertThat(plain.destination()).isEqualTo("/scratch");
    assertThat(readOnly.anonymous()).isTrue();
    assertThat(readOnly.rw()).isFalse();
  }

  @Test
  void nocopyIsKeptForTheVolume() {
    assertThat(only(binds("cache:/cache:nocopy")).options()).isEqualTo("nocopy");
    assertThat(only(mounts(new Mount("volume", "cache", "/c", false, true, null, 0, 0))).options())
        .isEqualTo("nocopy");
    assertThat(only(binds("cache:/cache")).options()).isEmpty();
  }

  @Test
  void badSpecificationsAreRefusedInDockersWords() {
    assertThatThrownBy(() -> only(binds("a:b:c:d")))
        .hasMessage("invalid volume specification: 'a:b:c:d'");
    assertThatThrownBy(() -> only(binds("/srv:/data:rx"))).hasMessage("invalid mode: rx");
    assertThatThrownBy(() -> only(binds("/srv:data")))
        .hasMessage(
            "invalid mount config for type \"bind\": invalid mount path: 'data' mount path must"
                + " be absolute");
    assertThatThrownBy(() -> only(binds("/srv:/")))
        .hasMessage("invalid specification: destination can't be '/'");
    assertThatThrownBy(() -> only(binds("bad name:/data")))
        .hasMessageContaining("includes invalid characters for a local volume name");
    assertThatThrownBy(() -> MountSpecs.resolve(binds("/a:/data", "bb:/data/"), List.of(), NAME))
        .hasMessage("Duplicate mount point: /data");
  }

  @Test
  void mountEntriesBecomeBindsVolumesAndTmpfs() {
    MountPoint bind = only(mounts(new Mount("bind", "/srv", "/srv-in", true, false, null, 0, 0)));
    MountPoint named =
        only(mounts(new Mount("volume", "cache", "/cache", false, false, null, 0, 0)));
    MountPoint anonymous = only(mounts(new Mount("volume", "", "/anon", false, false, null, 0, 0)));
    MountPoint tmpfs =
        only(mounts(new Mount("tmpfs", "", "/run/t", false, false, null, 1 << 20, 0700)));

    assertThat(bind.rw()).isFalse();
    assertThat(bind.mode()).isEmpty();
    assertThat(bind.propagation()).isEqualTo("rprivate");
    assertThat(named.name()).isEqualTo("cache");
    assertThat(named.mode()).isEmpty();
    assertThat(anonymous.anonymous()).isTrue();
    assertThat(tmpfs.type()).isEqualTo("tmpfs");
    assertThat(tmpfs.options()).isEqualTo("size=1048576,mode=700");
  }

  @Test
  void mountEntriesAreChecked() {
    assertThatThrownBy(() -> only(mounts(new Mount("bind", "", "/x", false, false, null, 0, 0))))
        .hasMessage("invalid mount config for type \"bind\": field Source must not be empty");
    assertThatThrownBy(
            () -> only(mounts(new Mount("tmpfs", "/src", "/x", false, false, null, 0, 0))))
        .hasMessage("invalid mount config for type \"tmpfs\": field Source must not be specified");
    assertThatThrownBy(
            () -> only(mounts(new Mount("npipe", "/src", "/x", false, false, null, 0, 0))))
        .hasMessage("invalid mount config for type \"npipe\": mount type unknown");
  }

  @Test
  void anAnonymousPathUnderAnotherMountIsLeftOutAndTheRestFollow() {
    HostConfig host =
        new HostConfig(
            0,
            0,
            0,
            0,
            false,
            "no",
            "bridge",
            List.of("/srv:/data"),
            false,
            List.of(),
            Map.of("/run", "size=64m"),
            List.of(),
            false,
            List.of(),
            List.of(),
            List.of());

    List<MountPoint> resolved = MountSpecs.resolve(host, List.of("/data", "/logs"), NAME);

    assertThat(resolved)
        .extracting(MountPoint::destination, MountPoint::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/data", "bind"),
            org.assertj.core.groups.Tuple.tuple("/run", "tmpfs"),
            org.assertj.core.groups.Tuple.tuple("/logs", "volume"));
  }
}
