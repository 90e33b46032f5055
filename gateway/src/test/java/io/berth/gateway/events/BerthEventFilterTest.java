package io.berth.gateway.events;

import static io.berth.gateway.events.Events.ID;
import static io.berth.gateway.events.Events.created;
import static io.berth.gateway.events.Events.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.container.ContainerDied;
import io.berth.events.image.ImageTagged;
import io.berth.events.layer.BlobStored;
import io.berth.gateway.docker.FilterArgs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BerthEventFilterTest {

  private final Projection projection = Events.projection(created("web", Map.of("app", "web")));
  private final LogEntry died = entry(1, new ContainerDied(ID, 0, false, Events.TIME, null));
  private final LogEntry tagged =
      entry(0, new ImageTagged(Events.image("app:1", Map.of("v", "2")), "app:1", null));

  @Test
  void matchesTheTopicsNounAndTheEventTypeWholeOrByItsLastPart() {
    assertThat(includes(died, "type", "container")).isTrue();
    assertThat(includes(died, "type", "image")).isFalse();
    assertThat(includes(died, "event", "io.berth.container.Died")).isTrue();
    assertThat(includes(died, "event", "Died")).isTrue();
    assertThat(includes(died, "event", "Started")).isFalse();
  }

  @Test
  void matchesContainersImagesAndLabelsThroughTheProjection() {
    assertThat(includes(died, "container", "web")).isTrue();
    assertThat(includes(died, "container", ID.substring(0, 6))).isTrue();
    assertThat(includes(died, "container", "api")).isFalse();
    assertThat(includes(died, "image", "busybox")).isTrue();
    assertThat(includes(died, "label", "app=web")).isTrue();
    assertThat(includes(tagged, "image", "app")).isTrue();
    assertThat(includes(tagged, "label", "v=2")).isTrue();
    assertThat(includes(tagged, "container", "web")).isFalse();
  }

  @Test
  void layerEventsPassOnlyTypeAndEventFilters() {
    LogEntry stored =
        entry(
            0,
            new BlobStored(
                "sha256:" + "c".repeat(64), 1, "application/vnd.oci.image.layer.v1.tar", null));
    assertThat(includes(stored, "type", "layer")).isTrue();
    assertThat(includes(stored, "image", "app")).isFalse();
  }

  @Test
  void refusesAnUnknownType() {
    assertThatThrownBy(() -> new BerthEventFilter(FilterArgs.of("type", "volume")))
        .hasMessageContaining("invalid filter 'type=volume'");
  }

  private boolean includes(LogEntry entry, String key, String value) {
    return new BerthEventFilter(FilterArgs.of(key, value)).includes(entry, projection);
  }
}
