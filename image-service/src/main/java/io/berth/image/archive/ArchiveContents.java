package io.berth.image.archive;

import io.berth.events.image.ImageRef;
import io.berth.image.archive.json.ArchiveJsonWriter;
import io.berth.image.archive.json.Descriptor;
import io.berth.image.archive.json.ManifestEntry;
import io.berth.image.archive.json.MediaTypes;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a saved archive holds: every blob once, by digest, and the metadata members that list the
 * images for Docker ({@code manifest.json}, {@code repositories}) and for OCI tools ({@code
 * index.json}, {@code oci-layout}).
 */
final class ArchiveContents {

  private static final String IMAGE_NAME = "io.containerd.image.name";
  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** A blob to write: either bytes in memory or a layer to stream. */
  record Blob(byte[] bytes, SavedLayer layer) {
    long size() {
      return bytes != null ? bytes.length : layer.size();
    }
  }

  private final Map<Digest, Blob> blobs = new TreeMap<>();
  private final List<ManifestEntry> entries = new ArrayList<>();
  private final List<Descriptor> manifests = new ArrayList<>();
  private final Map<String, Map<String, String>> repositories = new TreeMap<>();

  static ArchiveContents of(List<SavedImage> images) {
    ArchiveContents contents = new ArchiveContents();
    images.forEach(contents::add);
    return contents;
  }

  /** The blobs in digest order. */
  Map<Digest, Blob> blobs() {
    return blobs;
  }

  /** The metadata members by name, in name order. */
  Map<String, byte[]> metadata() {
    Map<String, byte[]> metadata = new LinkedHashMap<>();
    metadata.put("index.json", ArchiveJsonWriter.ociIndex(manifests));
    metadata.put("manifest.json", ArchiveJsonWriter.dockerManifest(entries));
    metadata.put("oci-layout", ArchiveJsonWriter.OCI_LAYOUT);
    if (!repositories.isEmpty()) {
      metadata.put("repositories", ArchiveJsonWriter.repositories(repositories));
    }
    return metadata;
  }

  private void add(SavedImage image) {
    ImageConfigDocument config = image.config();
    blobs.put(config.id(), new Blob(config.bytes(), null));
    List<Descriptor> layers = new ArrayList<>();
    for (SavedLayer layer : image.layers()) {
      blobs.putIfAbsent(layer.diffId(), new Blob(null, layer));
      layers.add(new Descriptor(MediaTypes.OCI_LAYER, layer.diffId(), layer.size(), null, null));
    }
    byte[] manifest =
        ArchiveJsonWriter.ociManifest(
            new Descriptor(MediaTypes.OCI_CONFIG, config.id(), config.size(), null, null), layers);
    Digest manifestDigest = Digest.of(manifest);
    blobs.put(manifestDigest, new Blob(manifest, null));
    List<String> repoTags = new ArrayList<>();
    for (ImageRef ref : image.repoTags()) {
      if (ref.tag() != null && ref.digest() == null) {
        repoTags.add(ref.toString());
        tag(image, ref, manifestDigest, manifest.length);
      }
    }
    if (repoTags.isEmpty()) {
      manifests.add(
          new Descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifest.length, null, null));
    }
    List<String> layerPaths =
        image.layers().stream().map(layer -> OciLayoutLoader.blobPath(layer.diffId())).toList();
    entries.add(
        new ManifestEntry(OciLayoutLoader.blobPath(config.id()), repoTags, layerPaths, null));
  }

  /** Lists one tag in {@code index.json} (one entry per tag, as Docker 25+) and repositories. */
  private void tag(SavedImage image, ImageRef ref, Digest manifest, long manifestSize) {
    manifests.add(
        new Descriptor(
            MediaTypes.OCI_MANIFEST,
            manifest,
            manifestSize,
            Map.of(IMAGE_NAME, ReferenceNames.fullName(ref), REF_NAME, ref.tag()),
            null));
    if (!image.layers().isEmpty()) {
      // The legacy file names the top layer; Docker 25+ writes its diff id's hex.
      Digest top = image.layers().get(image.layers().size() - 1).diffId();
      repositories
          .computeIfAbsent(ref.repository(), r -> new TreeMap<>())
          .put(ref.tag(), top.hex());
    }
  }
}
