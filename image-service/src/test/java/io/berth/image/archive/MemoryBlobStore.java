package io.berth.image.archive;

import io.berth.image.config.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A blob sink and layer source in memory, for tests: stores by digest, serves uncompressed layers
 * by diff id, and records which members it was handed.
 */
final class MemoryBlobStore implements BlobSink, LayerSource {

  private final Map<Digest, byte[]> blobs = new HashMap<>();
  private final Map<Digest, Digest> blobByDiffId = new HashMap<>();
  private final List<String> members = new ArrayList<>();

  @Override
  public StoredBlob store(String memberPath, InputStream content, long size) throws IOException {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    StoredBlob blob = BlobInspector.inspect(content, copy);
    blobs.put(blob.digest(), copy.toByteArray());
    if (blob.isLayer() && blob.digest().equals(blob.diffId())) {
      blobByDiffId.put(blob.diffId(), blob.digest());
    }
    members.add(memberPath);
    return blob;
  }

  /** Adds an uncompressed layer, as the layer store would hold it. */
  SavedLayer addLayer(byte[] tar) {
    Digest diffId = Digest.of(tar);
    blobs.put(diffId, tar);
    blobByDiffId.put(diffId, diffId);
    return new SavedLayer(diffId, tar.length);
  }

  @Override
  public InputStream open(Digest diffId) throws IOException {
    Digest blob = blobByDiffId.get(diffId);
    if (blob == null) {
      throw new NoSuchFileException("no layer " + diffId);
    }
    return new ByteArrayInputStream(blobs.get(blob));
  }

  byte[] blob(Digest digest) {
    return blobs.get(digest);
  }

  /** The member paths handed to the sink, in order. */
  List<String> members() {
    return members;
  }
}
