package io.berth.image.archive;

import io.berth.events.image.ImageRef;
import io.berth.image.archive.json.ArchiveJson;
import io.berth.image.archive.json.ManifestEntry;
import io.berth.image.config.Digest;
import io.berth.image.config.ImageConfigDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the images of Docker's {@code manifest.json}, in both layouts: Docker before 25 ({@code
 * <config hex>.json}, {@code <v1 id>/layer.tar}) and Docker 25+ ({@code blobs/sha256/<hex>}).
 *
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/image/tarexport/load.go">moby
 *     tarexport/load.go</a>
 */
final class DockerManifestLoader {

  static final String MANIFEST = "manifest.json";
  // A config named by its digest must have that digest.
  private static final Pattern DIGEST_NAMED =
      Pattern.compile("(?:blobs/sha256/)?([0-9a-f]{64})(?:\\.json)?");

  private DockerManifestLoader() {}

  static List<ArchiveImage> load(ArchiveMembers members) throws IOException {
    List<ManifestEntry> entries;
    try {
      entries = ArchiveJson.readDockerManifest(members.bytes(MANIFEST, "image list"));
    } catch (IllegalArgumentException e) {
      throw new ArchiveException(MANIFEST + " " + e.getMessage(), e);
    }
    List<ArchiveImage> images = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      images.add(image(members, entries.get(i), i + 1));
    }
    return images;
  }

  private static ArchiveImage image(ArchiveMembers members, ManifestEntry entry, int number)
      throws IOException {
    String where = MANIFEST + " image " + number;
    List<ImageRef> tags = new ArrayList<>();
    for (String tag : entry.repoTags()) {
      tags.add(Images.tag(tag, where));
    }
    String name = tags.isEmpty() ? "image " + number : tags.get(0).toString();
    ImageConfigDocument config =
        Images.config(members.bytes(entry.config(), "config of " + name), entry.config());
    Matcher named = DIGEST_NAMED.matcher(entry.config());
    if (named.matches() && !named.group(1).equals(config.id().hex())) {
      throw new ArchiveException(
          "config " + entry.config() + " of " + name + " has digest " + config.id());
    }
    List<StoredBlob> layers = new ArrayList<>();
    for (int i = 0; i < entry.layers().size(); i++) {
      layers.add(members.blob(entry.layers().get(i), "layer " + (i + 1) + " of " + name));
    }
    return Images.image(config, tags, layers, parent(entry.parent(), where));
  }

  private static Digest parent(String parent, String where) throws ArchiveException {
    if (parent == null || parent.isEmpty()) {
      return null;
    }
    if (!Digest.isValid(parent)) {
      throw new ArchiveException(where + " has a bad Parent " + parent);
    }
    return Digest.parse(parent);
  }
}
