package io.berth.gateway.events;

import static io.berth.gateway.events.Events.ID;
import static io.berth.gateway.events.Events.TIME;
import static io.berth.gateway.events.Events.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.volume.VolumeCreated;
import io.berth.events.volume.VolumeMounted;
import io.berth.events.volume.VolumeRemoved;
import io.berth.events.volume.VolumeUnmounted;
import io.berth.events.volume.VolumesPruned;
import io.berth.gateway.docker.FilterArgs;
import io.berth.gateway.events.json.DockerEventMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeEventsTest {

  @Test
  void createAndDestroyNameTheDriverAndLeaveTheDeprecatedFieldsOut() throws Exception {
    JsonNode create =
        json(only(new VolumeCreated("pgdata", "local", "/v/pgdata/_data", Map.of(), TIME, false)));
    JsonNode destroy = json(only(new VolumeRemoved("pgdata", "local")));

    assertThat(create.has("status")).isFalse();
    assertThat(create.has("id")).isFalse();
    assertThat(create.path("Type").asText()).isEqualTo("volume");
    assertThat(create.path("Action").asText()).isEqualTo("create");
    assertThat(create.path("Actor").toString())
        .isEqualTo("{\"ID\":\"pgdata\",\"Attributes\":{\"driver\":\"local\"}}");
    assertThat(destroy.path("Action").asText()).isEqualTo("destroy");
  }

  @Test
  void mountAndUnmountCarryDockersAttributes() {
    DockerEventMessage mount = only(new VolumeMounted("pgdata", ID, "/data", "local", false, ""));
    DockerEventMessage unmount = only(new VolumeUnmounted("pgdata", ID, "local"));

    assertThat(mount.action()).isEqualTo("mount");
    assertThat(mount.actor().attributes())
        .containsExactly(
            Map.entry("container", ID),
            Map.entry("destination", "/data"),
            Map.entry("driver", "local"),
            Map.entry("propagation", ""),
            Map.entry("read/write", "false"));
    assertThat(unmount.action()).isEqualTo("unmount");
    assertThat(unmount.actor().attributes())
        .containsExactly(Map.entry("container", ID), Map.entry("driver", "local"));
  }

  @Test
  void pruneReportsTheBytesReclaimed() {
    DockerEventMessage prune = only(new VolumesPruned("p-1", List.of("a", "b"), 4096));

    assertThat(prune.action()).isEqualTo("prune");
    assertThat(prune.actor().attributes()).containsExactly(Map.entry("reclaimed", "4096"));
  }

  @Test
  void typeAndVolumeFiltersSelectThem() {
    DockerEventMessage mount = only(new VolumeMounted("pgdata", ID, "/data", "local", true, ""));

    assertThat(new DockerEventFilter(FilterArgs.of("type", "volume")).includes(mount)).isTrue();
    assertThat(new DockerEventFilter(FilterArgs.of("volume", "pg")).includes(mount)).isTrue();
    assertThat(new DockerEventFilter(FilterArgs.of("volume", "other")).includes(mount)).isFalse();
    assertThat(new DockerEventFilter(FilterArgs.of("type", "container")).includes(mount)).isFalse();
  }

  private static DockerEventMessage only(Message event) {
    List<DockerEventMessage> messages = DockerEvents.of(entry(0, event), Events.projection());
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static JsonNode json(DockerEventMessage message) throws Exception {
    return EventCodec.mapper().readTree(EventCodec.mapper().writeValueAsString(message));
  }
}
