package io.berth.gateway.auth;

import io.berth.gateway.audit.Caller;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides who sent a request and whether it may pass (docs/security.md). A request with an {@code
 * Authorization} header is its token's principal, or refused (401) if the token is unknown; one
 * without is {@code anonymous}, which only a loopback address may be, with the role of {@code
 * berth.gateway.auth.anonymous-loopback-role}. A {@code reader} may {@code GET} and {@code HEAD},
 * anything else needs {@code admin} (else 403). {@code /_ping} and {@code /health} are open to all.
 */
@Singleton
public final class Gate {

  /**
   * The paths open to all, matched exactly on the decoded path: a prefix would let {@code
   * /health/../containers/json} through to a router that resolves dot segments.
   */
  private static final Pattern OPEN =
      Pattern.compile("^(?:/v\\d+\\.\\d+)?/_ping$|^/health(?:/liveness|/readiness)?$");

  private static final String BEARER = "bearer ";

  private final Role anonymousLoopbackRole;
  private final TokensFile tokens;

  /**
   * @param anonymousLoopbackRole {@code admin}, {@code reader} or {@code none} ({@code
   *     berth.gateway.auth.anonymous-loopback-role})
   * @param tokensFile the tokens file ({@code berth.gateway.auth.tokens-file}); empty for {@code
   *     <data-dir>/gateway/tokens}
   * @param dataDir the platform's data directory ({@code berth.data-dir})
   */
  @Inject
  public Gate(
      @Value("${berth.gateway.auth.anonymous-loopback-role:admin}") String anonymousLoopbackRole,
      @Value("${berth.gateway.auth.tokens-file:}") String tokensFile,
      @Value("${berth.data-dir:/var/lib/berth}") String dataDir) {
    this(
        loopbackRole(anonymousLoopbackRole),
        new TokensFile(
            tokensFile == null || tokensFile.isBlank()
                ? Path.of(dataDir, "gateway", "tokens")
                : Path.of(tokensFile),
            Clock.systemUTC()));
  }

  Gate(@Nullable Role anonymousLoopbackRole, TokensFile tokens) {
    this.anonymousLoopbackRole = anonymousLoopbackRole;
    this.tokens = tokens;
  }

  /**
   * The decision on one request.
   *
   * @param remote the client's address, null if it is not an IP address
   * @param authorization the {@code Authorization} header, or null
   * @param method the HTTP method
   * @param path the path, without the query
   */
  public Decision decide(
      @Nullable InetAddress remote, @Nullable String authorization, String method, String path) {
    boolean read = method.equals("GET") || method.equals("HEAD");
    boolean open = read && OPEN.matcher(path).matches();
    if (authorization != null) {
      return withToken(authorization, method, path, open);
    }
    boolean loopback = remote != null && remote.isLoopbackAddress();
    if (open) {
      return Decision.allow(Caller.ANONYMOUS);
    }
    if (!loopback) {
      return Decision.unauthorized(
          Caller.ANONYMOUS,
          "Berth accepts requests without a token only from loopback; send 'Authorization: Bearer"
              + " <token>' (for the docker CLI, \"HttpHeaders\" in config.json; see"
              + " docs/security.md)");
    }
    if (anonymousLoopbackRole == null) {
      return Decision.unauthorized(
          Caller.ANONYMOUS,
          "anonymous requests are disabled (berth.gateway.auth.anonymous-loopback-role is none);"
              + " send 'Authorization: Bearer <token>'");
    }
    return byRole(Caller.ANONYMOUS, anonymousLoopbackRole, method, path);
  }

  private Decision withToken(String authorization, String method, String path, boolean open) {
    String value = authorization.strip();
    if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)
        || value.substring(BEARER.length()).isBlank()) {
      return open
          ? Decision.allow(Decision.UNAUTHENTICATED)
          : Decision.unauthorized(
              Decision.UNAUTHENTICATED, "the Authorization header must be 'Bearer <token>'");
    }
    Optional<TokenGrant> grant = tokens.match(value.substring(BEARER.length()).strip());
    if (grant.isEmpty()) {
      return open
          ? Decision.allow(Decision.UNAUTHENTICATED)
          : Decision.unauthorized(
              Decision.UNAUTHENTICATED, "the bearer token is not valid (unknown or revoked)");
    }
    return byRole(grant.get().principal(), grant.get().role(), method, path);
  }

  private static Decision byRole(String principal, Role role, String method, String path) {
    if (role.permits(method)) {
      return Decision.allow(principal);
    }
    return Decision.forbidden(
        principal,
        "'"
            + principal
            + "' has the "
            + role.label()
            + " role, which may only read; "
            + method
            + " "
            + path
            + " needs the admin role");
  }

  @Nullable
  private static Role loopbackRole(String name) {
    if (name != null && name.trim().equalsIgnoreCase("none")) {
      return null;
    }
    try {
      return Role.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "berth.gateway.auth.anonymous-loopback-role must be admin, reader or none, was '"
              + name
              + "'",
          e);
    }
  }
}
