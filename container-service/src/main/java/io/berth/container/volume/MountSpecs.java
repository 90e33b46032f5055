package io.berth.container.volume;

import io.berth.events.container.HostConfig;
import io.berth.events.container.Mount;
import io.berth.events.query.MountPoint;
import io.berth.events.volume.VolumeNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A container's mounts from what {@code docker run} asked for, parsed and checked as moby's Linux
 * mount parser ({@code volume/mounts/linux_parser.go}) does: {@code -v} entries ({@code
 * HostConfig.Binds}), {@code --mount} entries ({@code HostConfig.Mounts}), {@code --tmpfs} entries
 * ({@code HostConfig.Tmpfs}) and anonymous volume paths ({@code -v /data} and the image's {@code
 * VOLUME}s, {@code Config.Volumes}). An anonymous volume at a path another mount covers is left
 * out; two of the user's mounts at one path are refused.
 *
 * <p>The result names volumes but creates nothing; a volume's {@link MountPoint#source()} is left
 * empty for {@link Volumes} to fill.
 */
public final class MountSpecs {

  private static final Set<String> PROPAGATIONS =
      Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");

  private MountSpecs() {}

  /**
   * Resolves every mount of a container.
   *
   * @param host the host config with {@code Binds}, {@code Mounts} and {@code Tmpfs}
   * @param anonymous paths that get an anonymous volume unless another mount covers them
   * @param newName makes a name for an anonymous volume
   * @throws IllegalArgumentException in Docker's words for a specification it refuses
   */
  public static List<MountPoint> resolve(
      HostConfig host, List<String> anonymous, Supplier<String> newName) {
    Map<String, MountPoint> byDestination = new LinkedHashMap<>();
    List<MountPoint> asked = new ArrayList<>();
    for (String bind : host.binds()) {
      asked.add(parseBind(bind, newName));
    }
    for (Mount mount : host.mounts()) {
      asked.add(parseMount(mount, newName));
    }
    host.tmpfs()
        .forEach(
            (target, options) -> {
              TmpfsOptions parsed = TmpfsOptions.parse(options);
              String destination = destination(target, "tmpfs");
              asked.add(
                  new MountPoint(
                      "tmpfs",
                      null,
                      "",
                      destination,
                      null,
                      "",
                      parsed.readWrite(),
                      "",
                      false,
                      options == null ? "" : options));
            });
    for (MountPoint mount : asked) {
      if (byDestination.putIfAbsent(mount.destination(), mount) != null) {
        throw new IllegalArgumentException("Duplicate mount point: " + mount.destination());
      }
    }
    for (String path : anonymous) {
      String destination = destination(path, "volume");
      if (!byDestination.containsKey(destination)) {
        byDestination.put(destination, volume(newName.get(), destination, "", true, true));
      }
    }
    return List.copyOf(byDestination.values());
  }

  /**
   * One {@code -v} entry: {@code /host:/ctr[:mode]}, {@code name:/ctr[:mode]}, {@code /ctr[:mode]}.
   */
  static MountPoint parseBind(String spec, Supplier<String> newName) {
    String[] parts = spec.split(":", -1);
    String source;
    String target;
    String mode = "";
    switch (parts.length) {
      case 1 -> {
        source = "";
        target = parts[0];
      }
      case 2 -> {
        if (isMode(parts[1])) {
          source = "";
          target = parts[0];
          mode = parts[1];
        } else {
          source = parts[0];
          target = parts[1];
        }
      }
      case 3 -> {
        source = parts[0];
        target = parts[1];
        mode = parts[2];
      }
      default -> throw invalidSpec(spec);
    }
    if (target.isEmpty() || (parts.length > 1 && parts[0].isEmpty())) {
      throw invalidSpec(spec);
    }
    if (!mode.isEmpty() && !isMode(mode)) {
      throw new IllegalArgumentException("invalid mode: " + mode);
    }
    boolean readOnly = modeHas(mode, "ro");
    if (source.startsWith("/")) {
      if (modeHas(mode, "nocopy")) {
        throw new IllegalArgumentException("invalid mode: " + mode);
      }
      return new MountPoint(
          "bind",
          null,
          Path.of(source).normalize().toString(),
          destination(target, "bind"),
          null,
          mode,
          !readOnly,
          propagation(mode),
          false,
          "");
    }
    String destination = destination(target, "volume");
    if (source.isEmpty()) {
      return volume(newName.get(), destination, mode, true, !readOnly);
    }
    VolumeNames.require(source);
    return volume(source, destination, mode.isEmpty() ? "z" : mode, false, !readOnly);
  }

