package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.container.ContainerExecCreateRequested;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small request parsers of the container endpoints: names, stop timeouts, exec configs. */
class ContainerRequestsTest {

  private static final String ID = "a".repeat(64);
  private static final String EXEC_ID = "b".repeat(64);

  @Test
  void aNameMayStartWithASlashWhichIsDropped() {
    assertThat(ContainerRefs.checkName("/web-1.a_b")).isEqualTo("web-1.a_b");
    assertThat(ContainerRefs.checkName("db")).isEqualTo("db");
  }

  @Test
  void anInvalidNameIsRefusedAsMobyRefusesIt() {
    assertThatThrownBy(() -> ContainerRefs.checkName("-web"))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("Invalid container name (-web), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    assertThatThrownBy(() -> ContainerRefs.checkName("a")).isInstanceOf(DockerApiException.class);
    assertThatThrownBy(() -> ContainerRefs.checkName("web/1"))
        .isInstanceOf(DockerApiException.class);
  }

  @Test
  void aStopTimeoutIsSecondsOrForeverOrTheDefault() {
    assertThat(ContainerLifecycleController.seconds(null)).isNull();
    assertThat(ContainerLifecycleController.seconds("")).isNull();
    assertThat(ContainerLifecycleController.seconds("3")).isEqualTo(3);
    assertThat(ContainerLifecycleController.seconds("-1")).isEqualTo(-1);
    assertThat(ContainerLifecycleController.seconds("-7")).isEqualTo(-1);
    assertThatThrownBy(() -> ContainerLifecycleController.seconds("soon"))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("strconv.Atoi: parsing \"soon\": invalid syntax");
  }

  @Test
  void anExecConfigIsReadIntoTheCommand() {
    byte[] body =
        """
        {"User":"nobody","Privileged":true,"Tty":true,"AttachStdin":true,"AttachStdout":true,
         "AttachStderr":false,"DetachKeys":"ctrl-p,ctrl-q","Env":["A=b"],"WorkingDir":"/tmp",
         "Cmd":["sh","-c","echo hi"]}
        """
            .getBytes(StandardCharsets.UTF_8);

    ContainerExecCreateRequested command =
        ExecController.ExecConfig.parse(body).command(ID, EXEC_ID);

    assertThat(command)
        .isEqualTo(
            new ContainerExecCreateRequested(
                ID,
                EXEC_ID,
                List.of("sh", "-c", "echo hi"),
                List.of("A=b"),
                "nobody",
                "/tmp",
                true,
                true,
                true,
                false,
                true));
  }

  @Test
  void anExecWithoutACommandIsRefused() {
    assertThatThrownBy(
            () -> ExecController.ExecConfig.parse("{\"Cmd\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("No exec command specified");
    assertThatThrownBy(() -> ExecController.ExecConfig.parse(null))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("No exec command specified");
  }
}
