package io.berth.image.handling;

import io.berth.events.CommandFailed;
import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.layer.ContextCopied;
import io.berth.events.layer.DiffCommitted;
import io.berth.image.build.Build;
import io.berth.image.build.Builds;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Hands the layer-service's answers to the builds waiting for them: a {@code RUN} step's diff, a
 * {@code COPY}/{@code ADD} layer, or the failure of either.
 */
@Singleton
public class LayerEventHandler implements MessageHandler {

  private static final Set<String> BUILD_COMMANDS =
      Set.of(
          "io.berth.layer.DiffCommitRequested",
          "io.berth.layer.ContextCopyRequested",
          "io.berth.layer.DirectoryLayerRequested");

  private final Builds builds;

  public LayerEventHandler(Builds builds) {
    this.builds = builds;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    Message event = message.payload();
    if (event instanceof DiffCommitted e) {
      builds.diffCommitted(
          e.key(), new Build.LayerMade(e.diffId(), e.digest(), e.mediaType(), e.size()));
    } else if (event instanceof ContextCopied e) {
      builds.copied(e.key(), new Build.LayerMade(e.diffId(), e.digest(), e.mediaType(), e.size()));
    } else if (event instanceof CommandFailed e && BUILD_COMMANDS.contains(e.commandType())) {
      builds.commandFailed(e.subject(), e.message());
    }
  }
}
