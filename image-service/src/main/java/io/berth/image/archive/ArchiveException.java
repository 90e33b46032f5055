package io.berth.image.archive;

import java.io.IOException;

/**
 * An image archive is malformed: not a tar, a member missing, broken JSON, or layers that do not
 * match their image's config. The message names the member or image at fault.
 */
public class ArchiveException extends IOException {

  public ArchiveException(String message) {
    super(message);
  }

  public ArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
