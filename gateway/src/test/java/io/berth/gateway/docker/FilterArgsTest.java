package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpStatus;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterArgsTest {

  @Test
  void readsTheMapFormTheDockerCliSends() {
    FilterArgs filters =
        FilterArgs.parse("{\"dangling\":{\"true\":true},\"label\":{\"a=b\":true}}");

    assertThat(filters.get("dangling")).containsExactly("true");
    assertThat(filters.get("label")).containsExactly("a=b");
  }

  @Test
  void readsTheListFormOlderClientsSend() {
    FilterArgs filters = FilterArgs.parse("{\"reference\":[\"busybox\",\"alpine:*\"]}");

    assertThat(filters.get("reference")).containsExactly("busybox", "alpine:*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "{}", "null"})
  void emptyMeansNoFilters(String json) {
    assertThat(FilterArgs.parse(json).fields()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"nope", "[]", "\"x\"", "{\"a\":\"b\"}", "{\"a\":[1]}", "{\"a\":{},\"b\":[]}"})
  void refusesWhatIsNeitherForm(String json) {
    assertThatThrownBy(() -> FilterArgs.parse(json))
        .isInstanceOfSatisfying(
            DockerApiException.class,
            e -> assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode()))
        .hasMessage("invalid filter");
  }

  @Test
  void anUnknownKeyIsRefusedWithDockersWording() {
    FilterArgs filters = FilterArgs.parse("{\"colour\":[\"red\"]}");

    assertThatThrownBy(() -> filters.validate(Set.of("label")))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("invalid filter 'colour'");
  }

  @Test
  void aBooleanFilterTakesTrueFalseOneOrZero() {
    assertThat(FilterArgs.of("dangling", "true").bool("dangling", false)).isTrue();
    assertThat(FilterArgs.of("dangling", "1").bool("dangling", false)).isTrue();
    assertThat(FilterArgs.of("dangling", "false").bool("dangling", true)).isFalse();
    assertThat(FilterArgs.of("dangling", "0").bool("dangling", true)).isFalse();
    assertThat(FilterArgs.NONE.bool("dangling", true)).isTrue();
  }

  @Test
  void aBooleanFilterWithAnotherValueIsRefused() {
    assertThatThrownBy(() -> FilterArgs.of("dangling", "maybe").bool("dangling", false))
        .hasMessage("invalid filter 'dangling=[maybe]'");
    assertThatThrownBy(
            () -> FilterArgs.of("dangling", "true", "dangling", "false").bool("dangling", false))
        .hasMessage("invalid filter 'dangling=[true false]'");
  }

  @Test
  void labelsMatchByKeyOrKeyAndValue() {
    Map<String, String> labels = Map.of("team", "core", "tier", "web");

    assertThat(FilterArgs.of("label", "team").matchLabels("label", labels)).isTrue();
    assertThat(FilterArgs.of("label", "team=core").matchLabels("label", labels)).isTrue();
    assertThat(FilterArgs.of("label", "team=edge").matchLabels("label", labels)).isFalse();
    assertThat(FilterArgs.of("label", "team", "label", "owner").matchLabels("label", labels))
        .isFalse();
    assertThat(FilterArgs.of("label", "team").matchLabels("label", Map.of())).isFalse();
    assertThat(FilterArgs.NONE.matchLabels("label", Map.of())).isTrue();
  }
}
