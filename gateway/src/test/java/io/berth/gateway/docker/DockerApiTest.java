package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerApiTest {

  @Test
  void theVersionComesFromThePathOrIsBerthsOwn() {
    assertThat(DockerApi.versionOf("/v1.41/images/json")).isEqualTo("1.41");
    assertThat(DockerApi.versionOf("/images/json")).isEqualTo(DockerApi.VERSION);
    assertThat(DockerApi.before("1.41", "1.44")).isTrue();
    assertThat(DockerApi.before("1.44", "1.44")).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1, true",
    "true, true",
    "True, true",
    "yes, true",
    "0, false",
    "false, false",
    "no, false",
    "none, false",
    "'', false",
    "' ', false"
  })
  void queryBooleansReadAsMobyReadsThem(String value, boolean expected) {
    assertThat(DockerParams.bool(value)).isEqualTo(expected);
  }

  @Test
  void anAbsentBooleanTakesItsDefault() {
    assertThat(DockerParams.bool(null)).isFalse();
    assertThat(DockerParams.bool(null, true)).isTrue();
    assertThat(DockerParams.bool("0", true)).isFalse();
  }
}
