package io.berth.layer.tar;

import java.io.IOException;

/**
 * A layer archive that was refused because extracting it could escape the target directory, or
 * exceeded a limit of {@link UnpackOptions}; the message names the offending entry.
 */
public final class UnsafeArchiveException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String entryName;

  UnsafeArchiveException(String entryName, String reason) {
    super("unsafe tar entry '" + entryName + "': " + reason);
    this.entryName = entryName;
  }

  /** The name of the refused entry as written in the archive. */
  public String entryName() {
    return entryName;
  }
}
