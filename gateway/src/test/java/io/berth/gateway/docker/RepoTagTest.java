package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepoTagTest {

  @ParameterizedTest(name = "repo={0} tag={1} -> {2}")
  @CsvSource({
    "busybox, , busybox:latest",
    "busybox, 1.36, busybox:1.36",
    "busybox:1.36, , busybox:1.36",
    "busybox:1.36, 1.37, busybox:1.37",
    "docker.io/library/busybox, v1, busybox:v1",
    "registry.example:5000/team/app, 1.0, registry.example:5000/team/app:1.0",
    "registry.example:5000/team/app:2.0, , registry.example:5000/team/app:2.0",
  })
  void theTagParameterWinsAndLatestIsTheDefault(String repo, String tag, String expected) {
    assertThat(RepoTag.parse(repo, tag)).hasToString(expected);
  }

  @Test
  void malformedNamesAreRefusedInDockersWords() {
    assertThatThrownBy(() -> RepoTag.parse("Busybox", null))
        .isInstanceOf(DockerApiException.class)
        .hasMessageStartingWith("invalid reference format");
    assertThatThrownBy(() -> RepoTag.parse("busybox", "bad tag")).hasMessage("invalid tag format");
    assertThatThrownBy(() -> RepoTag.parse("busybox@sha256:" + "a".repeat(64), null))
        .hasMessage("cannot import digest reference");
    assertThatThrownBy(() -> RepoTag.parse("", null))
        .hasMessageStartingWith("invalid reference format");
  }
}
