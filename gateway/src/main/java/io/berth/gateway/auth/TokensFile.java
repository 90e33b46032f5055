package io.berth.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens file: one {@code <principal> <reader|admin> <sha256 of the token>} per line, {@code #}
 * comments and blank lines ignored. It is read at start and again when its modification time or
 * size changes, checked at most once per {@link #RECHECK}; a bad line is logged and skipped, a
 * missing or unreadable file grants nothing. Thread-safe.
 */
final class TokensFile {

  /** How often the file's modification time and size are looked at. */
  static final Duration RECHECK = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(TokensFile.class);

  private final Path path;
  private final Clock clock;
  private Instant checkedAt;
  private String version;
  private List<TokenGrant> grants = List.of();

  TokensFile(Path path, Clock clock) {
    this.path = Objects.requireNonNull(path, "path");
    this.clock = Objects.requireNonNull(clock, "clock");
    reloadIfChanged();
  }

  /** Where the file is. */
  Path path() {
    return path;
  }

  /**
   * The grant whose hash is the SHA-256 of {@code token}. Every grant is compared, each in constant
   * time, so the answer's timing does not tell how much of a hash matched.
   */
  Optional<TokenGrant> match(String token) {
    byte[] digest = sha256(token);
    TokenGrant found = null;
    for (TokenGrant grant : current()) {
      if (MessageDigest.isEqual(digest, grant.digest()) && found == null) {
        found = grant;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The grants now in force, re-reading the file first if it changed. */
  synchronized List<TokenGrant> current() {
    Instant now = clock.instant();
    if (checkedAt == null || !now.isBefore(checkedAt.plus(RECHECK))) {
      reloadIfChanged();
    }
    return grants;
  }

  private synchronized void reloadIfChanged() {
    checkedAt = clock.instant();
    String seen;
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      seen = attributes.lastModifiedTime() + "/" + attributes.size() + "/" + attributes.fileKey();
    } catch (NoSuchFileException e) {
      seen = "missing";
    } catch (IOException e) {
      seen = "unreadable: " + e;
    }
    if (seen.equals(version)) {
      return;
    }
    version = seen;
    grants = read();
  }

  private List<TokenGrant> read() {
    try {
      List<TokenGrant> read = parse(Files.readAllLines(path, StandardCharsets.UTF_8), path);
      LOG.info("{} token(s) in {}", read.size(), path);
      return read;
    } catch (NoSuchFileException e) {
      LOG.info("no tokens file at {}: only loopback requests are accepted", path);
    } catch (IOException e) {
      LOG.error("cannot read the tokens file {}: no token is accepted", path, e);
    }
    return List.of();
  }

  /** The grants of {@code lines}; a bad line is logged (with its number) and skipped. */
  static List<TokenGrant> parse(List<String> lines, Path source) {
    List<TokenGrant> grants = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        grants.add(parseLine(line));
      } catch (IllegalArgumentException e) {
        LOG.warn("{} line {} ignored: {}", source, i + 1, e.getMessage());
      }
    }
    return List.copyOf(grants);
  }

  /** One {@code <principal> <role> <sha256>} line. */
  static TokenGrant parseLine(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields.length != 3) {
      throw new IllegalArgumentException(
          "expected '<principal> <reader|admin> <sha256 of the token>', found "
              + fields.length
              + " field(s)");
    }
    return new TokenGrant(fields[0], Role.parse(fields[1]), fields[2]);
  }

  /** The SHA-256 of a token's UTF-8 bytes. */
  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
