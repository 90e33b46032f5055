package io.berth.image.handling;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.query.ImageCountsReported;
import io.berth.events.query.ImageCountsRequested;
import io.berth.events.query.ImageInspectRequested;
import io.berth.events.query.ImageInspected;
import io.berth.events.query.ImageLayer;
import io.berth.events.query.ImageListReported;
import io.berth.events.query.ImageListRequested;
import io.berth.events.query.ImageSummary;
import io.berth.image.ImageException;
import io.berth.image.catalog.ImageCatalog;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.store.ImageStore;
import io.berth.image.store.StoredImage;
import io.berth.image.store.StoredLayer;
import io.berth.messaging.MessageHandler;
import io.berth.messaging.QueryResponder;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers the queries addressed to the image-service; ignores everyone else's. */
@Singleton
public class ImageQueryHandler implements MessageHandler {

  private final ImageStore store;
  private final ImageCatalog catalog;
  private final QueryResponder responder;
  private final TransactionOperations<Connection> transactions;

  public ImageQueryHandler(
      ImageStore store,
      ImageCatalog catalog,
      QueryResponder responder,
      TransactionOperations<Connection> transactions) {
    this.store = store;
    this.catalog = catalog;
    this.responder = responder;
    this.transactions = transactions;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    Message payload = message.payload();
    if (payload instanceof ImageCountsRequested counts) {
      long n = transactions.executeRead(status -> store.count());
      responder.reply(message, new ImageCountsReported(counts.requestId(), n));
    } else if (payload instanceof ImageListRequested list) {
      responder.reply(
          message,
          new ImageListReported(list.requestId(), transactions.executeRead(status -> summaries())));
    } else if (payload instanceof ImageInspectRequested inspect) {
      try {
        StoredImage image =
            transactions.executeRead(status -> catalog.resolve(inspect.reference()));
        responder.reply(message, inspected(inspect.requestId(), image));
      } catch (ImageException e) {
        responder.fail(message, e.code(), e.getMessage());
      }
    }
  }

  private List<ImageSummary> summaries() {
    List<StoredImage> images = store.all();
    Map<String, Integer> users = store.userCounts();
    Map<String, Integer> layerUses = new HashMap<>();
    images.forEach(
        image ->
            image.layers().stream()
                .map(StoredLayer::diffId)
                .distinct()
                .forEach(diffId -> layerUses.merge(diffId, 1, Integer::sum)));
    return images.stream()
        .map(
            image ->
                new ImageSummary(
                    image.id(),
                    image.tags(),
                    image.parentId(),
                    image.created(),
                    image.size(),
                    image.layers().stream()
                        .filter(layer -> layerUses.getOrDefault(layer.diffId(), 0) > 1)
                        .mapToLong(StoredLayer::size)
                        .sum(),
                    ImageConfigDocument.parse(image.config()).labels(),
                    users.getOrDefault(image.id(), 0)))
        .toList();
  }

  private static ImageInspected inspected(String requestId, StoredImage image) {
    return new ImageInspected(
        requestId,
        image.id(),
        image.tags(),
        image.parentId(),
        image.created(),
        image.size(),
        new String(image.config(), StandardCharsets.UTF_8),
        image.layers().stream()
            .map(l -> new ImageLayer(l.diffId(), l.blobDigest(), l.mediaType(), l.size()))
            .toList());
  }
}