  /** One {@code --mount} entry. */
  static MountPoint parseMount(Mount mount, Supplier<String> newName) {
    switch (mount.type()) {
      case "bind" -> {
        if (mount.source().isEmpty()) {
          throw new IllegalArgumentException(
              "invalid mount config for type \"bind\": field Source must not be empty");
        }
        if (!mount.source().startsWith("/")) {
          throw new IllegalArgumentException(
              "invalid mount config for type \"bind\": invalid mount path: '"
                  + mount.source()
                  + "' mount path must be absolute");
        }
        return new MountPoint(
            "bind",
            null,
            Path.of(mount.source()).normalize().toString(),
            destination(mount.target(), "bind"),
            null,
            "",
            !mount.readOnly(),
            "rprivate",
            false,
            "");
      }
      case "volume" -> {
        String destination = destination(mount.target(), "volume");
        String mode = mount.noCopy() ? "nocopy" : "";
        if (mount.source().isEmpty()) {
          return volume(newName.get(), destination, mode, true, !mount.readOnly());
        }
        VolumeNames.require(mount.source());
        return volume(mount.source(), destination, mode, false, !mount.readOnly());
      }
      case "tmpfs" -> {
        if (!mount.source().isEmpty()) {
          throw new IllegalArgumentException(
              "invalid mount config for type \"tmpfs\": field Source must not be specified");
        }
        List<String> options = new ArrayList<>();
        if (mount.readOnly()) {
          options.add("ro");
        }
        if (mount.tmpfsSizeBytes() > 0) {
          options.add("size=" + mount.tmpfsSizeBytes());
        }
        if (mount.tmpfsMode() > 0) {
          options.add("mode=" + Integer.toOctalString(mount.tmpfsMode()));
        }
        String joined = String.join(",", options);
        return new MountPoint(
            "tmpfs",
            null,
            "",
            destination(mount.target(), "tmpfs"),
            null,
            "",
            !mount.readOnly(),
            "",
            false,
            joined);
      }
      default ->
          throw new IllegalArgumentException(
              "invalid mount config for type \"" + mount.type() + "\": mount type unknown");
    }
  }

  private static MountPoint volume(
      String name, String destination, String mode, boolean anonymous, boolean rw) {
    return new MountPoint(
        "volume", name, "", destination, "local", mode, rw, "", anonymous, nocopy(mode));
  }

  /** Where {@link MountPoint#options()} of a volume says Docker's {@code nocopy}. */
  private static String nocopy(String mode) {
    return modeHas(mode, "nocopy") ? "nocopy" : "";
  }

  private static String destination(String target, String type) {
    if (target == null || target.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid mount config for type \"" + type + "\": field Target must not be empty");
    }
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException(
          "invalid mount config for type \""
              + type
              + "\": invalid mount path: '"
              + target
              + "' mount path must be absolute");
    }
    String clean = Path.of(target).normalize().toString();
    if (clean.equals("/")) {
      throw new IllegalArgumentException("invalid specification: destination can't be '/'");
    }
    return clean;
  }

  private static boolean isMode(String mode) {
    if (mode.isEmpty()) {
      return false;
    }
    int rw = 0;
    int propagation = 0;
    for (String option : mode.split(",")) {
      switch (option) {
        case "ro", "rw" -> rw++;
        case "z", "Z", "nocopy", "consistent", "cached", "delegated" -> {
          // accepted, as Docker does on Linux (labels and consistency do nothing here)
        }
        default -> {
          if (!PROPAGATIONS.contains(option)) {
            return false;
          }
          propagation++;
        }
      }
    }
    return rw <= 1 && propagation <= 1;
  }

  private static boolean modeHas(String mode, String option) {
    return !mode.isEmpty() && List.of(mode.split(",")).contains(option);
  }

  private static String propagation(String mode) {
    for (String option : mode.split(",")) {
      if (PROPAGATIONS.contains(option)) {
        return option;
      }
    }
    return "rprivate";
  }

  private static IllegalArgumentException invalidSpec(String spec) {
    return new IllegalArgumentException("invalid volume specification: '" + spec + "'");
  }
}
