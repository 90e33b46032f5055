package io.berth.gateway.docker;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/** Query parameters read the way the Engine API reads them. */
public final class DockerParams {

  private DockerParams() {}

  /**
   * A boolean parameter: absent, empty, {@code 0}, {@code no}, {@code false} and {@code none} are
   * false, anything else is true (moby's {@code httputils.BoolValue}).
   */
  public static boolean bool(@Nullable String value) {
    if (value == null) {
      return false;
    }
    String s = value.trim().toLowerCase(Locale.ROOT);
    return !(s.isEmpty()
        || s.equals("0")
        || s.equals("no")
        || s.equals("false")
        || s.equals("none"));
  }

  /** A boolean parameter with a default for when it is absent ({@code BoolValueOrDefault}). */
  public static boolean bool(@Nullable String value, boolean absent) {
    return value == null ? absent : bool(value);
  }

  /** A text parameter, with an empty value read as absent. */
  @Nullable
  public static String text(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
