package io.berth.layer.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A {@code sha256:} content digest, the name of everything in the content store.
 *
 * @param value {@code sha256:} followed by 64 lower-case hex digits
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests">OCI
 *     digests</a>
 */
public record Digest(String value) {

  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

  public Digest {
    if (value == null || !SHA256.matcher(value).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + value);
    }
  }

  /** Parses {@code sha256:<hex>}. */
  public static Digest parse(String value) {
    return new Digest(value);
  }

  /** Whether {@code value} is a well-formed digest. */
  public static boolean isValid(String value) {
    return value != null && SHA256.matcher(value).matches();
  }

  /** The digest of a finished {@link MessageDigest}. */
  public static Digest of(MessageDigest finished) {
    return new Digest("sha256:" + HexFormat.of().formatHex(finished.digest()));
  }

  /** The digest of some bytes. */
  public static Digest of(byte[] bytes) {
    MessageDigest sha = sha256();
    sha.update(bytes);
    return of(sha);
  }

  /** A fresh SHA-256 hasher. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The 64 hex digits. */
  public String hex() {
    return value.substring("sha256:".length());
  }

  @Override
  public String toString() {
    return value;
  }
}
