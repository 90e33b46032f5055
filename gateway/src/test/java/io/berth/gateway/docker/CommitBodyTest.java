package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommitBodyTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void noBodyOrNullAsTheDockerCliSendsIsNoChange() {
    assertThat(CommitBody.changes(null)).isEmpty();
    assertThat(CommitBody.changes(new byte[0])).isEmpty();
    assertThat(CommitBody.changes(bytes("null"))).isEmpty();
  }

  @Test
  void eachFieldGivenBecomesTheInstructionThatSetsItWithValuesQuotedLiterally() {
    String body =
        "{\"Cmd\":[\"cat\",\"/a b\"],\"Entrypoint\":[\"/init\"],\"Env\":[\"A=x $y \\\"q\\\"\"],"
            + "\"Labels\":{\"k\":\"v\"},\"ExposedPorts\":{\"80/tcp\":{}},\"WorkingDir\":\"/srv\","
            + "\"User\":\"nobody\",\"StopSignal\":\"SIGINT\",\"Hostname\":\"ignored\"}";

    assertThat(CommitBody.changes(bytes(body)))
        .containsExactly(
            "ENTRYPOINT [\"/init\"]",
            "CMD [\"cat\",\"/a b\"]",
            "ENV A=\"x \\$y \\\"q\\\"\"",
            "LABEL \"k\"=\"v\"",
            "EXPOSE 80/tcp",
            "WORKDIR /srv",
            "USER nobody",
            "STOPSIGNAL SIGINT");
  }

  @Test
  void aBodyThatIsNoObjectIsABadRequest() {
    assertThatThrownBy(() -> CommitBody.changes(bytes("[1]")))
        .isInstanceOf(DockerApiException.class)
        .hasMessageContaining("expected an object");
    assertThatThrownBy(() -> CommitBody.changes(bytes("{")))
        .isInstanceOf(DockerApiException.class)
        .hasMessageContaining("invalid JSON");
  }
}
