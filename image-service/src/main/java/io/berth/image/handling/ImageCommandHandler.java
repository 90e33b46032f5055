package io.berth.image.handling;

import io.berth.events.Enveloped;
import io.berth.events.ErrorCode;
import io.berth.events.Message;
import io.berth.events.image.ImageBuildRequested;
import io.berth.events.image.ImageCommitRequested;
import io.berth.events.image.ImageImportRequested;
import io.berth.events.image.ImageLoadRequested;
import io.berth.events.image.ImagePruneRequested;
import io.berth.events.image.ImagePullRequested;
import io.berth.events.image.ImageRemoveRequested;
import io.berth.events.image.ImageSaveRequested;
import io.berth.events.image.ImageTagRequested;
import io.berth.events.image.ImageTagged;
import io.berth.events.image.ImageUntagRequested;
import io.berth.events.image.ImageUntagged;
import io.berth.image.ImageException;
import io.berth.image.build.Builds;
import io.berth.image.catalog.ImageCatalog;
import io.berth.image.catalog.ImagePruner;
import io.berth.image.catalog.ImageRemover;
import io.berth.image.commit.ImageCommits;
import io.berth.image.store.ImageStore;
import io.berth.image.store.StoredImage;
import io.berth.image.transfer.ArchiveTransfers;
import io.berth.image.transfer.ImageTransfers;
import io.berth.messaging.ExactlyOnce;
import io.berth.messaging.MessageHandler;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies image commands exactly once. Transfers (import, load, save) move their bytes to and from
 * the content store before the transaction that records the images and announces them; the other
 * commands only touch the image tables.
 */
@Singleton
public class ImageCommandHandler implements MessageHandler {

  private final ExactlyOnce exactlyOnce;
  private final ImageCatalog catalog;
  private final ImageStore store;
  private final ImageRemover remover;
  private final ImagePruner pruner;
  private final ImageTransfers transfers;
  private final ArchiveTransfers archives;
  private final Builds builds;
  private final ImageCommits commits;

  public ImageCommandHandler(
      ExactlyOnce exactlyOnce,
      ImageCatalog catalog,
      ImageStore store,
      ImageRemover remover,
      ImagePruner pruner,
      ImageTransfers transfers,
      ArchiveTransfers archives,
      Builds builds,
      ImageCommits commits) {
    this.builds = builds;
    this.exactlyOnce = exactlyOnce;
    this.catalog = catalog;
    this.store = store;
    this.remover = remover;
    this.pruner = pruner;
    this.transfers = transfers;
    this.archives = archives;
    this.commits = commits;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    Message payload = message.payload();
    if (payload instanceof ImageBuildRequested) {
      @SuppressWarnings("unchecked")
      Enveloped<ImageBuildRequested> build =
          (Enveloped<ImageBuildRequested>) (Enveloped<?>) message;
      builds.start(build);
    } else if (payload instanceof ImageImportRequested request) {
      apply(message, transfers.prepareImport(request));
    } else if (payload instanceof ImageLoadRequested request) {
      apply(message, archives.prepareLoad(request));
    } else if (payload instanceof ImageSaveRequested request) {
      apply(message, archives.save(request));
    } else if (payload instanceof ImageCommitRequested request) {
      apply(message, commits.prepare(request));
    } else if (payload instanceof ImageTagRequested request) {
      apply(message, events -> tag(request, events));
    } else if (payload instanceof ImageUntagRequested request) {
      apply(message, events -> untag(request, events));
    } else if (payload instanceof ImageRemoveRequested request) {
      apply(
          message,
          events -> {
            remover.remove(request.reference(), request.force(), request.noPrune(), events);
          });
    } else if (payload instanceof ImagePruneRequested request) {
      apply(message, events -> events.add(pruner.prune(request, events)));
    } else if (payload instanceof ImagePullRequested pull) {
      apply(
          message,
          events -> {
            throw new ImageException(
                ErrorCode.UNAVAILABLE,
                "cannot pull "
                    + pull.reference()
                    + ": Berth does not pull from registries yet; bring images in with docker"
                    + " import or docker load");
          });
    } else {
      apply(
          message,
          events -> {
            throw new ImageException(
                ErrorCode.FAILED_PRECONDITION,
                message.envelope().type() + " is not supported by this image-service yet");
          });
    }
  }

  /** The part of a command that runs in its transaction, adding the events it publishes. */
  public interface Effect {
    void apply(List<Message> events);
  }

  private void apply(Enveloped<Message> message, Effect effect) {
    Function<Enveloped<Message>, List<? extends Message>> inTransaction =
        in -> {
          List<Message> events = new ArrayList<>();
          effect.apply(events);
          return events;
        };
    exactlyOnce.handle("commands", message, inTransaction);
  }

  private void tag(ImageTagRequested request, List<Message> events) {
    StoredImage image = catalog.resolve(request.source());
    String reference = ImageCatalog.reference(request.repo(), request.tag());
    Optional<String> replaced = catalog.tag(reference, image.id());
    StoredImage tagged = store.find(image.id()).orElseThrow();
    events.add(new ImageTagged(catalog.describe(tagged), reference, replaced.orElse(null)));
  }

  private void untag(ImageUntagRequested request, List<Message> events) {
    ImageCatalog.Found found = catalog.find(request.reference());
    if (found.byId()) {
      throw new ImageException(
          ErrorCode.INVALID_ARGUMENT, request.reference() + " is an image id, not a reference");
    }
    store.untag(found.reference());
    events.add(new ImageUntagged(found.image().id(), found.reference()));
  }
}
