package io.berth.image.config;

import io.berth.events.image.ImageConfig;
import io.berth.image.config.json.ImageConfigParser;
import io.berth.image.config.json.ImageConfigTemplate;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An image config exactly as it was stored: its bytes (whose sha256 is the image id, as Docker
 * computes it) and typed views of the fields Berth uses. Unknown fields stay in the bytes; a loaded
 * config is never serialised again, so its id never changes.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md">OCI image
 *     config</a>
 * @see <a href="https://github.com/moby/docker-image-spec/blob/v1.2.0/spec.md">Docker image spec
 *     v1.2</a>
 */
public final class ImageConfigDocument {

  private final byte[] bytes;
  private final Digest id;
  private final ImageConfigTemplate fields;

  private ImageConfigDocument(byte[] bytes, ImageConfigTemplate fields) {
    this.bytes = bytes;
    this.id = Digest.of(bytes);
    this.fields = fields;
  }

  /**
   * Reads config bytes, keeping them as they are.
   *
   * @throws IllegalArgumentException naming the problem when the bytes are not valid JSON, not an
   *     object, have no {@code rootfs}, or have a field of the wrong type
   */
  public static ImageConfigDocument parse(byte[] bytes) {
    byte[] copy = bytes.clone();
    return new ImageConfigDocument(copy, ImageConfigParser.parse(copy));
  }

  /** The image id: the sha256 digest of the bytes. */
  public Digest id() {
    return id;
  }

  /** A copy of the exact bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int size() {
    return bytes.length;
  }

  /** The bytes as a stream, without copying them. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** The layers' diff ids ({@code rootfs.diff_ids}), bottom first. */
  public List<Digest> diffIds() {
    return fields.diffIds();
  }

  /** The layers' chain ids, bottom first. */
  public List<Digest> chainIds() {
    return ChainIds.of(fields.diffIds());
  }

  /** The history, oldest first; empty when the config has none. */
  public List<History> history() {
    return fields.history();
  }

  /** When the image was created, or null when the config does not say. */
  public Instant created() {
    return fields.created();
  }

  /** The runtime config; empty when the config has none. */
  public RunConfig runConfig() {
    return fields.config() == null ? RunConfig.empty() : fields.config();
  }

  /** The runtime config in the event schema's shape. */
  public ImageConfig config() {
    return runConfig().toImageConfig();
  }

  /** The labels; empty when there are none. */
  public Map<String, String> labels() {
    Map<String, String> labels = runConfig().labels();
    return labels == null ? Map.of() : labels;
  }

  /** The platform; a missing os or architecture reads as this machine's, as Docker does. */
  public Platform platform() {
    Platform host = Platform.host();
    return new Platform(
        orDefault(fields.os(), host.os()),
        orDefault(fields.architecture(), host.architecture()),
        fields.variant());
  }

  /** The operating system as written, or null. */
  public String os() {
    return fields.os();
  }

  /** The architecture as written, or null. */
  public String architecture() {
    return fields.architecture();
  }

  /** The comment, like the message of {@code docker import} or {@code commit}, or null. */
  public String comment() {
    return fields.comment();
  }

  /** The author, or null. */
  public String author() {
    return fields.author();
  }

  /** The version of the engine that wrote the config, or null. */
  public String dockerVersion() {
    return fields.dockerVersion();
  }

  /** The id of the committed container the image came from, or null. */
  public String container() {
    return fields.container();
  }

  /**
   * The {@code parent} field that configs of Docker before 1.10 carry, as a digest, or null. Newer
   * engines keep the parent outside the config (in {@code manifest.json} of an archive).
   */
  public Digest parent() {
    String parent = fields.parent();
    if (parent == null || parent.isEmpty()) {
      return null;
    }
    String value = parent.startsWith("sha256:") ? parent : "sha256:" + parent;
    return Digest.isValid(value) ? Digest.parse(value) : null;
  }

  /** The parsed fields, for code that derives a new config from this one. */
  ImageConfigTemplate fields() {
    return fields;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageConfigDocument document && document.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "ImageConfigDocument[" + id + "]";
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
