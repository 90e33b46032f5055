package io.berth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.audit.RequestAudited;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeniedRequestsTest {

  @Test
  void aRefusedMutationKeepsItsDockerActionStatusAndReason() {
    Decision decision =
        Decision.forbidden("viewer", "'viewer' has the reader role, which may only read");
    RequestAudited audited =
        DeniedRequests.record(
            decision,
            "192.0.2.7",
            "Docker-Client/28.1.1 (linux)",
            "POST",
            "/v1.44/containers/create",
            Map.of("name", List.of("web")));
    assertThat(audited.principal()).isEqualTo("viewer");
    assertThat(audited.remoteAddress()).isEqualTo("192.0.2.7");
    assertThat(audited.action()).isEqualTo("container.create");
    assertThat(audited.status()).isEqualTo(403);
    assertThat(audited.outcome()).startsWith("permission denied: 'viewer' has the reader role");
    assertThat(audited.correlationId()).isNull();
    assertThat(audited.parameters()).isEqualTo("{\"query\":{\"name\":\"web\"},\"commands\":[]}");
  }

  @Test
  void aRefusedReadIsAuditedAsARead() {
    RequestAudited audited =
        DeniedRequests.record(
            Decision.unauthorized("anonymous", "no token"),
            "192.0.2.7",
            null,
            "GET",
            "/v1.44/containers/json",
            Map.of());
    assertThat(audited.action()).isEqualTo("read");
    assertThat(audited.status()).isEqualTo(401);
    assertThat(audited.outcome()).isEqualTo("authentication required: no token");
    assertThat(DeniedRequests.actionOf("POST", "/berth/v1/audit/rebuild")).isEqualTo("request");
  }

  @Test
  void secretsInTheQueryAreRedacted() {
    RequestAudited audited =
        DeniedRequests.record(
            Decision.unauthorized("unauthenticated", "bad token"),
            "192.0.2.7",
            null,
            "POST",
            "/v1.44/build",
            Map.of(
                "buildargs", List.of("{\"PASSWORD\":\"hunter2\"}"),
                "registryAuth", List.of("c2VjcmV0"),
                "t", List.of("app:1")));
    assertThat(audited.action()).isEqualTo("image.build");
    assertThat(audited.parameters())
        .contains("\"t\":\"app:1\"")
        .doesNotContain("hunter2")
        .doesNotContain("c2VjcmV0");
  }
}
