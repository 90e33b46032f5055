package io.berth.image.build;

import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.container.ContainerBuildStepRequested;
import io.berth.events.container.ContainerConfig;
import io.berth.events.container.ContainerIds;
import io.berth.events.container.ContainerRemoveRequested;
import io.berth.events.image.ImageBuildRequested;
import io.berth.events.image.ImageBuildStepFinished;
import io.berth.events.image.ImageBuildStepStarted;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.layer.ContextCopyRequested;
import io.berth.events.layer.DirectoryLayerRequested;
import io.berth.image.ImageException;
import io.berth.image.build.dockerfile.ArgSpec;
import io.berth.image.build.dockerfile.CopySpec;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.dockerfile.DockerfileException;
import io.berth.image.build.dockerfile.Dockerignore;
import io.berth.image.build.dockerfile.Globs;
import io.berth.image.build.dockerfile.HealthcheckSpec;
import io.berth.image.build.dockerfile.Instruction;
import io.berth.image.build.dockerfile.Instructions;
import io.berth.image.build.dockerfile.Stage;
import io.berth.image.build.dockerfile.Words;
import io.berth.image.config.Digest;
import io.berth.image.config.Healthcheck;
import io.berth.image.config.RunConfig;
import io.berth.image.store.StoredImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Dockerfile build walked step by step as Docker's classic builder walks it: every instruction
 * of the stages up to the target is a step that makes an image (an intermediate image, kept as the
 * next step's parent). Config instructions are done at once; {@code RUN} asks the container-service
 * for a step container and the layer-service for its diff; {@code COPY}/{@code ADD} ask the
 * layer-service for the layer. A step whose cache key names a stored image reuses it.
 *
 * <p>Not thread-safe: {@link Builds} runs all of a build's work on one thread.
 */
public final class Build {

  /** What the build needs from the service around it. */
  interface Port {
    /** The image a name (reference or id) points to, if any. */
    Optional<StoredImage> image(String name);

    /** Makes and records the image of a step. */
    StoredImage commit(
        StoredImage parent, LayerMade layer, String createdBy, String author, RunConfig config);

    /** The event-carried description of an image. */
    ImageDescriptor describe(StoredImage image);

    /** The image a cache key names, if still there. */
    Optional<StoredImage> cached(String key);

    /** Records the image a step made under its cache key (in the caller's transaction). */
    void cache(String key, String imageId);

    /** Downloads the URL source of an {@code ADD} into the content store. */
    RemoteSources.Fetched fetch(String url);

    /** Publishes events and commands (caused by the build command) in one transaction. */
    void publish(List<Message> messages, Runnable alsoInTransaction);
  }

  /** A layer a step made: its blob in the content store. */
  public record LayerMade(String diffId, String digest, String mediaType, long size) {}

  /** What the build waits for. */
  enum Waiting {
    NOTHING,
    STEP_EXIT,
    DIFF,
    COPY
  }

  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  private static final String DEFAULT_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  static final String EMPTY_LAYER_DIFF_ID =
      "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

  /** One queued instruction with its step number. */
  private record Item(Instruction instruction, int step, boolean firstOfStep, boolean lastOfStep) {}

  private final ImageBuildRequested request;
  private final ContextIndex context;
  private final Dockerfile dockerfile;
  private final Dockerignore ignore;
  private final Port port;
  private final Words words;
  private final List<Stage> stages;
  private final int totalSteps;
  private final Map<String, String> metaArgs = new LinkedHashMap<>();
  private final Map<Integer, StoredImage> stageImages = new HashMap<>();
  private final Deque<Item> queue = new ArrayDeque<>();
  private final java.util.Set<String> usedArgs = new java.util.HashSet<>();

  private int stageIndex = -1;
  private int stepCounter;
  private int copyCounter;
  private StoredImage image;
  private RunConfig config;
  private String author;
  private boolean cmdSet;
  private final Map<String, String> args = new TreeMap<>();

  private final List<Message> pendingMessages = new ArrayList<>();
  private final List<Runnable> pendingWrites = new ArrayList<>();

  private Waiting waiting = Waiting.NOTHING;
  private Item current;
  private String waitKey;
  private String cacheKey;
  private String createdBy;
  private String runCommand;
  private boolean done;

  Build(
      ImageBuildRequested request,
      ContextIndex context,
      Dockerfile dockerfile,
      Dockerignore ignore,
      Port port) {
    this.request = request;
    this.context = context;
    this.dockerfile = dockerfile;
    this.ignore = ignore;
    this.port = port;
    this.words = new Words(dockerfile.escape());
    int target = dockerfile.stages().size() - 1;
    if (request.target() != null) {
      target =
          dockerfile
              .stage(request.target())
              .orElseThrow(
                  () ->
                      new ImageException(
                          ErrorCode.INVALID_ARGUMENT,
                          "failed to reach build target " + request.target() + " in Dockerfile"))
              .index();
    }
    this.stages = dockerfile.stages().subList(0, target + 1);
    int steps = 0;
    for (Stage stage : stages) {
      steps += 1 + stage.body().size();
    }
    this.totalSteps = steps + (request.labels().isEmpty() ? 0 : 1);
    for (Instruction arg : dockerfile.metaArgs()) {
      for (ArgSpec spec : Instructions.args(arg, words, metaArgs)) {
        String value =
            request.buildArgs().containsKey(spec.name())
                ? request.buildArgs().get(spec.name())
                : spec.defaultValue();
        metaArgs.put(spec.name(), value);
        if (request.buildArgs().containsKey(spec.name())) {
          usedArgs.add(spec.name());
        }
      }
    }
  }

  String buildId() {
    return request.buildId();
  }

  ImageBuildRequested request() {
    return request;
  }

  Waiting waiting() {
    return waiting;
  }

  String waitKey() {
    return waitKey;
  }

  boolean done() {
    return done;
  }

  /** The image the build made, once done. */
  StoredImage result() {
    return image;
  }

  /** Build args given but never declared, for Docker's warning. */
  List<String> unusedArgs() {
    return request.buildArgs().keySet().stream().filter(a -> !usedArgs.contains(a)).toList();
  }

  /** Runs steps until one has to wait for another service or the build is done. */
  void advance() {
    while (waiting == Waiting.NOTHING && !done) {
      if (queue.isEmpty()) {
        if (!nextStage()) {
          finish();
          return;
        }
        continue;
      }
      current = queue.poll();
      try {
        run(current);
      } catch (DockerfileException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ImageException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
      }
    }
  }

  private boolean nextStage() {
    if (stageIndex >= 0) {
      stageImages.put(stageIndex, image);
    }
    stageIndex++;
    if (stageIndex >= stages.size()) {
      return false;
    }
    Stage stage = stages.get(stageIndex);
    queue.add(new Item(stage.from(), ++stepCounter, true, true));
    for (Instruction instruction : stage.body()) {
      queue.add(new Item(instruction, ++stepCounter, true, true));
    }
    if (stageIndex == stages.size() - 1 && !request.labels().isEmpty()) {
      queue.add(new Item(null, ++stepCounter, true, true));
    }
    return true;
  }

  private void finish() {
    if (image == null) {
      throw new ImageException(
          ErrorCode.INVALID_ARGUMENT, "No image was generated. Is your Dockerfile empty?");
    }
    done = true;
  }

  // --- steps --------------------------------------------------------------------------------

  private void run(Item item) {
    Instruction i = item.instruction();
    if (i == null) {
      buildLabels(item);
      return;
    }
    switch (i.keyword()) {
      case "FROM" -> from(item);
      case "RUN" -> runStep(item);
      case "COPY", "ADD" -> copy(item);
      default -> configStep(item);
    }
  }

  private void from(Item item) {
    Instruction i = item.instruction();
    String base = Instructions.fromImage(i, words, definedMeta());
    args.clear();
    cmdSet = false;
    author = null;
    List<Message> events = new ArrayList<>();
    events.add(started(item, null));
    if (base.equalsIgnoreCase("scratch")) {
      image = null;
      config = RunConfig.builder().env(List.of(DEFAULT_PATH)).build();
      publish(events, null);
      return;
    }
    Optional<Stage> stage = dockerfile.stage(base).filter(s -> s.index() < stageIndex);
    StoredImage found;
    if (stage.isPresent() && !base.matches("\\d+")) {
      found = stageImages.get(stage.get().index());
      if (found == null) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT, "stage " + base + " made no image to build on");
      }
    } else {
      found =
          port.image(base)
              .orElseThrow(
                  () ->
                      new ImageException(
                          ErrorCode.NOT_FOUND,
                          "pull access denied for "
                              + base
                              + ": no such image here, and Berth does not pull from registries"
                              + " (bring it in with docker load or docker import)"));
    }
    image = found;
    RunConfig base0 = io.berth.image.config.ImageConfigDocument.parse(found.config()).runConfig();
    config = base0;
    if (config.env() == null || config.env().stream().noneMatch(e -> e.startsWith("PATH="))) {
      List<String> env = new ArrayList<>(config.env() == null ? List.of() : config.env());
      env.add(0, DEFAULT_PATH);
      config = config.toBuilder().env(env).build();
    }
    List<String> triggers = config.onBuild() == null ? List.of() : config.onBuild();
    if (!triggers.isEmpty()) {
      config = config.toBuilder().onBuild(null).build();
      // The triggers run as part of this step, before the stage's own instructions.
      List<Item> first = new ArrayList<>();
      for (int t = 0; t < triggers.size(); t++) {
        first.add(
            new Item(
                Instruction.trigger(triggers.get(t), i.line()),
                item.step(),
                false,
                t == triggers.size() - 1));
      }
      for (int t = first.size() - 1; t >= 0; t--) {
        queue.addFirst(first.get(t));
      }
      publish(events, null);
      return;
    }
    events.add(finished(item, image, null, false));
    publish(events, null);
  }

  private void configStep(Item item) {
    Instruction i = item.instruction();
    Map<String, String> env = expansionEnv();
    RunConfig.Builder next = config.toBuilder();
    String comment;
    switch (i.keyword()) {
      case "ENV" -> {
        StringBuilder text = new StringBuilder("ENV");
        for (Map.Entry<String, String> e : Instructions.keyValues(i, words, env).entrySet()) {
          next.putEnv(e.getKey(), e.getValue());
          text.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        comment = text.toString();
      }
      case "LABEL" -> {
        Map<String, String> labels =
            new TreeMap<>(config.labels() == null ? Map.of() : config.labels());
        StringBuilder text = new StringBuilder("LABEL");
        for (Map.Entry<String, String> e : Instructions.keyValues(i, words, env).entrySet()) {
          labels.put(e.getKey(), e.getValue());
          text.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        next.labels(labels);
        comment = text.toString();
      }
      case "ARG" -> {
        StringBuilder text = new StringBuilder("ARG");
        for (ArgSpec spec : Instructions.args(i, words, env)) {
          String value;
          if (request.buildArgs().containsKey(spec.name())) {
            value = request.buildArgs().get(spec.name());
            usedArgs.add(spec.name());
          } else if (spec.defaultValue() != null) {
            value = spec.defaultValue();
          } else {
            value = metaArgs.get(spec.name());
          }
          args.put(spec.name(), value);
          text.append(' ').append(spec.name());
          if (spec.defaultValue() != null) {
            text.append('=').append(spec.defaultValue());
          }
        }
        comment = text.toString();
      }
      case "CMD" -> {
        List<String> cmd = Instructions.command(i, shell());
        next.cmd(cmd);
        cmdSet = true;
        comment = "CMD " + goList(cmd);
      }
      case "ENTRYPOINT" -> {
        List<String> entrypoint = Instructions.command(i, shell());
        next.entrypoint(entrypoint);
        if (!cmdSet) {
          next.cmd(null);
        }
        comment = "ENTRYPOINT " + goList(entrypoint);
      }
      case "EXPOSE" -> {
        List<String> ports = Instructions.exposedPorts(i, words, env);
        List<String> all =
            new ArrayList<>(config.exposedPorts() == null ? List.of() : config.exposedPorts());
        for (String p : ports) {
          if (!all.contains(p)) {
            all.add(p);
          }
        }
        next.exposedPorts(all);
        comment = "EXPOSE " + String.join(" ", ports);
      }
      case "VOLUME" -> {
        List<String> volumes = Instructions.volumes(i, words, env);
        List<String> all = new ArrayList<>(config.volumes() == null ? List.of() : config.volumes());
        for (String v : volumes) {
          if (!all.contains(v)) {
            all.add(v);
          }
        }
        next.volumes(all);
        comment = "VOLUME " + goList(volumes);
      }
      case "WORKDIR" -> {
        String workdir = resolvePath(Instructions.word(i, words, env));
        workdir(item, next.workingDir(workdir).build(), "WORKDIR " + workdir);
        return;
      }
      case "USER" -> {
        String user = Instructions.word(i, words, env);
        next.user(user);
        comment = "USER " + user;
      }
      case "STOPSIGNAL" -> {
        String signal = Instructions.word(i, words, env);
        next.stopSignal(signal);
        comment = "STOPSIGNAL " + signal;
      }
      case "SHELL" -> {
        List<String> shell = Instructions.shell(i);
        next.shell(shell);
        comment = "SHELL " + goList(shell);
      }
      case "HEALTHCHECK" -> {
        HealthcheckSpec spec = Instructions.healthcheck(i);
        next.healthcheck(
            new Healthcheck(
                spec.test(),
                java.time.Duration.ofNanos(spec.interval()),
                java.time.Duration.ofNanos(spec.timeout()),
                java.time.Duration.ofNanos(spec.startPeriod()),
                java.time.Duration.ofNanos(spec.startInterval()),
                spec.retries()));
        comment = "HEALTHCHECK " + String.join(" ", i.args());
      }
      case "ONBUILD" -> {
        Instruction trigger = i.nested();
        String text = trigger.original();
        List<String> all = new ArrayList<>(config.onBuild() == null ? List.of() : config.onBuild());
        all.add(text);
        next.onBuild(all);
        comment = "ONBUILD " + text;
      }
      case "MAINTAINER" -> {
        author = i.args().get(0);
        comment = "MAINTAINER " + author;
      }
      default ->
          throw new DockerfileException(
              request.dockerfile(), i.line(), "unknown instruction: " + i.keyword());
    }
    commitConfig(item, next.build(), comment);
  }

  private void buildLabels(Item item) {
    Map<String, String> labels =
        new TreeMap<>(config.labels() == null ? Map.of() : config.labels());
    labels.putAll(request.labels());
    StringBuilder text = new StringBuilder("LABEL");
    new TreeMap<>(request.labels())
        .forEach(
            (k, v) -> text.append(' ').append('"').append(k).append("\"='").append(v).append('\''));
    current = new Item(null, item.step(), true, true);
    commitConfig(current, config.toBuilder().labels(labels).build(), text.toString());
  }

  /** A config-only step: a new image with an empty layer entry in its history. */
  private void commitConfig(Item item, RunConfig next, String comment) {
    String by = String.join(" ", shell()) + " #(nop)  " + comment;
    String key = key("config", parentId(), by, next.toString(), String.valueOf(author));
    List<Message> events = new ArrayList<>();
    if (item.firstOfStep()) {
      events.add(started(item, null));
    }
    Optional<StoredImage> hit = request.noCache() ? Optional.empty() : port.cached(key);
    StoredImage made = hit.orElseGet(() -> port.commit(image, null, by, author, next));
    image = made;
    config = next;
    if (item.lastOfStep()) {
      events.add(finished(item, made, null, hit.isPresent()));
    }
    publish(events, hit.isPresent() ? null : () -> cacheStore(key, made));
  }

  /**
   * A {@code WORKDIR}: as in Docker's classic builder, the directory is made (with its missing
   * parents, root, 0755) in a layer of its own, empty when the directory is there.
   */
  private void workdir(Item item, RunConfig next, String comment) {
    String by = String.join(" ", shell()) + " #(nop)  " + comment;
    String cache = key("workdir", parentId(), by, next.toString(), String.valueOf(author));
    Optional<StoredImage> hit = request.noCache() ? Optional.empty() : port.cached(cache);
    List<Message> events = new ArrayList<>();
    if (item.firstOfStep()) {
      events.add(started(item, null));
    }
    config = next;
    if (hit.isPresent()) {
      servedFromCache(item, events, hit.get());
      return;
    }
    String key = "build-" + request.buildId() + "-" + (++copyCounter);
    events.add(
        new DirectoryLayerRequested(key, next.workingDir(), parentChainId(), parentDiffIds()));
    awaitLayer(events, key, cache, by);
  }

  /** A step the cache served: its image is the build's now. */
  private void servedFromCache(Item item, List<Message> events, StoredImage hit) {
    image = hit;
    if (item.lastOfStep()) {
      events.add(finished(item, image, null, true));
    }
    publish(events, null);
  }

  /** Sends the command (last in {@code events}) for a step's layer and waits for its answer. */
  private void awaitLayer(List<Message> events, String key, String cache, String by) {
    publish(events, null);
    waiting = Waiting.COPY;
    waitKey = key;
    cacheKey = cache;
    createdBy = by;
  }

  private List<String> parentDiffIds() {
    return image == null ? List.of() : image.layers().stream().map(l -> l.diffId()).toList();
  }

  private String parentChainId() {
    return image == null || image.layers().isEmpty()
        ? null
        : image.layers().get(image.layers().size() - 1).chainId();
  }

  private void runStep(Item item) {
    Instruction i = item.instruction();
    if (!i.flags().isEmpty()) {
      throw requiresBuildKit(i.flags().keySet().iterator().next());
    }
    List<String> cmd = Instructions.command(i, shell());
    Map<String, String> inEffect = argsInEffect();
    String prefix =
        inEffect.isEmpty()
            ? ""
            : "|"
                + inEffect.size()
                + " "
                + String.join(
                    " ",
                    inEffect.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                + " ";
    String by = prefix + String.join(" ", cmd);
    String key = key("run", parentId(), by, config.toString());
    Optional<StoredImage> hit = request.noCache() ? Optional.empty() : port.cached(key);
    if (hit.isPresent()) {
      List<Message> events = new ArrayList<>();
      if (item.firstOfStep()) {
        events.add(started(item, null));
      }
      servedFromCache(item, events, hit.get());
      return;
    }
    if (image == null) {
      throw new ImageException(
          ErrorCode.INVALID_ARGUMENT,
          "The command '" + String.join(" ", cmd) + "' cannot run on scratch: there is no root");
    }
    String containerId = ContainerIds.newId();
    List<String> env = new ArrayList<>(config.env() == null ? List.of() : config.env());
    inEffect.forEach((k, v) -> env.add(k + "=" + v));
    ContainerConfig run =
        new ContainerConfig(
            cmd,
            List.of(),
            env,
            config.workingDir().isEmpty() ? null : config.workingDir(),
            config.user().isEmpty() ? null : config.user(),
            null,
            false,
            false,
            null,
            null,
            null);
    List<Message> events = new ArrayList<>();
    events.add(started(item, containerId));
    events.add(
        new ContainerBuildStepRequested(
            containerId,
            request.buildId(),
            item.step(),
            port.describe(image),
            run,
            request.networkMode()));
    publish(events, null);
    waiting = Waiting.STEP_EXIT;
    waitKey = containerId;
    cacheKey = key;
    createdBy = by;
    runCommand = String.join(" ", cmd);
  }

  /** The step container ended. */
  void stepExited(String containerId, int exitCode, String error) {
    if (waiting != Waiting.STEP_EXIT || !containerId.equals(waitKey)) {
      return;
    }
    if (exitCode != 0) {
      // The container-service removes a failed build's step containers when it learns the failure.
      waiting = Waiting.NOTHING;
      throw new StepFailed(
          current.step(),
          exitCode,
          error != null
              ? error
              : "The command '" + runCommand + "' returned a non-zero code: " + exitCode);
    }
    waiting = Waiting.DIFF;
    publish(List.of(new io.berth.events.layer.DiffCommitRequested(containerId)), null);
  }

  /** The step container's changes are a layer. */
  void diffCommitted(String key, LayerMade layer) {
    if (waiting != Waiting.DIFF || !key.equals(waitKey)) {
      return;
    }
    waiting = Waiting.NOTHING;
    LayerMade added = EMPTY_LAYER_DIFF_ID.equals(layer.diffId()) ? null : layer;
    StoredImage made = port.commit(image, added, createdBy, author, config);
    image = made;
    String k = cacheKey;
    List<Message> events = new ArrayList<>();
    if (current.lastOfStep()) {
      events.add(finished(current, made, added == null ? null : added.diffId(), false));
    }
    events.add(new ContainerRemoveRequested(key, true, true));
    publish(events, () -> cacheStore(k, made));
  }

  private void copy(Item item) {
    Instruction i = item.instruction();
    boolean add = i.keyword().equals("ADD");
    Map<String, String> env = expansionEnv();
    CopySpec spec = Instructions.copy(i, words, env);
    if (spec.chmod() != null) {
      throw requiresBuildKit("chmod");
    }
    String chown = spec.chown() == null || spec.chown().isEmpty() ? null : spec.chown();
    String workdir = config.workingDir().isEmpty() ? "/" : config.workingDir();
    ContextCopyRequested command;
    String contentKey;
    String kind;
    String key = "build-" + request.buildId() + "-" + (++copyCounter);
    List<String> parentDiffIds = parentDiffIds();
    String parentChain = parentChainId();
    if (spec.from() != null && !spec.from().isEmpty()) {
      StoredImage source = fromImage(spec.from());
      contentKey = source.id() + " " + String.join(" ", spec.sources());
      kind = "dir";
      List<String> sourceDiffIds = source.layers().stream().map(l -> l.diffId()).toList();
      String sourceChain =
          source.layers().isEmpty()
              ? null
              : source.layers().get(source.layers().size() - 1).chainId();
      if (sourceChain == null) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT, "COPY --from=" + spec.from() + ": the image has no files");
      }
      command =
          new ContextCopyRequested(
              key,
              null,
              sourceChain,
              sourceDiffIds,
              spec.sources(),
              List.of(),
              spec.dest(),
              workdir,
              chown,
              false,
              parentChain,
              parentDiffIds);
    } else if (add && spec.sources().stream().anyMatch(RemoteSources::isUrl)) {
      if (spec.sources().size() > 1) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT,
            "ADD failed: Berth takes one URL per ADD, without other sources; split the"
                + " instruction");
      }
      RemoteSources.Fetched fetched = port.fetch(spec.sources().get(0));
      contentKey = fetched.name() + " " + fetched.sha256();
      kind = "file";
      command =
          new ContextCopyRequested(
              key,
              fetched.contextDigest(),
              null,
              List.of(),
              List.of(fetched.name()),
              List.of(),
              spec.dest(),
              workdir,
              chown,
              false,
              parentChain,
              parentDiffIds);
    } else {
      Sources sources = expand(i.keyword(), spec.sources(), add);
      if (sources.paths.size() > 1 && !spec.dest().endsWith("/")) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT,
            "When using "
                + i.keyword()
                + " with more than one source file, the destination must be a directory and end"
                + " with a /");
      }
      contentKey = sources.hash;
      kind = sources.single ? "file" : "dir";
      command =
          new ContextCopyRequested(
              key,
              request.contextDigest(),
              null,
              List.of(),
              sources.paths,
              sources.excluded,
              spec.dest(),
              workdir,
              chown,
              add,
              parentChain,
              parentDiffIds);
    }
    String by =
        String.join(" ", shell())
            + " #(nop) "
            + i.keyword()
            + " "
            + kind
            + ":"
            + Digest.of(contentKey.getBytes(StandardCharsets.UTF_8)).hex()
            + " in "
            + spec.dest()
            + " ";
    String cache = key("copy", parentId(), by, String.valueOf(chown), workdir, config.toString());
    Optional<StoredImage> hit = request.noCache() ? Optional.empty() : port.cached(cache);
    List<Message> events = new ArrayList<>();
    if (item.firstOfStep()) {
      events.add(started(item, null));
    }
    if (hit.isPresent()) {
      servedFromCache(item, events, hit.get());
      return;
    }
    events.add(command);
    awaitLayer(events, key, cache, by);
  }

  /** The layer of a COPY, ADD or WORKDIR is made. */
  void copied(String key, LayerMade layer) {
    if (waiting != Waiting.COPY || !key.equals(waitKey)) {
      return;
    }
    waiting = Waiting.NOTHING;
    StoredImage made = port.commit(image, layer, createdBy, author, config);
    image = made;
    String k = cacheKey;
    List<Message> events = new ArrayList<>();
    if (current.lastOfStep()) {
      events.add(finished(current, made, layer.diffId(), false));
    }
    publish(events, () -> cacheStore(k, made));
  }

  /** A command the build sent failed. */
  void commandFailed(String subject, String message) {
    if (waiting == Waiting.NOTHING || !subject.equals(waitKey)) {
      return;
    }
    waiting = Waiting.NOTHING;
    throw new StepFailed(current.step(), null, message);
  }

  private void cacheStore(String key, StoredImage made) {
    port.cache(key, made.id());
  }

  // --- COPY sources -------------------------------------------------------------------------

  private record Sources(List<String> paths, List<String> excluded, String hash, boolean single) {}

  private Sources expand(String keyword, List<String> patterns, boolean add) {
    List<String> paths = new ArrayList<>();
    for (String pattern : patterns) {
      String clean = ContextIndex.clean(pattern);
      if (Globs.hasMeta(clean)) {
        List<String> matched = new ArrayList<>();
        for (ContextIndex.Entry entry : context.entries()) {
          if (Globs.match(clean, entry.path()) && !ignore.excludes(entry.path())) {
            matched.add(entry.path());
          }
        }
        if (matched.isEmpty()) {
          throw notFound(keyword, pattern);
        }
        paths.addAll(matched);
      } else {
        if (!clean.isEmpty() && (context.entry(clean).isEmpty() || ignore.excludes(clean))) {
          throw notFound(keyword, pattern);
        }
        paths.add(clean.isEmpty() ? "." : clean);
      }
    }
    List<String> excluded = new ArrayList<>();
    StringBuilder content = new StringBuilder();
    boolean single = paths.size() == 1;
    for (String path : paths) {
      for (ContextIndex.Entry entry : context.under(path.equals(".") ? "" : path)) {
        if (ignore.excludes(entry.path())) {
          excluded.add(entry.path());
          continue;
        }
        if (entry.isDirectory()) {
          single = false;
        }
        content
            .append(entry.path())
            .append(' ')
            .append(entry.type())
            .append(' ')
            .append(Integer.toOctalString(entry.mode()))
            .append(' ')
            .append(entry.link() == null ? "" : entry.link())
            .append(' ')
            .append(entry.sha256() == null ? "" : entry.sha256())
            .append('\n');
      }
    }
    return new Sources(paths, excluded, content.toString(), single);
  }

  /** moby's classic builder refuses the flags only BuildKit knows, in these words. */
  private static ImageException requiresBuildKit(String flag) {
    return new ImageException(
        ErrorCode.INVALID_ARGUMENT,
        "the --"
            + flag
            + " option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn"
            + " how to build images with BuildKit enabled");
  }

  private ImageException notFound(String keyword, String source) {
    return new ImageException(
        ErrorCode.NOT_FOUND,
        keyword
            + " failed: file not found in build context or excluded by .dockerignore: stat "
            + source
            + ": file does not exist");
  }

  private StoredImage fromImage(String from) {
    Optional<Stage> stage = dockerfile.stage(from).filter(s -> s.index() < stageIndex);
    if (stage.isPresent()) {
      StoredImage made = stageImages.get(stage.get().index());
      if (made == null) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT, "stage " + from + " made no image to copy from");
      }
      return made;
    }
    return port.image(from)
        .orElseThrow(
            () ->
                new ImageException(
                    ErrorCode.NOT_FOUND, "COPY --from=" + from + ": no such stage or image"));
  }

  // --- publishing ---------------------------------------------------------------------------

  /**
   * Queues events (and a write that goes with them) for the next {@link #flush()}: the steps a
   * build does at once (config steps, cache hits) then cost one transaction together instead of one
   * each.
   */
  private void publish(List<Message> messages, Runnable alsoInTransaction) {
    pendingMessages.addAll(messages);
    if (alsoInTransaction != null) {
      pendingWrites.add(alsoInTransaction);
    }
  }

  /** Publishes what was queued, in one transaction; called when the build waits or ends. */
  void flush() {
    if (pendingMessages.isEmpty() && pendingWrites.isEmpty()) {
      return;
    }
    List<Message> messages = List.copyOf(pendingMessages);
    List<Runnable> writes = List.copyOf(pendingWrites);
    pendingMessages.clear();
    pendingWrites.clear();
    port.publish(messages, writes.isEmpty() ? null : () -> writes.forEach(Runnable::run));
  }

  // --- helpers ------------------------------------------------------------------------------

  private ImageBuildStepStarted started(Item item, String containerId) {
    String text =
        item.instruction() == null ? "LABEL (build labels)" : item.instruction().original();
    return new ImageBuildStepStarted(request.buildId(), item.step(), totalSteps, text, containerId);
  }

  private ImageBuildStepFinished finished(
      Item item, StoredImage made, String diffId, boolean cached) {
    return new ImageBuildStepFinished(
        request.buildId(), item.step(), port.describe(made), diffId, cached, List.of(), null);
  }

  private List<String> shell() {
    return config == null || config.shell() == null ? DEFAULT_SHELL : config.shell();
  }

  private String parentId() {
    return image == null ? "scratch" : image.id();
  }

  private Map<String, String> definedMeta() {
    Map<String, String> env = new HashMap<>();
    metaArgs.forEach(
        (k, v) -> {
          if (v != null) {
            env.put(k, v);
          }
        });
    return env;
  }

  /** ARG values in effect, then the image's ENV over them (ENV wins, as in Docker). */
  private Map<String, String> expansionEnv() {
    Map<String, String> env = new HashMap<>();
    args.forEach(
        (k, v) -> {
          if (v != null) {
            env.put(k, v);
          }
        });
    if (config != null && config.env() != null) {
      for (String entry : config.env()) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
      }
    }
    return env;
  }

  /**
   * Declared ARGs with a value that no ENV overrides: a RUN sees them and keys its cache by them.
   */
  private Map<String, String> argsInEffect() {
    Map<String, String> inEffect = new TreeMap<>();
    java.util.Set<String> envNames = new java.util.HashSet<>();
    if (config.env() != null) {
      for (String entry : config.env()) {
        int eq = entry.indexOf('=');
        envNames.add(eq < 0 ? entry : entry.substring(0, eq));
      }
    }
    args.forEach(
        (k, v) -> {
          if (v != null && !envNames.contains(k)) {
            inEffect.put(k, v);
          }
        });
    return inEffect;
  }

  private String resolvePath(String dir) {
    String base = config.workingDir().isEmpty() ? "/" : config.workingDir();
    String joined = dir.startsWith("/") ? dir : base + "/" + dir;
    return "/" + ContextIndex.clean(joined);
  }

  /** A Go {@code %v}-style list, as Docker writes commands into history: {@code [a b]}. */
  private static String goList(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }

  private static String key(String... parts) {
    return Digest.of(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).value();
  }

  /** A step failed: the build ends with this. */
  static final class StepFailed extends RuntimeException {
    final int step;
    final Integer exitCode;

    StepFailed(int step, Integer exitCode, String message) {
      super(message);
      this.step = step;
      this.exitCode = exitCode;
    }
  }

  int currentStep() {
    return current == null ? 0 : current.step();
  }
}
