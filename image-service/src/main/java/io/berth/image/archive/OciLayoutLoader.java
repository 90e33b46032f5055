package io.berth.image.archive;

import io.berth.events.image.ImageRef;
import io.berth.image.archive.json.ArchiveJson;
import io.berth.image.archive.json.Descriptor;
import io.berth.image.archive.json.MediaTypes;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import io.berth.image.config.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the images of an OCI image layout ({@code index.json}, nested indexes, manifests) when an
 * archive has no {@code manifest.json}. Of a multi-platform index it takes the manifest of this
 * machine's platform; tags come from the {@code io.containerd.image.name} or {@code
 * org.opencontainers.image.ref.name} annotations of the top index.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">OCI image
 *     layout</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md">OCI
 *     annotations</a>
 */
final class OciLayoutLoader {

  static final String INDEX = "index.json";
  private static final String IMAGE_NAME = "io.containerd.image.name";
  private static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final String REFERENCE_TYPE = "vnd.docker.reference.type";
  private static final int MAX_DEPTH = 8;

  private final ArchiveMembers members;
  private final Platform platform;
  // Images by manifest digest, so that one image tagged twice is one image with two tags.
  private final Map<Digest, Found> found = new LinkedHashMap<>();

  private record Found(Descriptor manifest, List<ImageRef> tags) {}

  private OciLayoutLoader(ArchiveMembers members, Platform platform) {
    this.members = members;
    this.platform = platform;
  }

  static List<ArchiveImage> load(ArchiveMembers members, Platform platform) throws IOException {
    return new OciLayoutLoader(members, platform).load();
  }

  private List<ArchiveImage> load() throws IOException {
    for (Descriptor descriptor : index(members.bytes(INDEX, "OCI index"), INDEX)) {
      collect(descriptor, tag(descriptor), 0);
    }
    List<ArchiveImage> images = new ArrayList<>();
    for (Found image : found.values()) {
      images.add(image(image.manifest(), image.tags()));
    }
    return images;
  }

  private void collect(Descriptor descriptor, ImageRef tag, int depth) throws IOException {
    String mediaType = descriptor.mediaType();
    byte[] bytes = null;
    if (mediaType == null) {
      // The media type is optional in older layouts: the blob itself says.
      bytes = blob(descriptor, "manifest");
      mediaType = mediaType(bytes, blobPath(descriptor.digest()));
    }
    if (MediaTypes.isIndex(mediaType)) {
      if (depth >= MAX_DEPTH) {
        throw new ArchiveException("OCI indexes nest deeper than " + MAX_DEPTH);
      }
      String path = blobPath(descriptor.digest());
      byte[] index = bytes != null ? bytes : blob(descriptor, "index");
      for (Descriptor child : forPlatform(index(index, path), path)) {
        collect(child, tag, depth + 1);
      }
    } else if (MediaTypes.isManifest(mediaType)) {
      Found image =
          found.computeIfAbsent(descriptor.digest(), d -> new Found(descriptor, new ArrayList<>()));
      if (tag != null && !image.tags().contains(tag)) {
        image.tags().add(tag);
      }
    }
    // Other media types (attestations, artifacts) are not images.
  }

  private List<Descriptor> forPlatform(List<Descriptor> manifests, String path)
      throws ArchiveException {
    List<Descriptor> images = new ArrayList<>();
    for (Descriptor manifest : manifests) {
      if (!"attestation-manifest".equals(manifest.annotations().get(REFERENCE_TYPE))) {
        images.add(manifest);
      }
    }
    if (images.size() <= 1 || images.stream().allMatch(m -> m.platform() == null)) {
      return images;
    }
    List<Descriptor> matching =
        images.stream()
            .filter(m -> m.platform() != null)
            .filter(m -> m.platform().os().equals(platform.os()))
            .filter(m -> m.platform().architecture().equals(platform.architecture()))
            .toList();
    if (matching.isEmpty()) {
      throw new ArchiveException(
          "index " + path + " has no image for " + platform.os() + "/" + platform.architecture());
    }
    return matching.subList(0, 1);
  }

  private ArchiveImage image(Descriptor manifest, List<ImageRef> tags) throws IOException {
    String path = blobPath(manifest.digest());
    String name = tags.isEmpty() ? "manifest " + path : tags.get(0).toString();
    List<Descriptor> descriptors;
    try {
      descriptors = ArchiveJson.readManifest(blob(manifest, "manifest of " + name));
    } catch (IllegalArgumentException e) {
      throw new ArchiveException("manifest " + path + " " + e.getMessage(), e);
    }
    Descriptor configDescriptor = descriptors.get(0);
    ImageConfigDocument config =
        Images.config(
            blob(configDescriptor, "config of " + name), blobPath(configDescriptor.digest()));
    List<StoredBlob> layers = new ArrayList<>();
    for (Descriptor layer : descriptors.subList(1, descriptors.size())) {
      String what = "layer " + (layers.size() + 1) + " of " + name;
      StoredBlob blob = members.blob(blobPath(layer.digest()), what);
      if (!blob.digest().equals(layer.digest()) || blob.size() != layer.size()) {
        throw new ArchiveException(
            what
                + " "
                + blobPath(layer.digest())
                + " does not match its descriptor: it has digest "
                + blob.digest()
                + " and "
                + blob.size()
                + " bytes");
      }
      layers.add(blob);
    }
    return Images.image(config, tags, layers, null);
  }

  /** A JSON blob's bytes, checked against its descriptor's digest and size. */
  private byte[] blob(Descriptor descriptor, String what) throws ArchiveException {
    String path = blobPath(descriptor.digest());
    byte[] bytes = members.bytes(path, what);
    if (bytes.length != descriptor.size() || !Digest.of(bytes).equals(descriptor.digest())) {
      throw new ArchiveException(what + " " + path + " does not match its digest or size");
    }
    return bytes;
  }

  private static List<Descriptor> index(byte[] bytes, String path) throws ArchiveException {
    try {
      return ArchiveJson.readIndex(bytes);
    } catch (IllegalArgumentException e) {
      throw new ArchiveException(path + " " + e.getMessage(), e);
    }
  }

  private static String mediaType(byte[] bytes, String path) throws ArchiveException {
    try {
      return ArchiveJson.readMediaType(bytes);
    } catch (IllegalArgumentException e) {
      throw new ArchiveException(path + " " + e.getMessage(), e);
    }
  }

  private static ImageRef tag(Descriptor descriptor) throws ArchiveException {
    String name = descriptor.annotations().get(IMAGE_NAME);
    if (name == null) {
      // ref.name may be a whole reference or only a tag; a lone tag names no repository.
      String ref = descriptor.annotations().get(REF_NAME);
      name = ref != null && (ref.contains(":") || ref.contains("/")) ? ref : null;
    }
    if (name == null || name.contains("@")) {
      return null;
    }
    return Images.tag(name, INDEX);
  }

  static String blobPath(Digest digest) {
    return "blobs/sha256/" + digest.hex();
  }
}
