package io.berth.container.handling;

import io.berth.container.store.BuildStepRepository;
import io.berth.container.store.BuildStepRow;
import io.berth.container.store.ContainerRepository;
import io.berth.container.store.ContainerState;
import io.berth.container.store.KnownImages;
import io.berth.events.CommandFailed;
import io.berth.events.Envelope;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.image.ImageBuildCompleted;
import io.berth.events.image.ImageBuildFailed;
import io.berth.events.image.ImageBuildStepFinished;
import io.berth.events.image.ImageCommitted;
import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImageLoaded;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImageTagged;
import io.berth.events.image.ImageUntagged;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Learns images from the image-service's events (event-carried state transfer), so that a create
 * never has to ask the image-service: every event that announces an image carries its whole
 * descriptor; tag moves and removals update what this node knows. The image-service's answers to a
 * commit's {@code ImageCommitRequested} go on to {@link ContainerCommits}. A failed build's step
 * containers that are still here are removed (the saga's compensation: the build may have failed
 * because the image-service stopped while a step ran, or on a step that failed).
 */
@Singleton
public class ImageEventHandler implements MessageHandler {

  /** The subscription this handler is started under. */
  static final String CONSUMER = "image-events";

  private final ExactlyOnce exactlyOnce;
  private final KnownImages images;
  private final ContainerCommits commits;
  private final BuildStepRepository steps;
  private final ContainerRepository containers;
  private final ContainerLifecycle lifecycle;

  private final TransitionLock transitions;

  public ImageEventHandler(
      TransitionLock transitions,
      ExactlyOnce exactlyOnce,
      KnownImages images,
      ContainerCommits commits,
      BuildStepRepository steps,
      ContainerRepository containers,
      ContainerLifecycle lifecycle) {
    this.transitions = transitions;
    this.exactlyOnce = exactlyOnce;
    this.images = images;
    this.commits = commits;
    this.steps = steps;
    this.containers = containers;
    this.lifecycle = lifecycle;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    Supplier<List<Message>> outcome = outcomeOf(message.payload(), message.envelope());
    if (outcome != null) {
      transitions.call(() -> exactlyOnce.handle(CONSUMER, message, in -> outcome.get()));
    }
  }

  /** What an event does here and the messages it causes, or null when it does nothing. */
  private Supplier<List<Message>> outcomeOf(Message event, Envelope envelope) {
    if (event instanceof ImageBuildFailed failed) {
      return () -> removeSteps(failed.buildId(), envelope);
    }
    Runnable effect = effectOf(event, envelope);
    return effect == null
        ? null
        : () -> {
          effect.run();
          return List.of();
        };
  }

  private Runnable effectOf(Message event, Envelope envelope) {
    Instant at = envelope.time();
    if (event instanceof ImageImported e) {
      return () -> images.remember(e.image(), at);
    }
    if (event instanceof ImageLoaded e) {
      return () -> e.images().forEach(image -> images.remember(image, at));
    }
    if (event instanceof ImageCommitted e) {
      return () -> {
        images.remember(e.image(), at);
        commits.imageCommitted(envelope, e);
      };
    }
    if (event instanceof CommandFailed e && ContainerCommits.IMAGE_COMMIT.equals(e.commandType())) {
      return () -> commits.stepFailed(envelope, e);
    }
    if (event instanceof ImageBuildStepFinished e && !e.cached()) {
      // A cache hit names an image announced when it was made (its cache entry goes with it).
      return () -> images.remember(e.image(), at);
    }
    if (event instanceof ImageBuildCompleted e) {
      return () -> images.remember(e.image(), at);
    }
    if (event instanceof ImagePulled e) {
      return () -> images.remember(e.image(), at);
    }
    if (event instanceof ImageTagged e) {
      return () -> tagged(e.image(), e.reference(), e.replacedImageId(), at);
    }
    if (event instanceof ImageUntagged e) {
      return () -> images.untag(e.imageId(), e.reference(), at);
    }
    if (event instanceof ImageRemoved e) {
      return () -> {
        e.untagged().forEach(reference -> images.untag(e.imageId(), reference, at));
        e.deleted().forEach(imageId -> images.forget(imageId, at));
      };
    }
    return null;
  }

  /** Removes (forced) the step containers of a failed build that are still here. */
  private List<Message> removeSteps(String buildId, Envelope cause) {
    List<Message> outcomes = new ArrayList<>();
    for (BuildStepRow step : steps.findByBuildId(buildId)) {
      boolean removable =
          containers
              .findById(step.containerId())
              .map(row -> row.state() != ContainerState.REMOVING)
              .orElse(false);
      if (removable) {
        outcomes.addAll(lifecycle.remove(step.containerId(), true, true, cause));
      }
    }
    return outcomes;
  }

  private void tagged(ImageDescriptor image, String reference, String replacedImageId, Instant at) {
    if (replacedImageId != null && !replacedImageId.equals(image.imageId())) {
      images.untag(replacedImageId, reference, at);
    }
    images.remember(image, at);
  }
}
