package io.berth.image.archive.json;

import io.berth.image.config.json.GoJsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON members of a {@code docker save} archive as Docker 25+ does, with Go's encoding:
 * compact, struct field order, map keys sorted.
 *
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/image/tarexport/save.go">moby
 *     tarexport/save.go</a>
 */
public final class ArchiveJsonWriter {

  /** The {@code oci-layout} member, byte for byte as Docker writes it. */
  public static final byte[] OCI_LAYOUT =
      "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

  private ArchiveJsonWriter() {}

  /** {@code manifest.json}; Docker writes it with a {@code json.Encoder}, so a newline ends it. */
  public static byte[] dockerManifest(List<ManifestEntry> entries) {
    GoJsonWriter json = new GoJsonWriter().beginArray();
    for (ManifestEntry entry : entries) {
      json.beginObject().name("Config").value(entry.config());
      // A nil RepoTags slice marshals as null.
      json.name("RepoTags").strings(entry.repoTags().isEmpty() ? null : entry.repoTags());
      json.name("Layers").strings(entry.layers());
      if (entry.parent() != null) {
        json.name("Parent").value(entry.parent());
      }
      json.endObject();
    }
    return withNewline(json.endArray());
  }

  /** The legacy {@code repositories} member: repository, then tag, then top layer id. */
  public static byte[] repositories(Map<String, Map<String, String>> repositories) {
    GoJsonWriter json = new GoJsonWriter().beginObject();
    for (String repository : repositories.keySet().stream().sorted().toList()) {
      json.name(repository).map(repositories.get(repository));
    }
    return withNewline(json.endObject());
  }

  /** An OCI image manifest. */
  public static byte[] ociManifest(Descriptor config, List<Descriptor> layers) {
    GoJsonWriter json =
        new GoJsonWriter()
            .beginObject()
            .name("schemaVersion")
            .value(2)
            .name("mediaType")
            .value(MediaTypes.OCI_MANIFEST);
    descriptor(json.name("config"), config);
    json.name("layers").beginArray();
    layers.forEach(layer -> descriptor(json, layer));
    return json.endArray().endObject().toBytes();
  }

  /** The OCI {@code index.json}. */
  public static byte[] ociIndex(List<Descriptor> manifests) {
    GoJsonWriter json =
        new GoJsonWriter()
            .beginObject()
            .name("schemaVersion")
            .value(2)
            .name("mediaType")
            .value(MediaTypes.OCI_INDEX)
            .name("manifests")
            .beginArray();
    manifests.forEach(manifest -> descriptor(json, manifest));
    return json.endArray().endObject().toBytes();
  }

  private static void descriptor(GoJsonWriter json, Descriptor descriptor) {
    json.beginObject()
        .name("mediaType")
        .value(descriptor.mediaType())
        .name("digest")
        .value(descriptor.digest().value())
        .name("size")
        .value(descriptor.size());
    if (!descriptor.annotations().isEmpty()) {
      json.name("annotations").map(descriptor.annotations());
    }
    json.endObject();
  }

  private static byte[] withNewline(GoJsonWriter json) {
    return (json + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
