package io.berth.gateway.auth;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of the tokens file: a principal, its role and the SHA-256 of its token (never the token
 * itself).
 *
 * @param principal the name the audit records, letters, digits and {@code . _ @ -}
 * @param role what the token may do
 * @param sha256 the token's SHA-256, 64 lower-case hex digits
 */
public record TokenGrant(String principal, Role role, String sha256) {

  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Principals the gateway gives to requests without a valid token; no token may claim them. */
  static final Set<String> RESERVED = Set.of("anonymous", "unauthenticated");

  public TokenGrant {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sha256, "sha256");
    if (!PRINCIPAL.matcher(principal).matches()) {
      throw new IllegalArgumentException(
          "bad principal '" + principal + "' (letters, digits and . _ @ -, at most 128)");
    }
    if (RESERVED.contains(principal)) {
      throw new IllegalArgumentException("the principal '" + principal + "' is reserved");
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "bad token hash for " + principal + " (expected 64 lower-case hex digits of SHA-256)");
    }
  }

  /** The hash as bytes, for a constant-time comparison. */
  byte[] digest() {
    return HexFormat.of().parseHex(sha256);
  }
}
