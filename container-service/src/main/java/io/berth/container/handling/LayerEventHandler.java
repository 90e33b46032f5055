package io.berth.container.handling;

import io.berth.events.CommandFailed;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.layer.DiffCommitted;
import io.berth.events.layer.SnapshotPrepared;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Completes container creates: the layer-service's answer to the snapshot a create asked for (keyed
 * by the container id) gives the container its root, or fails the create. Carries commits on: the
 * diff of a committed container's snapshot (or its failure) goes to {@link ContainerCommits}.
 */
@Singleton
public class LayerEventHandler implements MessageHandler {

  private static final String PREPARE = "io.berth.layer.SnapshotPrepareRequested";

  private final ExactlyOnce exactlyOnce;
  private final ContainerLifecycle lifecycle;
  private final ContainerCommits commits;

  private final TransitionLock transitions;

  public LayerEventHandler(
      TransitionLock transitions,
      ExactlyOnce exactlyOnce,
      ContainerLifecycle lifecycle,
      ContainerCommits commits) {
    this.transitions = transitions;
    this.exactlyOnce = exactlyOnce;
    this.lifecycle = lifecycle;
    this.commits = commits;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    if (message.payload() instanceof SnapshotPrepared prepared) {
      transitions.call(
          () ->
              exactlyOnce.handle(
                  "layer-events",
                  message,
                  in -> {
                    lifecycle.rootPrepared(
                        prepared.key(),
                        prepared.lowerDirs(),
                        prepared.upperDir(),
                        prepared.workDir());
                    return List.of();
                  }));
    } else if (message.payload() instanceof CommandFailed failed
        && PREPARE.equals(failed.commandType())) {
      transitions.call(
          () ->
              exactlyOnce.handle(
                  "layer-events",
                  message,
                  in -> {
                    lifecycle.rootFailed(failed.subject(), failed.code(), failed.message());
                    return List.of();
                  }));
    } else if (message.payload() instanceof DiffCommitted diff) {
      transitions.call(
          () ->
              exactlyOnce.handle(
                  "layer-events",
                  message,
                  in -> {
                    commits.diffCommitted(in.envelope(), diff);
                    return List.of();
                  }));
    } else if (message.payload() instanceof CommandFailed failed
        && ContainerCommits.DIFF_COMMIT.equals(failed.commandType())) {
      transitions.call(
          () ->
              exactlyOnce.handle(
                  "layer-events",
                  message,
                  in -> {
                    commits.stepFailed(in.envelope(), failed);
                    return List.of();
                  }));
    }
  }
}
