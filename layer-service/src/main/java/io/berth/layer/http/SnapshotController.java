package io.berth.layer.http;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import io.berth.layer.content.ContentLock;
import io.berth.layer.content.Digest;
import io.berth.layer.snapshot.Snapshotter;
import io.berth.layer.store.SnapshotRow;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/**
 * Unpacks a layer chain on request, so that whoever brings layers in (the image-service's import
 * and load) learns at once, before recording any image, whether every layer is sound: an unsafe
 * archive is refused with 400 naming the entry, as {@code docker import} and {@code docker load}
 * refuse it. The same snapshots then serve the image's containers.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SnapshotController {

  private final Snapshotter snapshotter;
  private final ContentLock lock;

  public SnapshotController(Snapshotter snapshotter, ContentLock lock) {
    this.snapshotter = snapshotter;
    this.lock = lock;
  }

  /**
   * The chain to unpack.
   *
   * @param diffIds the layers' diff ids, bottom first
   */
  public record UnpackRequest(List<String> diffIds) {}

  /**
   * What was unpacked.
   *
   * @param chainIds the chain id of each layer, bottom first
   * @param size the bytes of regular files in the chain's snapshots
   */
  public record Unpacked(List<String> chainIds, long size) {}

  @Post(
      uri = "/snapshots/unpack",
      consumes = MediaType.APPLICATION_JSON,
      produces = MediaType.APPLICATION_JSON)
  public Unpacked unpack(@Body UnpackRequest request) {
    if (request.diffIds() == null || request.diffIds().isEmpty()) {
      throw new LayerException(ErrorCode.INVALID_ARGUMENT, "no layers to unpack");
    }
    List<Digest> diffIds =
        request.diffIds().stream()
            .map(
                id -> {
                  if (!Digest.isValid(id)) {
                    throw new LayerException(ErrorCode.INVALID_ARGUMENT, "not a diff id: " + id);
                  }
                  return Digest.parse(id);
                })
            .toList();
    lock.shared().lock();
    try {
      List<SnapshotRow> lowers = snapshotter.lowers(diffIds);
      return new Unpacked(
          io.berth.layer.snapshot.ChainIds.of(diffIds).stream().map(Digest::value).toList(),
          lowers.stream().mapToLong(SnapshotRow::size).sum());
    } finally {
      lock.shared().unlock();
    }
  }
}
