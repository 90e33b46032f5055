package io.berth.gateway.events;

import static io.berth.gateway.events.Events.ID;
import static io.berth.gateway.events.Events.IMAGE_ID;
import static io.berth.gateway.events.Events.TIME;
import static io.berth.gateway.events.Events.created;
import static io.berth.gateway.events.Events.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.CommandFailed;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerExecCreated;
import io.berth.events.container.ContainerExecDied;
import io.berth.events.container.ContainerExecStarted;
import io.berth.events.container.ContainerKilled;
import io.berth.events.container.ContainerRemoved;
import io.berth.events.container.ContainerRenamed;
import io.berth.events.container.ContainerStarted;
import io.berth.events.container.ContainerStopped;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImageRemoved;
import io.berth.events.image.ImageUntagged;
import io.berth.gateway.events.json.DockerEventMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerEventsTest {

  private static final String EXEC = "e".repeat(64);

  @Test
  void aContainersEventsCarryItsImageNameAndLabelsAsDockersDo() throws Exception {
    Projection projection = Events.projection(created("web", Map.of("app", "web")));

    DockerEventMessage create = only(entry(0, created("web", Map.of("app", "web"))), projection);
    JsonNode json = EventCodec.mapper().readTree(EventCodec.mapper().writeValueAsString(create));

    assertThat(json.path("status").asText()).isEqualTo("create");
    assertThat(json.path("id").asText()).isEqualTo(ID);
    assertThat(json.path("from").asText()).isEqualTo("busybox");
    assertThat(json.path("Type").asText()).isEqualTo("container");
    assertThat(json.path("Action").asText()).isEqualTo("create");
    assertThat(json.path("Actor").path("ID").asText()).isEqualTo(ID);
    assertThat(json.path("Actor").path("Attributes").toString())
        .isEqualTo("{\"app\":\"web\",\"image\":\"busybox\",\"name\":\"web\"}");
    assertThat(json.path("scope").asText()).isEqualTo("local");
    assertThat(json.path("time").asLong()).isEqualTo(TIME.getEpochSecond());
    assertThat(json.path("timeNano").asLong())
        .isEqualTo(TIME.getEpochSecond() * 1_000_000_000L + 123_456_789);
  }

  @Test
  void dieCarriesTheExitCodeAndHowLongItRan() {
    Projection projection =
        Events.projection(created("web", Map.of()), new ContainerStarted(ID, 42, TIME, false));

    DockerEventMessage die =
        only(entry(2, new ContainerDied(ID, 3, false, TIME.plusSeconds(7), null)), projection);

    assertThat(die.action()).isEqualTo("die");
    assertThat(die.actor().attributes())
        .containsEntry("exitCode", "3")
        .containsEntry("execDuration", "7")
        .containsEntry("name", "web")
        .containsEntry("image", "busybox");
  }

  @Test
  void killNamesTheSignalByNumberAndRenameTheOldName() {
    Projection projection =
        Events.projection(created("web", Map.of()), new ContainerRenamed(ID, "web", "api"));

    assertThat(only(entry(2, new ContainerKilled(ID, "SIGTERM")), projection).actor().attributes())
        .containsEntry("signal", "15")
        .containsEntry("name", "api");
    DockerEventMessage rename = only(entry(1, new ContainerRenamed(ID, "web", "api")), projection);
    assertThat(rename.action()).isEqualTo("rename");
    assertThat(rename.actor().attributes())
        .containsEntry("oldName", "web")
        .containsEntry("name", "api");
    assertThat(only(entry(0, created("web", Map.of())), projection).actor().attributes())
        .as("an old event names the container as it was named then")
        .containsEntry("name", "web");
  }

  @Test
  void execEventsNameTheirCommandAsMobyDoes() {
    ContainerExecCreated exec = new ContainerExecCreated(ID, EXEC, List.of("sh", "-c", "ls"));
    Projection projection = Events.projection(created("web", Map.of()), exec);

    assertThat(only(entry(1, exec), projection).action()).isEqualTo("exec_create: sh -c ls");
    DockerEventMessage start = only(entry(2, new ContainerExecStarted(ID, EXEC, 9)), projection);
    assertThat(start.action()).isEqualTo("exec_start: sh -c ls");
    assertThat(start.actor().attributes()).containsEntry("execID", EXEC);
    assertThat(only(entry(3, new ContainerExecDied(ID, EXEC, 1)), projection).actor().attributes())
        .containsEntry("exitCode", "1")
        .containsEntry("execID", EXEC);
  }

  @Test
  void outcomesThatChangedNothingAndFailuresAreNoDockerEvents() {
    Projection projection = Events.projection(created("web", Map.of()));

    assertThat(DockerEvents.of(entry(1, new ContainerStarted(ID, 5, TIME, true)), projection))
        .isEmpty();
    assertThat(DockerEvents.of(entry(1, new ContainerStopped(ID, 0, TIME, true)), projection))
        .isEmpty();
    assertThat(
            DockerEvents.of(
                entry(
                    1,
                    new CommandFailed(
                        ID, "io.berth.container.StartRequested", ErrorCode.INTERNAL, "no")),
                projection))
        .isEmpty();
  }

  @Test
  void destroyStillNamesAContainerTheProjectionDoesNotKnow() {
    DockerEventMessage destroy = only(entry(0, new ContainerRemoved(ID, "gone")), new Projection());

    assertThat(destroy.action()).isEqualTo("destroy");
    assertThat(destroy.actor().attributes()).containsEntry("name", "gone");
  }

  @Test
  void imageEventsAreNamedAsMobyNamesThem() throws Exception {
    Message imported = new ImageImported(Events.image("busybox:latest", Map.of("v", "1")), "-");
    Projection projection = Events.projection(imported);

    assertThat(DockerEvents.of(entry(0, imported), projection))
        .extracting(DockerEventMessage::action, m -> m.actor().attributes().get("name"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tag", "busybox:latest"),
            org.assertj.core.groups.Tuple.tuple("import", IMAGE_ID));
    DockerEventMessage untag =
        only(entry(1, new ImageUntagged(IMAGE_ID, "busybox:latest")), projection);
    assertThat(untag.id()).isEqualTo(IMAGE_ID);
    assertThat(untag.from()).isNull();
    assertThat(EventCodec.mapper().writeValueAsString(untag))
        .as("Go's omitempty leaves out the empty legacy field")
        .doesNotContain("\"from\"")
        .contains("\"status\":\"untag\"");
    assertThat(untag.actor().attributes()).containsEntry("v", "1");
    assertThat(
            only(entry(2, new ImageRemoved(IMAGE_ID, List.of(), List.of(IMAGE_ID))), projection)
                .action())
        .isEqualTo("delete");
    DockerEventMessage pull =
        only(
            entry(
                3,
                new ImagePulled(Events.image("busybox:1.36", Map.of()), "busybox:1.36", IMAGE_ID)),
            projection);
    assertThat(pull.actor().id()).isEqualTo("busybox:1.36");
    assertThat(pull.actor().attributes()).containsEntry("name", "busybox");
  }

  private static DockerEventMessage only(LogEntry entry, Projection projection) {
    List<DockerEventMessage> messages = DockerEvents.of(entry, projection);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }
}
