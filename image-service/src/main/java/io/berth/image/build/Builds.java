package io.berth.image.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.events.CommandFailed;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageBuildFailed;
import io.berth.events.image.ImageBuildRequested;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageUntagged;
import io.berth.image.ImageException;
import io.berth.image.build.dockerfile.Dockerfile;
import io.berth.image.build.dockerfile.Dockerignore;
import io.berth.image.catalog.ImageCatalog;
import io.berth.image.config.ChainIds;
import io.berth.image.config.Digest;
import io.berth.image.config.History;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.config.ImageConfigFactory;
import io.berth.image.config.RunConfig;
import io.berth.image.content.ContentClient;
import io.berth.image.store.ImageStore;
import io.berth.image.store.StoredImage;
import io.berth.image.store.StoredLayer;
import io.berth.messaging.CodedError;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.outbox.Outbox;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build saga ({@code docker build}): takes {@link ImageBuildRequested}, reads the context from
 * the content store, walks the Dockerfile ({@link Build}) and moves each build on when the reply it
 * waits for arrives (a step container's exit, a diff, a copied layer, or a failure). Every step is
 * an event on the image topic; the build ends with {@link ImageBuildCompleted}, or with {@link
 * ImageBuildFailed} and a {@link CommandFailed}. Builds run on their own threads, never on a
 * consumer's. A build that was running when the service stopped is failed when it starts again.
 */
@Singleton
public class Builds implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Builds.class);
  private static final String COMMAND_TYPE = "io.berth.image.BuildRequested";

  private final ExactlyOnce exactlyOnce;
  private final TransactionOperations<Connection> transactions;
  private final Outbox outbox;
  private final ServiceIdentity identity;
  private final BuildStore builds;
  private final ImageStore images;
  private final ImageCatalog catalog;
  private final ContentClient content;
  private final RemoteSources remote;
  private final ImageConfigFactory configs = ImageConfigFactory.forHost("berth-0.1.0");
  private final Map<String, Running> running = new ConcurrentHashMap<>();
  private final ContextIndexCache contexts = new ContextIndexCache();
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "build");
            thread.setDaemon(true);
            return thread;
          });

  /** A build in progress with the command that asked for it, and when it began here. */
  private record Running(Build build, Envelope cause, long startedNanos) {}

  public Builds(
      ExactlyOnce exactlyOnce,
      TransactionOperations<Connection> transactions,
      Outbox outbox,
      ServiceIdentity identity,
      BuildStore builds,
      ImageStore images,
      ImageCatalog catalog,
      ContentClient content,
      RemoteSources remote) {
    this.remote = remote;
    this.exactlyOnce = exactlyOnce;
    this.transactions = transactions;
    this.outbox = outbox;
    this.identity = identity;
    this.builds = builds;
    this.images = images;
    this.catalog = catalog;
    this.content = content;
  }

  /** Fails the builds the last run of the service left unfinished. */
  @EventListener
  void onStartup(StartupEvent event) {
    List<BuildStore.Running> left = transactions.executeRead(status -> builds.running());
    for (BuildStore.Running build : left) {
      Envelope cause = envelope(build.cause());
      fail(
          build.id(),
          cause,
          null,
          null,
          ErrorCode.UNAVAILABLE,
          "the image-service restarted during the build; run the build again");
    }
  }

  /** Takes a build command (once) and starts the build on its own thread. */
  public void start(Enveloped<ImageBuildRequested> message) {
    ImageBuildRequested request = message.payload();
    Envelope cause = message.envelope();
    boolean[] fresh = {false};
    exactlyOnce.handle(
        "commands",
        message,
        in -> {
          fresh[0] = builds.begin(request.buildId(), EventCodec.toJsonString(cause));
          return List.of();
        });
    if (fresh[0]) {
      workers.execute(() -> prepare(request, cause));
    }
  }

  private void prepare(ImageBuildRequested request, Envelope cause) {
    long began = System.nanoTime();
    Build build;
    try {
      String dockerfileName = ContextIndex.clean(request.dockerfile());
      ContextIndex context;
      long started = System.nanoTime();
      try {
        context =
            contexts.get(
                request.contextDigest(),
                dockerfileName,
                () -> {
                  try (InputStream tar = content.open(request.contextDigest())) {
                    return ContextIndex.read(tar, Set.of(dockerfileName, ".dockerignore"));
                  }
                });
        LOG.info(
            "build {}: context {} read in {} ms",
            request.buildId(),
            request.contextDigest(),
            (System.nanoTime() - started) / 1_000_000);
      } catch (IOException e) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT,
            "the build context is not a readable tar: " + e.getMessage());
      }
      byte[] text =
          context
              .file(dockerfileName)
              .orElseThrow(
                  () ->
                      new ImageException(
                          ErrorCode.INVALID_ARGUMENT,
                          "Cannot locate specified Dockerfile: " + request.dockerfile()));
      Dockerfile dockerfile =
          Dockerfile.parse(request.dockerfile(), new String(text, StandardCharsets.UTF_8));
      Dockerignore ignore =
          Dockerignore.parse(
              context
                  .file(".dockerignore")
                  .map(b -> new String(b, StandardCharsets.UTF_8))
                  .orElse(""));
      build = new Build(request, context, dockerfile, ignore, port(cause));
    } catch (RuntimeException e) {
      failed(request.buildId(), cause, null, e);
      return;
    }
    Running run = new Running(build, cause, began);
    running.put(request.buildId(), run);
    step(run, Build::advance);
  }

  // --- replies, from the consumers -----------------------------------------------------------

  /** A build step's container ended. */
  public void stepExited(String buildId, String containerId, int exitCode, String error) {
    on(buildId, build -> build.stepExited(containerId, exitCode, error));
  }

  /** The layer-service made a step container's diff. */
  public void diffCommitted(String key, Build.LayerMade layer) {
    running.values().stream()
        .filter(r -> r.build().waiting() == Build.Waiting.DIFF && key.equals(r.build().waitKey()))
        .findFirst()
        .ifPresent(r -> on(r.build().buildId(), build -> build.diffCommitted(key, layer)));
  }

  /** The layer-service made a COPY or ADD layer. */
  public void copied(String key, Build.LayerMade layer) {
    running.values().stream()
        .filter(r -> key.equals(r.build().waitKey()))
        .findFirst()
        .ifPresent(r -> on(r.build().buildId(), build -> build.copied(key, layer)));
  }

  /** A command a build sent failed. */
  public void commandFailed(String subject, String message) {
    running.values().stream()
        .filter(r -> subject.equals(r.build().waitKey()))
        .findFirst()
        .ifPresent(r -> on(r.build().buildId(), build -> build.commandFailed(subject, message)));
  }

  private void on(String buildId, java.util.function.Consumer<Build> reply) {
    Running run = running.get(buildId);
    if (run == null) {
      return;
    }
    workers.execute(
        () ->
            step(
                run,
                build -> {
                  reply.accept(build);
                  build.advance();
                }));
  }

  private void step(Running run, java.util.function.Consumer<Build> work) {
    Build build = run.build();
    synchronized (build) {
      if (!running.containsKey(build.buildId())) {
        return;
      }
      try {
        try {
          work.accept(build);
        } catch (RuntimeException e) {
          // What the steps queued goes out before the build's failure.
          build.flush();
          throw e;
        }
        if (build.done()) {
          complete(run);
        } else {
          build.flush();
        }
      } catch (RuntimeException e) {
        failed(build.buildId(), run.cause(), build, e);
      }
    }
  }

  private void complete(Running run) {
    Build build = run.build();
    running.remove(build.buildId());
    StoredImage result = build.result();
    List<String> tags = new ArrayList<>();
    transactions.executeWrite(
        status -> {
          // The last steps' events and the build's end commit together.
          build.flush();
          List<Message> events = new ArrayList<>();
          for (String tag : requested(run).tags()) {
            String reference = ImageCatalog.reference(tag, null);
            tags.add(reference);
            catalog
                .tag(reference, result.id())
                .filter(previous -> !previous.equals(result.id()))
                .ifPresent(previous -> events.add(new ImageUntagged(previous, reference)));
          }
          StoredImage tagged = images.find(result.id()).orElseThrow();
          events.add(new ImageBuildCompleted(build.buildId(), catalog.describe(tagged), tags));
          builds.end(build.buildId());
          for (Message event : events) {
            outbox.add(EventCodec.encodeCausedBy(run.cause(), identity.source(), event));
          }
          return null;
        });
    LOG.info(
        "build {} made {} in {} ms",
        build.buildId(),
        result.id(),
        (System.nanoTime() - run.startedNanos()) / 1_000_000);
  }

  private static ImageBuildRequested requested(Running run) {
    return run.build().request();
  }

  private void failed(String buildId, Envelope cause, Build build, RuntimeException e) {
    running.remove(buildId);
    Integer step = build == null || build.currentStep() == 0 ? null : build.currentStep();
    Integer exitCode = null;
    ErrorCode code = ErrorCode.INTERNAL;
    if (e instanceof Build.StepFailed failed) {
      step = failed.step;
      exitCode = failed.exitCode;
      code = ErrorCode.FAILED_PRECONDITION;
    } else if (e instanceof CodedError coded) {
      code = coded.code();
    } else {
      LOG.error("build {} failed", buildId, e);
    }
    fail(
        buildId,
        cause,
        step,
        exitCode,
        code,
        e.getMessage() == null ? e.toString() : e.getMessage());
  }

  private void fail(
      String buildId,
      Envelope cause,
      Integer step,
      Integer exitCode,
      ErrorCode code,
      String message) {
    try {
      transactions.executeWrite(
          status -> {
            builds.end(buildId);
            outbox.add(
                EventCodec.encodeCausedBy(
                    cause,
                    identity.source(),
                    new ImageBuildFailed(buildId, step, exitCode, message)));
            outbox.add(
                EventCodec.encodeCausedBy(
                    cause,
                    identity.source(),
                    new CommandFailed(buildId, COMMAND_TYPE, code, message)));
            return null;
          });
    } catch (RuntimeException e) {
      LOG.error("could not record the failure of build {}", buildId, e);
    }
  }

  // --- what a build needs ---------------------------------------------------------------------

  private Build.Port port(Envelope cause) {
    return new Build.Port() {
      @Override
      public Optional<StoredImage> image(String name) {
        return transactions.executeRead(
            status -> {
              try {
                return Optional.of(catalog.resolve(name));
              } catch (ImageException e) {
                if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_ARGUMENT) {
                  return Optional.empty();
                }
                throw e;
              }
            });
      }

      @Override
      public StoredImage commit(
          StoredImage parent,
          Build.LayerMade layer,
          String createdBy,
          String author,
          RunConfig config) {
        ImageConfigDocument parentConfig =
            parent == null ? null : ImageConfigDocument.parse(parent.config());
        ImageConfigDocument document =
            configs.derive(
                parentConfig,
                layer == null ? null : Digest.parse(layer.diffId()),
                new History(Instant.now(), createdBy, author, null, layer == null),
                config);
        List<StoredLayer> layers = new ArrayList<>(parent == null ? List.of() : parent.layers());
        if (layer != null) {
          List<Digest> diffIds = new ArrayList<>();
          layers.forEach(l -> diffIds.add(Digest.parse(l.diffId())));
          diffIds.add(Digest.parse(layer.diffId()));
          String chainId = ChainIds.of(diffIds).get(diffIds.size() - 1).value();
          layers.add(
              new StoredLayer(
                  layer.diffId(), chainId, layer.digest(), layer.mediaType(), layer.size()));
        }
        return transactions.executeWrite(
            status ->
                catalog.add(
                    document,
                    layers,
                    parent == null ? null : parent.id(),
                    List.of(),
                    new ArrayList<>()));
      }

      @Override
      public ImageDescriptor describe(StoredImage image) {
        return catalog.describe(image);
      }

      @Override
      public RemoteSources.Fetched fetch(String url) {
        return remote.fetch(url);
      }

      @Override
      public Optional<StoredImage> cached(String key) {
        return transactions.executeRead(status -> builds.cached(key).flatMap(images::find));
      }

      @Override
      public void cache(String key, String imageId) {
        builds.cache(key, imageId);
      }

      @Override
      public void publish(List<Message> messages, Runnable alsoInTransaction) {
        transactions.executeWrite(
            status -> {
              if (alsoInTransaction != null) {
                alsoInTransaction.run();
              }
              for (Message message : messages) {
                outbox.add(EventCodec.encodeCausedBy(cause, identity.source(), message));
              }
              return null;
            });
      }
    };
  }

  private static Envelope envelope(String json) {
    try {
      return EventCodec.mapper().readValue(json, Envelope.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt stored envelope", e);
    }
  }

  @PreDestroy
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
