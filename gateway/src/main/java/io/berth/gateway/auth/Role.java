package io.berth.gateway.auth;

import java.util.Locale;

/** What a principal may do: a {@code reader} only reads, an {@code admin} does everything. */
public enum Role {
  READER,
  ADMIN;

  /**
   * The role named {@code name} ({@code reader} or {@code admin}, any case).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Role parse(String name) {
    return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
      case "reader" -> READER;
      case "admin" -> ADMIN;
      default ->
          throw new IllegalArgumentException(
              "unknown role '" + name + "' (expected reader or admin)");
    };
  }

  /** Whether this role may send a request with {@code method}: readers only GET and HEAD. */
  public boolean permits(String method) {
    return this == ADMIN || method.equals("GET") || method.equals("HEAD");
  }

  /** The role's name as written in the tokens file. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
