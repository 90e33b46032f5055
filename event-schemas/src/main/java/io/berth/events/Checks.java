package io.berth.events;

import java.util.regex.Pattern;

/**
 * Value checks shared by the payload records' compact constructors; each failure is an {@link
 * IllegalArgumentException} naming the field, which the codec reports as a broken payload.
 */
public final class Checks {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private Checks() {}

  /** Whether a string is a {@code sha256:} digest of 64 lower-case hex digits (OCI image spec). */
  public static boolean isDigest(String value) {
    return value != null && DIGEST.matcher(value).matches();
  }

  /**
   * Checks a required digest.
   *
   * @param value the digest
   * @param name the field, for the message
   * @return the value
   * @throws IllegalArgumentException if it is absent or not a {@code sha256:} digest
   */
  public static String requireDigest(String value, String name) {
    if (!isDigest(value)) {
      throw new IllegalArgumentException(name + " must be a sha256 digest, was " + value);
    }
    return value;
  }

  /**
   * Checks an optional digest: absent, or a {@code sha256:} digest.
   *
   * @param value the digest or null
   * @param name the field, for the message
   * @return the value
   * @throws IllegalArgumentException if it is present but not a digest
   */
  public static String optionalDigest(String value, String name) {
    return value == null ? null : requireDigest(value, name);
  }

  /**
   * Checks required text.
   *
   * @param value the text
   * @param name the field, for the message
   * @return the value
   * @throws IllegalArgumentException if it is absent or blank
   */
  public static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Checks optional text: absent, or not blank.
   *
   * @param value the text or null
   * @param name the field, for the message
   * @return the value
   * @throws IllegalArgumentException if it is present but blank
   */
  public static String optionalText(String value, String name) {
    return value == null ? null : requireText(value, name);
  }

  /**
   * Checks a count, size or step number.
   *
   * @param value the number
   * @param name the field, for the message
   * @return the value
   * @throws IllegalArgumentException if it is negative
   */
  public static long requireNotNegative(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }
}
