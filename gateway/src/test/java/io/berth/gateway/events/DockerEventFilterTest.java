package io.berth.gateway.events;

import static io.berth.gateway.events.Events.ID;
import static io.berth.gateway.events.Events.created;
import static io.berth.gateway.events.Events.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.image.ImageTagged;
import io.berth.gateway.docker.FilterArgs;
import io.berth.gateway.events.json.DockerEventMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerEventFilterTest {

  private final Projection projection =
      Events.projection(created("web", Map.of("app", "web", "tier", "front")));
  private final DockerEventMessage die =
      DockerEvents.of(entry(1, new ContainerDied(ID, 0, false, Events.TIME, null)), projection)
          .get(0);
  private final DockerEventMessage tag =
      DockerEvents.of(
              entry(0, new ImageTagged(Events.image("app:1", Map.of()), "app:1", null)), projection)
          .get(0);

  @Test
  void matchesAContainerByIdNameOrAPrefixOfEither() {
    assertThat(includes("container", "web")).isTrue();
    assertThat(includes("container", "we")).isTrue();
    assertThat(includes("container", ID.substring(0, 12))).isTrue();
    assertThat(includes("container", "api")).isFalse();
    assertThat(filter("container", "web").includes(tag)).isFalse();
  }

  @Test
  void matchesEventsTypesAndScopeExactly() {
    assertThat(includes("event", "die")).isTrue();
    assertThat(includes("event", "di")).isFalse();
    assertThat(includes("type", "container")).isTrue();
    assertThat(includes("type", "image")).isFalse();
    assertThat(includes("scope", "local")).isTrue();
    assertThat(includes("scope", "swarm")).isFalse();
  }

  @Test
  void execEventsMatchTheirBareNameAsAPrefix() {
    DockerEventMessage exec =
        DockerEvents.of(
                entry(2, new ContainerExecCreated(ID, "e".repeat(64), List.of("ls"))), projection)
            .get(0);

    assertThat(filter("event", "exec_create").includes(exec)).isTrue();
    assertThat(filter("event", "exec_start").includes(exec)).isFalse();
  }

  @Test
  void matchesImagesByIdNameOrRepository() {
    assertThat(includes("image", "busybox")).isTrue();
    assertThat(includes("image", "busybox:latest"))
        .as("as moby: the container was created from 'busybox', the filter names a tag")
        .isFalse();
    assertThat(filter("image", "app").includes(tag)).isTrue();
    assertThat(filter("image", "app:1").includes(tag)).isTrue();
    assertThat(filter("image", Events.IMAGE_ID).includes(tag)).isTrue();
    assertThat(filter("image", "app").includes(die)).isFalse();
  }

  @Test
  void matchesLabelsByKeyOrKeyAndValueAllOfThem() {
    assertThat(includes("label", "app")).isTrue();
    assertThat(includes("label", "app=web")).isTrue();
    assertThat(includes("label", "app=api")).isFalse();
    FilterArgs both = FilterArgs.of("label", "app=web", "label", "tier=back");
    assertThat(new DockerEventFilter(both).includes(die)).isFalse();
  }

  @Test
  void keysMustAllMatchValuesOfOneKeyAreAlternatives() {
    FilterArgs args =
        FilterArgs.parse("{\"event\":{\"start\":true,\"die\":true},\"container\":{\"web\":true}}");
    assertThat(new DockerEventFilter(args).includes(die)).isTrue();
    FilterArgs other = FilterArgs.parse("{\"event\":{\"die\":true},\"container\":{\"api\":true}}");
    assertThat(new DockerEventFilter(other).includes(die)).isFalse();
  }

  private boolean includes(String key, String value) {
    return filter(key, value).includes(die);
  }

  private static DockerEventFilter filter(String key, String value) {
    return new DockerEventFilter(FilterArgs.of(key, value));
  }
}
