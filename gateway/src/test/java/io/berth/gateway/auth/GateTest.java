package io.berth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir Path dir;
  private TokensFile tokens;
  private InetAddress remote;

  @BeforeEach
  void tokens() throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(
        file,
        "root admin "
            + TokensFileTest.hash("admin-token")
            + "\nviewer reader "
            + TokensFileTest.hash("reader-token")
            + "\n");
    tokens = new TokensFile(file, new MutableClock());
    remote = InetAddress.getByName("192.0.2.7");
  }

  @Test
  void loopbackWithoutATokenIsAnonymousWithTheConfiguredRole() throws Exception {
    Gate admin = new Gate(Role.ADMIN, tokens);
    assertThat(admin.decide(LOOPBACK, null, "POST", "/v1.44/containers/create"))
        .isEqualTo(Decision.allow("anonymous"));
    assertThat(
            admin.decide(InetAddress.getByName("::1"), null, "DELETE", "/containers/x").allowed())
        .isTrue();

    Gate reader = new Gate(Role.READER, tokens);
    assertThat(reader.decide(LOOPBACK, null, "GET", "/v1.44/containers/json").allowed()).isTrue();
    Decision post = reader.decide(LOOPBACK, null, "POST", "/v1.44/containers/create");
    assertThat(post.status()).isEqualTo(403);
    assertThat(post.principal()).isEqualTo("anonymous");

    Decision none = new Gate(null, tokens).decide(LOOPBACK, null, "GET", "/containers/json");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.message())
        .startsWith("authentication required: anonymous requests are disabled");
  }

  @Test
  void anyOtherAddressNeedsAToken() {
    Decision decision = new Gate(Role.ADMIN, tokens).decide(remote, null, "GET", "/v1.44/info");
    assertThat(decision.status()).isEqualTo(401);
    assertThat(decision.principal()).isEqualTo("anonymous");
    assertThat(decision.message())
        .startsWith("authentication required: Berth accepts requests without a token only from")
        .contains("Authorization: Bearer <token>");
  }

  @Test
  void aReaderReadsAndAnAdminDoesEverything() {
    Gate gate = new Gate(null, tokens);
    String reader = "Bearer reader-token";
    assertThat(gate.decide(remote, reader, "GET", "/v1.44/containers/json"))
        .isEqualTo(Decision.allow("viewer"));
    assertThat(gate.decide(remote, reader, "HEAD", "/v1.44/_ping").allowed()).isTrue();
    assertThat(gate.decide(remote, reader, "GET", "/berth/v1/audit").allowed()).isTrue();
    for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
      Decision refused = gate.decide(remote, reader, method, "/v1.44/containers/create");
      assertThat(refused.status()).as(method).isEqualTo(403);
      assertThat(refused.principal()).isEqualTo("viewer");
      assertThat(refused.message())
          .isEqualTo(
              "permission denied: 'viewer' has the reader role, which may only read; "
                  + method
                  + " /v1.44/containers/create needs the admin role");
    }
    String admin = "bearer  admin-token ";
    assertThat(gate.decide(remote, admin, "POST", "/v1.44/containers/create"))
        .isEqualTo(Decision.allow("root"));
    assertThat(gate.decide(remote, admin, "DELETE", "/v1.44/containers/x").allowed()).isTrue();
  }

  @Test
  void badCredentialsAreRefusedEvenFromLoopback() {
    Gate gate = new Gate(Role.ADMIN, tokens);
    Decision wrong = gate.decide(LOOPBACK, "Bearer not-a-token", "GET", "/v1.44/containers/json");
    assertThat(wrong)
        .isEqualTo(
            Decision.unauthorized(
                "unauthenticated", "the bearer token is not valid (unknown or revoked)"));
    Decision basic = gate.decide(remote, "Basic dXNlcjpwYXNz", "GET", "/v1.44/containers/json");
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.message()).contains("must be 'Bearer <token>'");
    assertThat(gate.decide(remote, "Bearer ", "GET", "/info").status()).isEqualTo(401);
  }

  @Test
  void pingAndHealthAreOpenToReadsOnly() {
    Gate gate = new Gate(null, tokens);
    assertThat(gate.decide(remote, null, "GET", "/_ping").allowed()).isTrue();
    assertThat(gate.decide(remote, null, "HEAD", "/v1.44/_ping").allowed()).isTrue();
    assertThat(gate.decide(remote, null, "GET", "/health").allowed()).isTrue();
    assertThat(gate.decide(remote, "Bearer wrong", "GET", "/_ping").principal())
        .isEqualTo("unauthenticated");
    assertThat(gate.decide(remote, null, "POST", "/_ping").status()).isEqualTo(401);
    assertThat(gate.decide(remote, null, "GET", "/_ping/../containers/json").status())
        .isEqualTo(401);
    assertThat(gate.decide(remote, null, "GET", "/healthy").status()).isEqualTo(401);
    assertThat(gate.decide(remote, null, "GET", "/health/liveness").allowed()).isTrue();
    assertThat(gate.decide(remote, null, "GET", "/health/../containers/json").status())
        .isEqualTo(401);
    assertThat(gate.decide(remote, null, "GET", "/_ping/").status()).isEqualTo(401);
  }

  @Test
  void anUnknownLoopbackRoleIsAConfigurationError() {
    assertThatThrownBy(() -> new Gate("owner", "", dir.toString()))
        .hasMessageContaining("anonymous-loopback-role must be admin, reader or none, was 'owner'");
    assertThat(
            new Gate("none", "", dir.toString())
                .decide(LOOPBACK, null, "GET", "/containers/json")
                .status())
        .isEqualTo(401);
  }
}
