package io.berth.layer.handling;

import io.berth.events.Enveloped;
import io.berth.events.Message;
import io.berth.events.query.LayerCountsReported;
import io.berth.events.query.LayerCountsRequested;
import io.berth.layer.store.BlobRepository;
import io.berth.layer.store.SnapshotRepository;
import io.berth.messaging.MessageHandler;
import io.berth.messaging.QueryResponder;
import jakarta.inject.Singleton;

/** Answers the queries addressed to the layer-service; ignores everyone else's. */
@Singleton
public class LayerQueryHandler implements MessageHandler {

  private final BlobRepository blobs;
  private final SnapshotRepository snapshots;
  private final QueryResponder responder;

  public LayerQueryHandler(
      BlobRepository blobs, SnapshotRepository snapshots, QueryResponder responder) {
    this.blobs = blobs;
    this.snapshots = snapshots;
    this.responder = responder;
  }

  @Override
  public void handle(Enveloped<Message> message) {
    if (message.payload() instanceof LayerCountsRequested counts) {
      responder.reply(
          message,
          new LayerCountsReported(
              counts.requestId(), blobs.count(), snapshots.count(), blobs.totalSize()));
    }
  }
}
