package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerStarted;
import io.berth.events.schema.Examples;
import java.net.URI;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogueTest {

  private static final Pattern TYPE_NAME =
      Pattern.compile(
          "io\\.berth\\.((audit|container|image|layer|network|query|volume)\\.)?[A-Z][A-Za-z]+");

  static Iterable<MessageType<?>> types() {
    return Catalogue.all();
  }

  static Iterable<MessageType<?>> commands() {
    return Catalogue.all().stream().filter(MessageType::isCommand).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void typeNamesFollowTheStyleAndRecordsLiveInTheirNounsPackage(MessageType<?> type) {
    assertThat(type.type()).matches(TYPE_NAME);
    assertThat(type.payload().isRecord()).isTrue();
    String[] parts = type.type().split("\\.");
    if (parts.length == 4 && !type.payload().getPackageName().equals("io.berth.events")) {
      assertThat(type.payload().getPackageName()).isEqualTo("io.berth.events." + parts[2]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void commandsAreRequestsAndTravelOnCommandTopics(MessageType<?> type) {
    if (type.isCommand()) {
      assertThat(type.type()).endsWith("Requested");
      assertThat(type.topic().topicName()).endsWith(".commands");
      assertThat(type.outcomeTopic().topicName()).endsWith(".events");
    } else if (type.isEvent()) {
      assertThat(type.type()).doesNotEndWith("Requested");
      assertThat(type.topic().topicName()).endsWith(".events");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void everyCommandHasASuccessEventOnItsOutcomeTopic(MessageType<?> command) {
    MessageType<?> success = Catalogue.successOf(command);

    assertThat(success.isEvent()).isTrue();
    assertThat(success.topic()).isEqualTo(command.outcomeTopic());
    assertThat(Catalogue.isOutcomeOf(command, Examples.of(success))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void theKeyOfEveryExampleIsItsSubject(MessageType<?> type) {
    Message example = Examples.of(type);

    assertThat(EventCodec.encodeFirst(URI.create("/test"), example).key())
        .isEqualTo(example.subject())
        .isNotBlank();
  }

  @Test
  void aFailureEndsTheCommandItNamesOnly() {
    MessageType<?> start = Catalogue.byType("io.berth.container.StartRequested").orElseThrow();
    String id = Examples.CONTAINER_ID;

    assertThat(
            Catalogue.isOutcomeOf(
                start,
                new CommandFailed(
                    id, start.type(), ErrorCode.NOT_FOUND, "No such container: " + id)))
        .isTrue();
    assertThat(
            Catalogue.isOutcomeOf(
                start,
                new CommandFailed(
                    id, "io.berth.container.StopRequested", ErrorCode.NOT_FOUND, "No such")))
        .isFalse();
    assertThat(Catalogue.isOutcomeOf(start, new ContainerStarted(id, 1, Examples.NOW, false)))
        .isTrue();
    assertThat(Catalogue.isOutcomeOf(start, new ContainerDied(id, 0, false, Examples.NOW, null)))
        .isFalse();
  }

  @Test
  void onlyCommandsHaveASuccessEvent() {
    assertThatThrownBy(() -> Catalogue.successOf(Catalogue.of(ContainerDied.class)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commandFailedTravelsOnEveryEventsTopic() {
    assertThat(Catalogue.topicsOf(Catalogue.of(CommandFailed.class)))
        .containsExactlyInAnyOrder(
            Topic.CONTAINER_EVENTS, Topic.IMAGE_EVENTS, Topic.LAYER_EVENTS, Topic.VOLUME_EVENTS);
    assertThat(Catalogue.topicsOf(Catalogue.of(ContainerDied.class)))
        .containsExactly(Topic.CONTAINER_EVENTS);
  }

  @Test
  void lookupsFindRegisteredTypesOnly() {
    assertThat(Catalogue.byType("io.berth.container.Died").orElseThrow().payload())
        .isEqualTo(ContainerDied.class);
    assertThat(Catalogue.byType("io.berth.container.Teleported")).isEmpty();
    assertThatThrownBy(() -> Catalogue.of(UnregisteredMessage.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private record UnregisteredMessage(String subject) implements Event {}
}
