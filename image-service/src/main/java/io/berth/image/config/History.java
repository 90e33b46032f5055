package io.berth.image.config;

import java.time.Instant;

/**
 * One step of an image's history, as the image config's {@code history} array holds it.
 *
 * @param created when the step ran, or null
 * @param createdBy the command that made it, or null
 * @param author the author, or null
 * @param comment a comment, like the message of {@code docker import}, or null
 * @param emptyLayer whether the step made no layer (its diff id is not in {@code rootfs})
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#properties">OCI
 *     image config: history</a>
 */
public record History(
    Instant created, String createdBy, String author, String comment, boolean emptyLayer) {

  public History {
    createdBy = blankToNull(createdBy);
    author = blankToNull(author);
    comment = blankToNull(comment);
  }

  private static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
