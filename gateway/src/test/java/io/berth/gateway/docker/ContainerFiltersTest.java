package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.query.ContainerSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerFiltersTest {

  private static final Instant T0 = Instant.parse("2024-05-06T10:00:00Z");

  private static ContainerSummary container(
      char id, String name, int minute, String state, Integer exitCode, String image) {
    boolean ran = !state.equals("created");
    return new ContainerSummary(
        String.valueOf(id).repeat(64),
        name,
        image,
        "sha256:" + (image.startsWith("alpine") ? "2" : "1").repeat(64),
        "sh",
        T0.plusSeconds(60L * minute),
        state,
        name.equals("web") ? Map.of("team", "core", "tier", "front") : Map.of(),
        exitCode,
        ran ? T0.plusSeconds(60L * minute + 1) : null,
        state.equals("exited") ? T0.plusSeconds(60L * minute + 2) : null);
  }

  private static final List<ContainerSummary> ALL =
      List.of(
          container('a', "web", 1, "running", null, "busybox"),
          container('b', "db", 2, "exited", 0, "busybox:latest"),
          container('c', "cache", 3, "exited", 137, "alpine:3.19"),
          container('d', "fresh", 4, "created", null, "busybox"),
          container('e', "frozen", 5, "paused", null, "alpine:3.19"));

  private static List<String> names(FilterArgs filters, boolean all, int limit) {
    return ContainerFilters.select(ALL, filters, all, limit).stream()
        .map(ContainerSummary::name)
        .toList();
  }

  @Test
  void withoutAllOnlyRunningAndPausedOnesAreListedNewestFirst() {
    assertThat(names(FilterArgs.NONE, false, -1)).containsExactly("frozen", "web");
  }

  @Test
  void allListsEveryContainerNewestFirstAndALimitCutsItAndImpliesAll() {
    assertThat(names(FilterArgs.NONE, true, -1))
        .containsExactly("frozen", "fresh", "cache", "db", "web");
    assertThat(names(FilterArgs.NONE, false, 2)).containsExactly("frozen", "fresh");
  }

  @Test
  void aStatusFilterListsThatStateWithoutAll() {
    assertThat(names(FilterArgs.of("status", "exited"), false, -1)).containsExactly("cache", "db");
    assertThat(names(FilterArgs.of("status", "created", "status", "paused"), false, -1))
        .containsExactly("frozen", "fresh");
  }

  @Test
  void anUnknownStatusIsAnInvalidFilter() {
    assertThatThrownBy(() -> names(FilterArgs.of("status", "sleeping"), true, -1))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("invalid filter 'status=sleeping'");
  }

  @Test
  void exitedMatchesTheExitCodeOfContainersThatRanAndStopped() {
    assertThat(names(FilterArgs.of("exited", "0"), true, -1)).containsExactly("db");
    assertThat(names(FilterArgs.of("exited", "137"), true, -1)).containsExactly("cache");
    assertThatThrownBy(() -> names(FilterArgs.of("exited", "x"), true, -1))
        .isInstanceOf(DockerApiException.class);
  }

  @Test
  void nameAndIdAreSearchedForAsRegularExpressions() {
    assertThat(names(FilterArgs.of("name", "e"), true, -1))
        .containsExactly("frozen", "fresh", "cache", "web");
    assertThat(names(FilterArgs.of("name", "^/we"), true, -1)).containsExactly("web");
    assertThat(names(FilterArgs.of("name", "/db"), true, -1)).containsExactly("db");
    assertThat(names(FilterArgs.of("id", "ccc"), true, -1)).containsExactly("cache");
  }

  @Test
  void labelsMatchByKeyOrKeyAndValue() {
    assertThat(names(FilterArgs.of("label", "team"), true, -1)).containsExactly("web");
    assertThat(names(FilterArgs.of("label", "team=core"), true, -1)).containsExactly("web");
    assertThat(names(FilterArgs.of("label", "team=other"), true, -1)).isEmpty();
  }

  @Test
  void anAncestorMatchesTheReferenceNormalisedOrTheImageId() {
    assertThat(names(FilterArgs.of("ancestor", "busybox"), true, -1))
        .containsExactly("fresh", "db", "web");
    assertThat(names(FilterArgs.of("ancestor", "alpine:3.19"), true, -1))
        .containsExactly("frozen", "cache");
    assertThat(names(FilterArgs.of("ancestor", "2222"), true, -1))
        .containsExactly("frozen", "cache");
    assertThat(names(FilterArgs.of("ancestor", "sha256:" + "1".repeat(64)), true, -1))
        .containsExactly("fresh", "db", "web");
  }

  @Test
  void beforeAndSinceCountFromTheNamedContainer() {
    assertThat(names(FilterArgs.of("before", "cache"), true, -1)).containsExactly("db", "web");
    assertThat(names(FilterArgs.of("since", "cache"), true, -1)).containsExactly("frozen", "fresh");
    assertThat(names(FilterArgs.of("since", "bbbb"), true, -1))
        .containsExactly("frozen", "fresh", "cache");
  }

  @Test
  void beforeAnUnknownContainerIsNotFound() {
    assertThatThrownBy(() -> names(FilterArgs.of("before", "nope"), true, -1))
        .isInstanceOfSatisfying(
            DockerApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(404))
        .hasMessage("No such container: nope");
  }

  @Test
  void anUnknownFilterIsRefused() {
    assertThatThrownBy(() -> names(FilterArgs.of("colour", "red"), true, -1))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("invalid filter 'colour'");
  }
}
