package io.berth.container.handling;

import io.berth.container.ContainerException;
import io.berth.container.runtime.ContainerLog;
import io.berth.container.runtime.RunningProcess;
import io.berth.container.store.BuildStepRepository;
import io.berth.container.store.BuildStepRow;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.store.ContainerRunRow;
import io.berth.container.store.ContainerState;
import io.berth.container.store.KnownImages;
import io.berth.events.Envelope;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerBuildOutput;
import io.berth.events.container.ContainerBuildStepExited;
import io.berth.events.container.ContainerBuildStepRequested;
import io.berth.events.container.HostConfig;
import io.berth.events.image.ImageDescriptor;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.outbox.Outbox;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build-step containers of Dockerfile builds ({@code RUN}): created from the image the command
 * carries (a build's intermediate images are new to this node), started as soon as their root is
 * ready, their output published as {@link ContainerBuildOutput} while they run, and their exit
 * published as the command's outcome, {@link ContainerBuildStepExited}. The container stays until
 * the image-service has had its changes made into a layer and removes it.
 */
@Singleton
public class BuildSteps implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BuildSteps.class);

  /** Output is published at least this often while a step writes without a newline. */
  private static final long FLUSH_MILLIS = 100;

  /** An output event holds at most this many bytes. */
  private static final int MAX_CHUNK = 32 * 1024;

  private final BuildStepRepository steps;
  private final ContainerRepository containers;
  private final ContainerRunRepository runs;
  private final KnownImages images;
  private final TransactionOperations<Connection> transactions;
  private final Outbox outbox;
  private final ServiceIdentity identity;
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "build-output");
            thread.setDaemon(true);
            return thread;
          });

  private final TransitionLock transitions;

  public BuildSteps(
      TransitionLock transitions,
      BuildStepRepository steps,
      ContainerRepository containers,
      ContainerRunRepository runs,
      KnownImages images,
      TransactionOperations<Connection> transactions,
      Outbox outbox,
      ServiceIdentity identity) {
    this.transitions = transitions;
    this.steps = steps;
    this.containers = containers;
    this.runs = runs;
    this.images = images;
    this.transactions = transactions;
    this.outbox = outbox;
    this.identity = identity;
  }

  /**
   * Records the step's container (in the command's transaction) and asks the layer-service for its
   * root; the lifecycle starts it once the root is prepared.
   */
  List<Message> create(ContainerBuildStepRequested request, Envelope envelope) {
    String id = request.containerId();
    if (containers.existsById(id)) {
      throw new ContainerException(
          ErrorCode.ALREADY_EXISTS, "container id " + id + " is already in use");
    }
    ImageDescriptor image = request.image();
    images.remember(image, envelope.time());
    HostConfig host =
        new HostConfig(0, 0, 0, 0, false, "no", request.networkMode(), List.of(), false);
    String name = Names.free(containers);
    containers.save(
        new ContainerRow(
            id,
            name,
            image.imageId(),
            image.imageId(),
            EventCodec.toJsonString(request.config()),
            EventCodec.toJsonString(host),
            ContainerState.CREATED,
            Instant.now()));
    String cause = ContainerLifecycle.envelopeJson(envelope);
    runs.save(ContainerRunRow.creating(id, cause));
    steps.save(new BuildStepRow(id, request.buildId(), request.step(), cause));
    return List.of(ContainerCommandHandler.rootFor(id, image));
  }

  /** The build step a container runs, if it runs one. */
  Optional<BuildStepRow> find(String containerId) {
    return steps.findById(containerId);
  }

  /** Forgets a removed container's step. */
  void forget(String containerId) {
    if (steps.existsById(containerId)) {
      steps.deleteById(containerId);
    }
  }

  /** The step's outcome, to publish (caused by the step's command) when its container ended. */
  ContainerBuildStepExited exited(BuildStepRow step, int exitCode, String error) {
    return new ContainerBuildStepExited(
        step.containerId(), step.buildId(), step.step(), exitCode, error);
  }

  /** A listener that publishes the step's output as it comes. */
  RunningProcess.OutputListener outputOf(BuildStepRow step, Envelope cause) {
    return new Forwarder(step, cause);
  }

  private void publish(Envelope cause, Message message) {
    transitions.call(
        () ->
            transactions.executeWrite(
                status -> {
                  outbox.add(EventCodec.encodeCausedBy(cause, identity.source(), message));
                  return null;
                }));
  }

  @PreDestroy
  @Override
  public void close() {
    flusher.shutdownNow();
  }

  /**
   * Collects a step's output per stream and publishes it in whole lines, or after {@link
   * #FLUSH_MILLIS} when a line is left open; everything is published before {@code closed()}
   * returns, which the lifecycle waits for before it publishes the step's exit.
   */
  private final class Forwarder implements RunningProcess.OutputListener {

    private final BuildStepRow step;
    private final Envelope cause;
    private final ByteArrayOutputStream[] pending = {
      new ByteArrayOutputStream(), new ByteArrayOutputStream()
    };
    private ScheduledFuture<?> timer;

    Forwarder(BuildStepRow step, Envelope cause) {
      this.step = step;
      this.cause = cause;
    }

    @Override
    public synchronized void output(int stream, byte[] bytes, int length) {
      ByteArrayOutputStream buffer = pending[stream == ContainerLog.STDERR ? 1 : 0];
      buffer.write(bytes, 0, length);
      if (buffer.size() >= MAX_CHUNK) {
        flush(stream == ContainerLog.STDERR ? 1 : 0, false);
      }
      if (timer == null) {
        timer = flusher.schedule(this::flushAll, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
      }
    }

    private synchronized void flushAll() {
      timer = null;
      flush(0, true);
      flush(1, true);
    }

    /** Publishes the buffered bytes up to the last newline, or all of them when {@code all}. */
    private void flush(int index, boolean all) {
      ByteArrayOutputStream buffer = pending[index];
      if (buffer.size() == 0) {
        return;
      }
      byte[] bytes = buffer.toByteArray();
      int end = bytes.length;
      if (!all) {
        while (end > 0 && bytes[end - 1] != '\n') {
          end--;
        }
        if (end == 0) {
          end = bytes.length;
        }
      }
      buffer.reset();
      buffer.write(bytes, end, bytes.length - end);
      String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
      try {
        publish(
            cause,
            new ContainerBuildOutput(
                step.containerId(),
                step.buildId(),
                step.step(),
                index == 0 ? "stdout" : "stderr",
                text));
      } catch (RuntimeException e) {
        LOG.warn("could not publish output of build step {}", step.containerId(), e);
      }
    }

    @Override
    public synchronized void closed() {
      if (timer != null) {
        timer.cancel(false);
        timer = null;
      }
      flush(0, true);
      flush(1, true);
    }
  }
}
