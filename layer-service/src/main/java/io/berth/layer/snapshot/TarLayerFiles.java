package io.berth.layer.snapshot;

import io.berth.layer.content.Digest;
import io.berth.layer.tar.DiffWriter;
import io.berth.layer.tar.Flattener;
import io.berth.layer.tar.LayerUnpacker;
import io.berth.layer.tar.UnpackOptions;
import io.berth.layer.tar.UnpackSummary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link LayerFiles} on the tar package, with the limits an operator sets: the largest entry, the
 * largest uncompressed layer, the highest compression ratio, and whether device nodes may be
 * unpacked.
 */
@Singleton
public class TarLayerFiles implements LayerFiles {

  private final LayerUnpacker unpacker;

  public TarLayerFiles(
      @Value("${berth.layer.allow-devices:true}") boolean allowDevices,
      @Value("${berth.layer.max-entry-bytes:68719476736}") long maxEntryBytes,
      @Value("${berth.layer.max-layer-bytes:274877906944}") long maxLayerBytes,
      @Value("${berth.layer.max-compression-ratio:0}") long maxCompressionRatio) {
    this.unpacker =
        new LayerUnpacker(
            UnpackOptions.defaults()
                .withAllowDevices(allowDevices)
                .withMaxEntryBytes(maxEntryBytes)
                .withMaxUncompressedBytes(maxLayerBytes)
                .withMaxCompressionRatio(maxCompressionRatio));
  }

  @Override
  public long unpack(InputStream blob, Path target, Digest diffId) throws IOException {
    UnpackSummary summary = unpacker.unpack(blob, target);
    if (!summary.diffId().equals(diffId.value())) {
      throw new IOException(
          "the layer unpacked has diff id " + summary.diffId() + ", not " + diffId.value());
    }
    return summary.regularFileBytes();
  }

  @Override
  public void flatten(List<Path> lowersBottomFirst, Path target) throws IOException {
    Flattener.flatten(lowersBottomFirst, target);
  }

  @Override
  public void diff(Path upper, OutputStream tar) throws IOException {
    DiffWriter.write(upper, tar);
  }
}
