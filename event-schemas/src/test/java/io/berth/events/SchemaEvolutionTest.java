package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.container.ContainerDied;
import io.berth.events.schema.Examples;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Old and new payloads of a type read each other, as docs/events.md promises. */
class SchemaEvolutionTest {

  private static final String ID = Examples.CONTAINER_ID;

  @Test
  void diedIsAtVersionTwo() {
    assertThat(Catalogue.of(ContainerDied.class).schemaVersion()).isEqualTo(2);
  }

  @Test
  void aVersionOneDiedWithoutOomKilledStillDecodes() {
    String versionOne =
        "{\"containerId\":\""
            + ID
            + "\",\"exitCode\":137,\"finishedAt\":\"2026-03-14T09:28:53.589Z\"}";

    ContainerDied died = EventCodec.decodePayload(ContainerDied.class, bytes(versionOne));

    assertThat(died.oomKilled()).isFalse();
    assertThat(died.exitCode()).isEqualTo(137);
    assertThat(died.finishedAt()).isEqualTo(Instant.parse("2026-03-14T09:28:53.589Z"));
    assertThat(died.error()).isNull();
  }

  @Test
  void aVersionTwoDiedCarriesOomKilled() {
    ContainerDied died = new ContainerDied(ID, 137, true, Examples.NOW, null);

    ContainerDied read = EventCodec.decodePayload(ContainerDied.class, EventCodec.toJson(died));

    assertThat(read.oomKilled()).isTrue();
    assertThat(EventCodec.toJsonString(died)).contains("\"oomKilled\":true");
  }

  @Test
  void anExplicitNullReadsAsAbsent() {
    String withNull =
        "{\"containerId\":\""
            + ID
            + "\",\"exitCode\":1,\"oomKilled\":null,\"finishedAt\":\"2026-03-14T09:28:53.589Z\","
            + "\"error\":null}";

    ContainerDied died = EventCodec.decodePayload(ContainerDied.class, bytes(withNull));

    assertThat(died.oomKilled()).isFalse();
    assertThat(died.error()).isNull();
  }

  @Test
  void aPayloadFromANewerVersionWithFieldsThisOneDoesNotKnowStillDecodes() {
    String newer =
        "{\"containerId\":\""
            + ID
            + "\",\"exitCode\":0,\"oomKilled\":false,\"finishedAt\":\"2026-03-14T09:28:53.589Z\","
            + "\"restartCount\":3,\"signal\":{\"name\":\"SIGTERM\"}}";

    ContainerDied died = EventCodec.decodePayload(ContainerDied.class, bytes(newer));

    assertThat(died.exitCode()).isZero();
  }

  @Test
  void everyLaterFieldIsOptionalAndNoNewerThanItsType() {
    for (MessageType<?> type : Catalogue.all()) {
      for (RecordComponent component : type.payload().getRecordComponents()) {
        Since since = component.getAnnotation(Since.class);
        if (since == null) {
          continue;
        }
        assertThat(since.value()).as(component.toString()).isBetween(2, type.schemaVersion());
        assertThat(component.getType().isPrimitive())
            .as(component + " must be boxed so that older payloads may lack it")
            .isFalse();
      }
    }
  }

  @Test
  void everyTypeAboveVersionOneSaysWhichFieldsItAdded() {
    for (MessageType<?> type : Catalogue.all()) {
      if (type.schemaVersion() > 1) {
        assertThat(
                Arrays.stream(type.payload().getRecordComponents())
                    .filter(component -> component.isAnnotationPresent(Since.class))
                    .mapToInt(component -> component.getAnnotation(Since.class).value())
                    .max())
            .as(type.type())
            .hasValue(type.schemaVersion());
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
