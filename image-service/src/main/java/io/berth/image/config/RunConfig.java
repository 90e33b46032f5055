package io.berth.image.config;

import io.berth.events.image.ImageConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runtime part of an image config (the {@code config} object: Docker's {@code
 * container.Config}), with Docker's difference between an unset list (null, written {@code null})
 * and an empty one kept.
 *
 * <p>Hostname, Domainname and the attach/tty flags are not modelled: Docker leaves them empty in
 * every image it imports or builds, and Berth writes them empty.
 *
 * @param user the user, or empty
 * @param exposedPorts ports like {@code 80/tcp}, sorted, or null
 * @param env {@code NAME=value} entries, or null
 * @param cmd the default command, or null
 * @param healthcheck the health check, or null
 * @param argsEscaped Windows only: whether the command line is already escaped
 * @param image the image the config came from, or empty
 * @param volumes volume paths, sorted, or null
 * @param workingDir the working directory, or empty
 * @param entrypoint the entrypoint, or null
 * @param onBuild {@code ONBUILD} triggers, or null
 * @param labels labels, sorted by key, or null
 * @param stopSignal the stop signal, or empty for SIGTERM
 * @param stopTimeout seconds to wait after the stop signal, or null
 * @param shell the shell for shell-form commands, or null for {@code /bin/sh -c}
 * @see <a
 *     href="https://github.com/moby/docker-image-spec/blob/v1.2.0/spec.md#image-json-field-descriptions">Docker
 *     image spec v1.2: config</a>
 */
