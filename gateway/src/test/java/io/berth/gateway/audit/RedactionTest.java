package io.berth.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RedactionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void hidesEnvValuesBuildArgsAndCredentialsButKeepsTheirNames() throws Exception {
    String redacted =
        Redaction.redact(
                JSON.readTree(
                    "{\"config\":{\"env\":[\"SECRET=x\",\"PATH=/bin\",\"BARE\"]},"
                        + "\"buildArgs\":{\"TOKEN\":\"t0k\"},\"registryAuth\":\"eyJ1\","
                        + "\"password\":\"hunter2\",\"author\":\"Ann\"}"))
            .toString();

    assertThat(redacted)
        .contains("\"SECRET=<redacted>\"", "\"PATH=<redacted>\"", "\"BARE\"")
        .contains("\"TOKEN\":\"<redacted>\"", "\"registryAuth\":\"<redacted>\"")
        .contains("\"password\":\"<redacted>\"", "\"author\":\"Ann\"")
        .doesNotContain("x\"", "t0k", "eyJ1", "hunter2");
  }
}
