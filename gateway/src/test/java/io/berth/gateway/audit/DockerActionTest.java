package io.berth.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerActionTest {

  @Test
  void namesTheActionAndTheTargetOfMutations() {
    assertThat(DockerAction.of("POST", "/v1.47/containers/create"))
        .contains(new DockerAction("container.create", null));
    assertThat(DockerAction.of("POST", "/v1.47/containers/web/start"))
        .contains(new DockerAction("container.start", "web"));
    assertThat(DockerAction.of("DELETE", "/containers/web"))
        .contains(new DockerAction("container.remove", "web"));
    assertThat(DockerAction.of("POST", "/v1.47/images/app:1.0/tag"))
        .contains(new DockerAction("image.tag", "app:1.0"));
    assertThat(DockerAction.of("POST", "/v1.47/build"))
        .contains(new DockerAction("image.build", null));
    assertThat(DockerAction.of("POST", "/commit"))
        .contains(new DockerAction("container.commit", null));
    assertThat(DockerAction.of("POST", "/v1.47/exec/abc/start"))
        .contains(new DockerAction("exec.start", "abc"));
  }

  @Test
  void leavesReadsAndNonDockerPathsOut() {
    assertThat(DockerAction.of("GET", "/v1.47/containers/json")).isEmpty();
    assertThat(DockerAction.of("POST", "/v1.47/containers/web/wait")).isEmpty();
    assertThat(DockerAction.of("POST", "/v1.47/containers/web/attach")).isEmpty();
    assertThat(DockerAction.of("POST", "/v1.47/auth")).isEmpty();
    assertThat(DockerAction.of("POST", "/berth/v1/audit/rebuild")).isEmpty();
  }
}
