package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.container.ContainerDied;
import io.berth.events.container.ContainerKillRequested;
import io.berth.events.container.ContainerStarted;
import io.berth.events.image.ImageRemoveRequested;
import io.berth.events.schema.Examples;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

  private static final URI GATEWAY = URI.create("/berth/node-1/gateway");
  private static final String ID = Examples.CONTAINER_ID;

  @Test
  void aMessageIsEncodedOnItsTopicKeyedByItsSubject() {
    EncodedMessage encoded = EventCodec.encodeFirst(GATEWAY, new ContainerKillRequested(ID, null));

    assertThat(encoded.topic()).isEqualTo("berth.container.commands");
    assertThat(encoded.key()).isEqualTo(ID);
    assertThat(new String(encoded.headers().get(Envelope.TYPE), StandardCharsets.UTF_8))
        .isEqualTo("io.berth.container.KillRequested");
    assertThat(new String(encoded.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"containerId\":\"" + ID + "\",\"signal\":\"SIGKILL\"}");
  }

  @Test
  void aWholeRecordDecodesToItsEnvelopeAndPayload() {
    ContainerStarted started = new ContainerStarted(ID, 4242, Examples.NOW, false);
    EncodedMessage encoded = EventCodec.encodeFirst(GATEWAY, started);

    Enveloped<Message> decoded = EventCodec.decode(encoded.headers(), encoded.value());

    assertThat(decoded.payload()).isEqualTo(started);
    assertThat(decoded.envelope().subject()).isEqualTo(ID);
    assertThat(decoded.envelope().type()).isEqualTo("io.berth.container.Started");
  }

  @Test
  void aCommandFailureTravelsOnTheEventsTopicOfTheFailedCommandsNoun() {
    Envelope command =
        Envelope.first(GATEWAY, Catalogue.of(ImageRemoveRequested.class), "busybox:1.36");
    CommandFailed failed =
        new CommandFailed(
            "busybox:1.36",
            "io.berth.image.RemoveRequested",
            ErrorCode.FAILED_PRECONDITION,
            "conflict: unable to remove repository reference \"busybox:1.36\"");

    EncodedMessage encoded =
        EventCodec.encodeCausedBy(command, URI.create("/berth/node-1/image-service"), failed);

    assertThat(encoded.topic()).isEqualTo("berth.image.events");
    assertThat(encoded.key()).isEqualTo("busybox:1.36");
  }

  @Test
  void anEnvelopeOfAnotherTypeIsRefused() {
    Envelope envelope =
        Envelope.first(GATEWAY, Catalogue.byType("io.berth.container.Died").orElseThrow(), ID);

    assertThatThrownBy(() -> EventCodec.encode(envelope, new ContainerKillRequested(ID, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnknownTypeIsReportedAsSuch() {
    assertReason(
        () -> EventCodec.decodePayload("io.berth.container.Teleported", json("{}")),
        DecodingException.Reason.UNKNOWN_TYPE);
  }

  @Test
  void anUnknownTypeInTheHeadersIsReportedAsSuch() {
    EncodedMessage encoded = EventCodec.encodeFirst(GATEWAY, new ContainerKillRequested(ID, null));
    Map<String, byte[]> headers = new HashMap<>(encoded.headers());
    headers.put(Envelope.TYPE, json("io.berth.container.Teleported"));

    assertReason(
        () -> EventCodec.decode(headers, encoded.value()), DecodingException.Reason.UNKNOWN_TYPE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"containerId\":", "not json", "[1, 2]", "\"text\"", "{\"pid\": {}}"})
  void brokenJsonIsABrokenPayload(String value) {
    assertReason(
        () -> EventCodec.decodePayload("io.berth.container.Started", json(value)),
        DecodingException.Reason.BROKEN_PAYLOAD);
  }

  @Test
  void anEmptyValueIsABrokenPayload() {
    assertReason(
        () -> EventCodec.decodePayload("io.berth.container.Started", new byte[0]),
        DecodingException.Reason.BROKEN_PAYLOAD);
  }

  @Test
  void aPayloadFailingItsRecordsCheckIsABrokenPayloadNamingTheProblem() {
    String notAnId = "{\"containerId\":\"web\",\"signal\":\"SIGTERM\"}";

    assertThatThrownBy(
            () -> EventCodec.decodePayload("io.berth.container.KillRequested", json(notAnId)))
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodingException.Reason.BROKEN_PAYLOAD))
        .hasMessageContaining("io.berth.container.KillRequested")
        .hasMessageContaining("not a container id");
  }

  @Test
  void aPayloadWithoutARequiredReferenceFieldIsABrokenPayload() {
    String noFinishedAt = "{\"containerId\":\"" + ID + "\",\"exitCode\":1}";

    assertReason(
        () -> EventCodec.decodePayload("io.berth.container.Died", json(noFinishedAt)),
        DecodingException.Reason.BROKEN_PAYLOAD);
  }

  @Test
  void aBadDigestIsABrokenPayload() {
    String shortDigest = "{\"digest\":\"sha256:abc\",\"size\":1}";

    assertReason(
        () -> EventCodec.decodePayload("io.berth.layer.BlobDeleted", json(shortDigest)),
        DecodingException.Reason.BROKEN_PAYLOAD);
  }

  @Test
  void aMissingPrimitiveDecodesAsItsDefault() {
    String noExitCode =
        "{\"containerId\":\"" + ID + "\",\"finishedAt\":\"2026-03-14T09:26:53.589Z\"}";

    ContainerDied died = EventCodec.decodePayload(ContainerDied.class, json(noExitCode));

    assertThat(died.exitCode()).isZero();
  }

  @Test
  void timesAreWrittenAsRfc3339InUtc() {
    ContainerStarted started =
        new ContainerStarted(ID, 4242, Instant.parse("2026-03-14T09:26:53.589Z"), false);

    assertThat(EventCodec.toJsonString(started))
        .contains("\"startedAt\":\"2026-03-14T09:26:53.589Z\"");
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertReason(ThrowingCallable call, DecodingException.Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DecodingException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
