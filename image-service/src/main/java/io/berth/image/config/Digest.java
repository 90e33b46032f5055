package io.berth.image.config;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A {@code sha256:} content digest, as the OCI image spec writes it.
 *
 * @param value {@code sha256:} followed by 64 lower-case hex digits
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests">OCI
 *     digests</a>
 */
public record Digest(String value) implements Comparable<Digest> {

  private static final String PREFIX = "sha256:";
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  public Digest {
    if (value == null || !SHA256.matcher(value).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + value);
    }
  }

  /**
   * Parses {@code sha256:<64 hex>}.
   *
   * @throws IllegalArgumentException when the text is not such a digest
   */
  public static Digest parse(String text) {
    return new Digest(text);
  }

  /** Whether a text parses as a digest. */
  public static boolean isValid(String text) {
    return text != null && SHA256.matcher(text).matches();
  }

  /** The digest of 64 hex digits given without their {@code sha256:} prefix. */
  public static Digest ofHex(String hex) {
    return new Digest(PREFIX + hex);
  }

  /** The sha256 digest of some bytes. */
  public static Digest of(byte[] bytes) {
    MessageDigest sha = newSha256();
    return fromHash(sha.digest(bytes));
  }

  /** The sha256 digest of a stream's remaining bytes; reads it to its end, does not close it. */
  public static Digest of(InputStream in) throws IOException {
    MessageDigest sha = newSha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) != -1; ) {
      sha.update(buffer, 0, n);
    }
    return fromHash(sha.digest());
  }

  /** The digest of a finished sha256 hash. */
  public static Digest fromHash(byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a sha256 hash has 32 bytes, not " + sha256.length);
    }
    return ofHex(HexFormat.of().formatHex(sha256));
  }

  /** A fresh sha256 {@link MessageDigest}, for callers that hash while they copy. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The 64 hex digits, without the algorithm. */
  public String hex() {
    return value.substring(PREFIX.length());
  }

  /** The first 12 hex digits, as {@code docker images} shows an image id. */
  public String shortId() {
    return value.substring(PREFIX.length(), PREFIX.length() + 12);
  }

  @Override
  public int compareTo(Digest other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
