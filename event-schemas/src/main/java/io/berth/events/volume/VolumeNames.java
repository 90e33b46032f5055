package io.berth.events.volume;

import java.util.regex.Pattern;

/** Volume names as Docker's local driver accepts them. */
public final class VolumeNames {

  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  private VolumeNames() {}

  /** Whether {@code name} is a valid local volume name ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}). */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /**
   * Checks a name.
   *
   * @throws IllegalArgumentException in Docker's words when it is not valid
   */
  public static String require(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException(
          "create "
              + name
              + ": \""
              + name
              + "\" includes invalid characters for a local volume name, only"
              + " \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host"
              + " directory, use absolute path");
    }
    return name;
  }
}
