package io.berth.gateway.docker;

import static io.berth.gateway.docker.Images.child;
import static io.berth.gateway.docker.Images.day;
import static io.berth.gateway.docker.Images.id;
import static io.berth.gateway.docker.Images.image;
import static io.berth.gateway.docker.Images.labelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.query.ImageSummary;
import io.berth.gateway.docker.ImageFilters.Listed;
import io.berth.gateway.docker.ImageFilters.PruneOptions;
import io.micronaut.http.HttpStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageFiltersTest {

  private static final Instant NOW = Instant.parse("2024-06-30T12:00:00Z");

  /** a: busybox (base), b: untagged child of a (intermediate), c: app on b, d: dangling. */
  private static final List<ImageSummary> IMAGES =
      List.of(
          image('a', 1, "busybox:latest", "busybox:1.36"),
          child('b', 'a', 2),
          child('c', 'b', 3, "registry.example:5000/team/app:1.0"),
          image('d', 4));

  private static List<String> ids(List<Listed> listed) {
    return listed.stream().map(l -> l.image().imageId()).toList();
  }

  private static List<Listed> list(String filters, boolean all) {
    return ImageFilters.list(IMAGES, FilterArgs.parse(filters), all, NOW, ZoneOffset.UTC);
  }

  @Test
  void newestFirstWithoutIntermediateImages() {
    assertThat(ids(list(null, false))).containsExactly(id('d'), id('c'), id('a'));
  }

  @Test
  void allShowsIntermediateImagesToo() {
    assertThat(ids(list(null, true))).containsExactly(id('d'), id('c'), id('b'), id('a'));
  }

  @Test
  void danglingTrueShowsUntaggedImagesWithoutChildren() {
    assertThat(ids(list("{\"dangling\":{\"true\":true}}", false))).containsExactly(id('d'));
    assertThat(ids(list("{\"dangling\":[\"true\"]}", true))).containsExactly(id('d'));
  }

  @Test
  void danglingFalseHidesUntaggedImages() {
    assertThat(ids(list("{\"dangling\":{\"false\":true}}", true)))
        .containsExactly(id('c'), id('a'));
  }

  @Test
  void referenceMatchesFamiliarAndFullNamesAndShowsOnlyTheMatchingTags() {
    List<Listed> byName = list("{\"reference\":{\"busybox\":true}}", false);
    assertThat(ids(byName)).containsExactly(id('a'));
    assertThat(byName.get(0).repoTags()).containsExactly("busybox:latest", "busybox:1.36");

    List<Listed> byTag = list("{\"reference\":{\"busybox:1.*\":true}}", false);
    assertThat(byTag.get(0).repoTags()).containsExactly("busybox:1.36");

    assertThat(ids(list("{\"reference\":[\"docker.io/library/busybox:latest\"]}", false)))
        .containsExactly(id('a'));
    assertThat(ids(list("{\"reference\":[\"registry.example:5000/team/*\"]}", false)))
        .containsExactly(id('c'));
    assertThat(ids(list("{\"reference\":[\"*/app:*\"]}", false))).isEmpty();
    assertThat(ids(list("{\"reference\":[\"nothing\"]}", true))).isEmpty();
  }

  @Test
  void beforeAndSinceNameAnImageByTagOrId() {
    assertThat(ids(list("{\"before\":[\"registry.example:5000/team/app:1.0\"]}", true)))
        .containsExactly(id('b'), id('a'));
    assertThat(ids(list("{\"since\":[\"busybox\"]}", false))).containsExactly(id('d'), id('c'));
    assertThat(ids(list("{\"since\":[\"bbbbbbbb\"]}", false))).containsExactly(id('d'), id('c'));
    assertThat(ids(list("{\"since\":[\"" + id('c') + "\"]}", false))).containsExactly(id('d'));
  }

  @Test
  void beforeAnUnknownImageIsNotFound() {
    assertThatThrownBy(() -> list("{\"before\":[\"nothing:1\"]}", false))
        .isInstanceOfSatisfying(
            DockerApiException.class,
            e -> assertThat(e.status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()))
        .hasMessage("No such image: nothing:1");
  }

  @Test
  void untilTakesATimeOrADuration() {
    assertThat(ids(list("{\"until\":[\"2024-06-02T12:00:00Z\"]}", true))).containsExactly(id('a'));
    assertThat(
            ids(
                list(
                    "{\"until\":[\""
                        + (NOW.getEpochSecond() - day(3).getEpochSecond() + 1)
                        + "s\"]}",
                    true)))
        .containsExactly(id('b'), id('a'));
    assertThatThrownBy(() -> list("{\"until\":[\"soon\"]}", false))
        .hasMessageStartingWith("invalid value for 'until' filter: ");
  }

  @Test
  void labelFiltersByKeyOrKeyAndValue() {
    List<ImageSummary> images =
        List.of(
            labelled('a', 1, Map.of("team", "core"), "a:1"),
            labelled('b', 2, Map.of("team", "edge"), "b:1"),
            image('c', 3, "c:1"));

    assertThat(
            ids(
                ImageFilters.list(
                    images, FilterArgs.of("label", "team"), false, NOW, ZoneOffset.UTC)))
        .containsExactly(id('b'), id('a'));
    assertThat(
            ids(
                ImageFilters.list(
                    images, FilterArgs.of("label", "team=core"), false, NOW, ZoneOffset.UTC)))
        .containsExactly(id('a'));
  }

  @Test
  void anUnknownFilterIsRefused() {
    assertThatThrownBy(() -> list("{\"colour\":[\"red\"]}", false))
        .hasMessage("invalid filter 'colour'");
  }

  @Test
  void pruneRemovesDanglingImagesUnlessDanglingIsFalse() {
    PruneOptions dangling = ImageFilters.prune(FilterArgs.NONE, NOW, ZoneOffset.UTC);
    PruneOptions all =
        ImageFilters.prune(
            FilterArgs.parse("{\"dangling\":{\"false\":true}}"), NOW, ZoneOffset.UTC);

    assertThat(dangling.all()).isFalse();
    assertThat(all.all()).isTrue();
  }

  @Test
  void pruneReadsLabelsNotLabelsAndUntil() {
    PruneOptions options =
        ImageFilters.prune(
            FilterArgs.parse(
                "{\"label\":{\"keep=no\":true},\"label!\":{\"pinned\":true},\"until\":{\"24h\":true}}"),
            NOW,
            ZoneOffset.UTC);

    assertThat(options.labels()).containsExactly("keep=no");
    assertThat(options.notLabels()).containsExactly("pinned");
    assertThat(options.until()).isEqualTo(Instant.parse("2024-06-29T12:00:00Z"));
  }

  @Test
  void pruneRefusesTwoUntilsAndListOnlyFilters() {
    assertThatThrownBy(
            () ->
                ImageFilters.prune(
                    FilterArgs.of("until", "1h", "until", "2h"), NOW, ZoneOffset.UTC))
        .hasMessage("more than one until filter specified");
    assertThatThrownBy(
            () -> ImageFilters.prune(FilterArgs.of("reference", "busybox"), NOW, ZoneOffset.UTC))
        .hasMessage("invalid filter 'reference'");
  }
}
