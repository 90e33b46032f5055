package io.berth.image.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * What one pass over an archive kept: small metadata members in memory, the members handed to the
 * sink, and symbolic and hard links (Docker 20.10 links a layer shared by two images).
 */
final class ArchiveMembers {

  private static final int MAX_LINK_HOPS = 16;

  private final Map<String, byte[]> inMemory = new HashMap<>();
  private final Map<String, StoredBlob> stored = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();
  private final BlobSink sink;
  private long bytesInMemory;

  ArchiveMembers(BlobSink sink) {
    this.sink = sink;
  }

  void keep(String path, byte[] bytes) {
    stored.remove(path);
    links.remove(path);
    forget(inMemory.put(path, bytes));
    bytesInMemory += bytes.length;
  }

  void stored(String path, StoredBlob blob) {
    forget(inMemory.remove(path));
    links.remove(path);
    stored.put(path, blob);
  }

  void link(String path, String target) {
    forget(inMemory.remove(path));
    stored.remove(path);
    links.put(path, target);
  }

  long bytesInMemory() {
    return bytesInMemory;
  }

  private void forget(byte[] replaced) {
    if (replaced != null) {
      bytesInMemory -= replaced.length;
    }
  }

  boolean isEmpty() {
    return inMemory.isEmpty() && stored.isEmpty() && links.isEmpty();
  }

  /** Whether a member exists, after following links. */
  boolean has(String path) throws ArchiveException {
    String resolved = resolve(path);
    return inMemory.containsKey(resolved) || stored.containsKey(resolved);
  }

  /**
   * The bytes of a metadata member.
   *
   * @param what what the member is, for the error message, like {@code config of image 2}
   */
  byte[] bytes(String path, String what) throws ArchiveException {
    String resolved = resolve(path);
    byte[] bytes = inMemory.get(resolved);
    if (bytes != null) {
      return bytes;
    }
    if (stored.containsKey(resolved)) {
      throw new ArchiveException(
          what + " " + path + " is larger than " + ArchiveScan.MAX_IN_MEMORY + " bytes");
    }
    throw new ArchiveException("archive has no member " + path + " (" + what + ")");
  }

  /**
   * A member as the sink stored it; a member that was kept in memory is handed to the sink now.
   *
   * @param what what the member is, for the error message, like {@code layer 1 of busybox:latest}
   */
  StoredBlob blob(String path, String what) throws IOException {
    String resolved = resolve(path);
    StoredBlob blob = stored.get(resolved);
    if (blob != null) {
      return blob;
    }
    byte[] bytes = inMemory.get(resolved);
    if (bytes == null) {
      throw new ArchiveException("archive has no member " + path + " (" + what + ")");
    }
    blob = ArchiveScan.store(sink, resolved, new ByteArrayInputStream(bytes), bytes.length);
    stored(resolved, blob);
    return blob;
  }

  private String resolve(String path) throws ArchiveException {
    String current = MemberPaths.normalise(path);
    for (int hop = 0; hop < MAX_LINK_HOPS; hop++) {
      String target = links.get(current);
      if (target == null) {
        return current;
      }
      current = target;
    }
    throw new ArchiveException("member " + path + " is a link loop");
  }
}
