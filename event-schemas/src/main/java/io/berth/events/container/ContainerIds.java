package io.berth.events.container;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Container ids as Docker makes them: 64 lower-case hex digits, shown by their first 12. */
public final class ContainerIds {

  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ContainerIds() {}

  /** A fresh random id. */
  public static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether a string is a full container id. */
  public static boolean isId(String value) {
    return value != null && ID.matcher(value).matches();
  }

  /** Checks a full id, for records' compact constructors. */
  public static String requireId(String value) {
    if (!isId(value)) {
      throw new IllegalArgumentException("not a container id (64 hex digits): " + value);
    }
    return value;
  }

  /**
   * Checks a full exec id (Docker makes them like container ids), for records' compact
   * constructors.
   */
  public static String requireExecId(String value) {
    if (!isId(value)) {
      throw new IllegalArgumentException("not an exec id (64 hex digits): " + value);
    }
    return value;
  }

  /** The 12-digit short form Docker shows. */
  public static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
