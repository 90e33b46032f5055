package io.berth.container.handling;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.berth.container.ContainerException;
import io.berth.container.cgroup.Cgroup;
import io.berth.container.cgroup.CgroupException;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.store.ContainerCommitRepository;
import io.berth.container.store.ContainerCommitRow;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRunRepository;
import io.berth.container.store.ContainerRunRow;
import io.berth.container.store.ContainerState;
import io.berth.events.CommandFailed;
import io.berth.events.Envelope;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerCommitRequested;
import io.berth.events.container.ContainerCommitted;
import io.berth.events.container.ContainerConfig;
import io.berth.events.image.ImageCommitRequested;
import io.berth.events.image.ImageCommitted;
import io.berth.events.image.ImageConfig;
import io.berth.events.layer.DiffCommitRequested;
import io.berth.events.layer.DiffCommitted;
import io.berth.messaging.ServiceIdentity;
import io.berth.messaging.outbox.Outbox;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * {@code docker commit}, a saga the container-service leads: the command freezes a running
 * container (when asked to pause it) and asks the layer-service for the diff of its snapshot; the
 * diff becomes an {@code ImageCommitRequested} to the image-service; the image-service's {@code
 * ImageCommitted} (or any failure on the way) thaws the container and ends the commit, with the
 * outcome caused by the original command. The pending commit is a row, so a restart in between
 * loses nothing.
 *
 * <p>Docker's commit does not show its pause as a state: the container stays {@code running} in the
 * records and no pause or unpause events are published. Every method runs inside the transaction of
 * the message it handles.
 */
@Singleton
public class ContainerCommits {

  static final String DIFF_COMMIT = "io.berth.layer.DiffCommitRequested";
  static final String IMAGE_COMMIT = "io.berth.image.CommitRequested";

  private final ContainerRepository containers;
  private final ContainerRunRepository runs;
  private final ContainerCommitRepository commits;
  private final ContainerRuntime runtime;
  private final Outbox outbox;
  private final ServiceIdentity identity;

  public ContainerCommits(
      ContainerRepository containers,
      ContainerRunRepository runs,
      ContainerCommitRepository commits,
      ContainerRuntime runtime,
      Outbox outbox,
      ServiceIdentity identity) {
    this.containers = containers;
    this.runs = runs;
    this.commits = commits;
    this.runtime = runtime;
    this.outbox = outbox;
    this.identity = identity;
  }

  /** The command: checks the container, freezes it if asked, and asks for its diff. */
  List<Message> begin(ContainerCommitRequested request, Envelope envelope) {
    String id = request.containerId();
    ContainerRow row =
        containers.findById(id).orElseThrow(() -> ContainerException.noSuchContainer(id));
    if (row.state() == ContainerState.REMOVING) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION,
          "You cannot commit container " + id + " which is being removed");
    }
    if (runs.findById(id).filter(ContainerRunRow::rootReady).isEmpty()) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION, "container " + id + " is still being created");
    }
    if (commits.existsById(id)) {
      throw new ContainerException(
          ErrorCode.FAILED_PRECONDITION, "container " + id + " is being committed already");
    }
    Optional<Cgroup> toFreeze =
        request.pause() && row.state() == ContainerState.RUNNING
            ? runtime.cgroup(id)
            : Optional.empty();
    commits.save(
        new ContainerCommitRow(
            id,
            EventCodec.toJsonString(request),
            EventCodec.toJsonString(envelope),
            row.imageId(),
            row.config(),
            toFreeze.isPresent()));
    // Last, so that nothing after it can roll the command back and leave the container frozen.
    toFreeze.ifPresent(cgroup -> freeze(id, cgroup));
    return List.of(new DiffCommitRequested(id));
  }

  /** The layer-service's diff of a snapshot: for a commit in progress, the image is asked for. */
  void diffCommitted(Envelope envelope, DiffCommitted diff) {
    Optional<Pending> found = pending(diff.key(), envelope);
    if (found.isEmpty()) {
      return; // a build step's diff, or not this commit's
    }
    Pending commit = found.get();
    ContainerCommitRequested request = commit.request();
    publish(
        commit.cause(),
        new ImageCommitRequested(
            request.containerId(),
            commit.row().imageId(),
            imageConfig(read(commit.row().config(), ContainerConfig.class)),
            diff.digest(),
            diff.diffId(),
            diff.size(),
            request.repo(),
            request.tag(),
            request.comment(),
            request.author(),
            request.changes()));
  }

  /** The image-service wrote the image: the container is thawed and the commit succeeds. */
  void imageCommitted(Envelope envelope, ImageCommitted committed) {
    pending(committed.containerId(), envelope)
        .ifPresent(
            commit ->
                finish(
                    commit,
                    new ContainerCommitted(committed.containerId(), committed.image().imageId())));
  }

  /** A diff or image command of a commit failed: the container is thawed, the commit fails. */
  void stepFailed(Envelope envelope, CommandFailed failed) {
    pending(failed.subject(), envelope)
        .ifPresent(
            commit ->
                finish(
                    commit,
                    new CommandFailed(
                        commit.row().containerId(),
                        commit.cause().type(),
                        failed.code(),
                        failed.message())));
  }

  /** Whether a failed command is one a commit sends. */
  static boolean isCommitStep(CommandFailed failed) {
    return DIFF_COMMIT.equals(failed.commandType()) || IMAGE_COMMIT.equals(failed.commandType());
  }

  private void finish(Pending commit, Message outcome) {
    String id = commit.row().containerId();
    commits.deleteById(id);
    if (commit.row().froze()) {
      // A user's pause during the commit keeps the container frozen.
      containers
          .findById(id)
          .filter(row -> row.state() == ContainerState.RUNNING)
          .flatMap(row -> runtime.cgroup(id))
          .ifPresent(Cgroup::thaw);
    }
    publish(commit.cause(), outcome);
  }

  private static void freeze(String id, Cgroup cgroup) {
    try {
      cgroup.freeze();
    } catch (CgroupException e) {
      throw new ContainerException(
          ErrorCode.UNAVAILABLE, "cannot pause container " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * The commit in progress for a container, if {@code envelope} belongs to its conversation (same
   * correlation id as the commit command): a late answer to an earlier commit is not this one's.
   */
  private Optional<Pending> pending(String containerId, Envelope envelope) {
    return commits
        .findById(containerId)
        .map(row -> new Pending(row, read(row.cause(), Envelope.class)))
        .filter(commit -> commit.cause().correlationId().equals(envelope.correlationId()));
  }

  private void publish(Envelope cause, Message message) {
    outbox.add(EventCodec.encodeCausedBy(cause, identity.source(), message));
  }

  /** The container's config as the image config the image-service overlays on the parent's. */
  static ImageConfig imageConfig(ContainerConfig config) {
    return new ImageConfig(
        config.env(),
        config.cmd(),
        config.entrypoint(),
        config.workingDir(),
        config.user(),
        config.exposedPorts(),
        null,
        config.labels(),
        config.stopSignal());
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return EventCodec.mapper().readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt pending commit: " + e.getMessage(), e);
    }
  }

  private record Pending(ContainerCommitRow row, Envelope cause) {
    ContainerCommitRequested request() {
      return read(row.request(), ContainerCommitRequested.class);
    }
  }
}