public record RunConfig(
    String user,
    List<String> exposedPorts,
    List<String> env,
    List<String> cmd,
    Healthcheck healthcheck,
    boolean argsEscaped,
    String image,
    List<String> volumes,
    String workingDir,
    List<String> entrypoint,
    List<String> onBuild,
    Map<String, String> labels,
    String stopSignal,
    Integer stopTimeout,
    List<String> shell) {

  public RunConfig {
    user = emptyIfNull(user);
    exposedPorts = sortedOrNull(exposedPorts);
    env = copyOrNull(env);
    cmd = copyOrNull(cmd);
    image = emptyIfNull(image);
    volumes = sortedOrNull(volumes);
    workingDir = emptyIfNull(workingDir);
    entrypoint = copyOrNull(entrypoint);
    onBuild = copyOrNull(onBuild);
    labels = labels == null ? null : Collections.unmodifiableMap(new TreeMap<>(labels));
    stopSignal = emptyIfNull(stopSignal);
    shell = copyOrNull(shell);
  }

  /** A config with nothing set, as {@code docker import} without changes starts from. */
  public static RunConfig empty() {
    return new Builder().build();
  }

  /** The config an event-level {@link ImageConfig} describes; its empty lists become unset. */
  public static RunConfig from(ImageConfig config) {
    return new Builder()
        .user(config.user())
        .exposedPorts(nullIfEmpty(config.exposedPorts()))
        .env(nullIfEmpty(config.env()))
        .cmd(nullIfEmpty(config.cmd()))
        .volumes(nullIfEmpty(config.volumes()))
        .workingDir(config.workingDir())
        .entrypoint(nullIfEmpty(config.entrypoint()))
        .labels(config.labels().isEmpty() ? null : config.labels())
        .stopSignal(config.stopSignal())
        .build();
  }

  /** The event-level view of this config, as {@code ImageDescriptor} carries it. */
  public ImageConfig toImageConfig() {
    return new ImageConfig(
        env,
        cmd,
        entrypoint,
        nullIfEmpty(workingDir),
        nullIfEmpty(user),
        exposedPorts,
        volumes,
        labels,
        nullIfEmpty(stopSignal));
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A fresh builder for an empty config. */
  public static Builder builder() {
    return new Builder();
  }

  private static String emptyIfNull(String text) {
    return text == null ? "" : text;
  }

  private static String nullIfEmpty(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static List<String> nullIfEmpty(List<String> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  private static List<String> copyOrNull(List<String> list) {
    return list == null ? null : List.copyOf(list);
  }

  private static List<String> sortedOrNull(Collection<String> items) {
    // Docker keeps these as Go maps, which encoding/json writes sorted and without duplicates.
    return items == null ? null : List.copyOf(new TreeSet<>(items));
  }

  /** A mutable copy of a {@link RunConfig}, for code that applies instructions one by one. */
  public static final class Builder {
    private String user;
    private List<String> exposedPorts;
    private List<String> env;
    private List<String> cmd;
    private Healthcheck healthcheck;
    private boolean argsEscaped;
    private String image;
    private List<String> volumes;
    private String workingDir;
    private List<String> entrypoint;
    private List<String> onBuild;
    private Map<String, String> labels;
    private String stopSignal;
    private Integer stopTimeout;
    private List<String> shell;

    private Builder() {}

    private Builder(RunConfig config) {
      user = config.user;
      exposedPorts = config.exposedPorts;
      env = config.env;
      cmd = config.cmd;
      healthcheck = config.healthcheck;
      argsEscaped = config.argsEscaped;
      image = config.image;
      volumes = config.volumes;
      workingDir = config.workingDir;
      entrypoint = config.entrypoint;
      onBuild = config.onBuild;
      labels = config.labels;
      stopSignal = config.stopSignal;
      stopTimeout = config.stopTimeout;
      shell = config.shell;
    }

    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder exposedPorts(List<String> exposedPorts) {
      this.exposedPorts = exposedPorts;
      return this;
    }

    public Builder env(List<String> env) {
      this.env = env;
      return this;
    }

    public Builder cmd(List<String> cmd) {
      this.cmd = cmd;
      return this;
    }

    public Builder healthcheck(Healthcheck healthcheck) {
      this.healthcheck = healthcheck;
      return this;
    }

    public Builder argsEscaped(boolean argsEscaped) {
      this.argsEscaped = argsEscaped;
      return this;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder volumes(List<String> volumes) {
      this.volumes = volumes;
      return this;
    }

    public Builder workingDir(String workingDir) {
      this.workingDir = workingDir;
      return this;
    }

    public Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    public Builder onBuild(List<String> onBuild) {
      this.onBuild = onBuild;
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder stopSignal(String stopSignal) {
      this.stopSignal = stopSignal;
      return this;
    }

    public Builder stopTimeout(Integer stopTimeout) {
      this.stopTimeout = stopTimeout;
      return this;
    }

    public Builder shell(List<String> shell) {
      this.shell = shell;
      return this;
    }

    String workingDir() {
      return workingDir == null ? "" : workingDir;
    }

    List<String> env() {
      return env;
    }

    List<String> shell() {
      return shell;
    }

    /** Sets or replaces one {@code NAME=value} entry, keeping the place of a replaced one. */
    public Builder putEnv(String name, String value) {
      List<String> entries = env == null ? new ArrayList<>() : new ArrayList<>(env);
      String entry = name + "=" + value;
      int at = -1;
      for (int i = 0; i < entries.size() && at < 0; i++) {
        String existing = entries.get(i);
        int eq = existing.indexOf('=');
        if ((eq < 0 ? existing : existing.substring(0, eq)).equals(name)) {
          at = i;
        }
      }
      if (at >= 0) {
        entries.set(at, entry);
      } else {
        entries.add(entry);
      }
      env = entries;
      return this;
    }

    Builder putLabel(String key, String value) {
      Map<String, String> copy =
          labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
      copy.put(key, value);
      labels = copy;
      return this;
    }

    Builder addExposedPorts(Collection<String> ports) {
      List<String> copy = exposedPorts == null ? new ArrayList<>() : new ArrayList<>(exposedPorts);
      copy.addAll(ports);
      exposedPorts = copy;
      return this;
    }

    Builder addVolumes(Collection<String> paths) {
      List<String> copy = volumes == null ? new ArrayList<>() : new ArrayList<>(volumes);
      copy.addAll(paths);
      volumes = copy;
      return this;
    }

    Builder addOnBuild(String trigger) {
      List<String> copy = onBuild == null ? new ArrayList<>() : new ArrayList<>(onBuild);
      copy.add(trigger);
      onBuild = copy;
      return this;
    }

    public RunConfig build() {
      return new RunConfig(
          user,
          exposedPorts,
          env,
          cmd,
          healthcheck,
          argsEscaped,
          image,
          volumes,
          workingDir,
          entrypoint,
          onBuild,
          labels,
          stopSignal,
          stopTimeout,
          shell);
    }
  }
}
