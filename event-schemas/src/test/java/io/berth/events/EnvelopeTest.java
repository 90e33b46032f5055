package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.container.ContainerStartRequested;
import io.berth.events.container.ContainerStarted;
import io.berth.events.schema.Examples;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

  private static final URI GATEWAY = URI.create("/berth/node-1/gateway");
  private static final Instant TIME = Instant.parse("2026-03-14T09:26:53.589Z");

  private static Envelope full() {
    return new Envelope(
        "e3a9c5d1-8f2b-4a7e-b6c0-1d4f7a2e9b38",
        URI.create("/berth/node-1/container-service"),
        "io.berth.container.Started",
        Envelope.SPEC_VERSION,
        TIME,
        Examples.CONTAINER_ID,
        "5b0d7f0e-2c4a-4e61-9d3b-7a8c1f2e4d60",
        "5b0d7f0e-2c4a-4e61-9d3b-7a8c1f2e4d60",
        2,
        Envelope.JSON,
        TIME.plusSeconds(30));
  }

  @Test
  void everyAttributeRoundTripsThroughKafkaHeaders() {
    Envelope envelope = full();

    assertThat(Envelope.fromHeaders(envelope.toHeaders())).isEqualTo(envelope);
  }

  @Test
  void headersAreTheCloudEventsKafkaBindingNames() {
    assertThat(full().toHeaders())
        .containsOnlyKeys(
            "ce_id",
            "ce_source",
            "ce_type",
            "ce_specversion",
            "ce_time",
            "ce_subject",
            "ce_correlationid",
            "ce_causationid",
            "ce_schemaversion",
            "ce_deadline",
            "content-type");
    assertThat(text(full().toHeaders(), "ce_time")).isEqualTo("2026-03-14T09:26:53.589Z");
    assertThat(text(full().toHeaders(), "ce_schemaversion")).isEqualTo("2");
  }

  @Test
  void absentOptionalAttributesAreLeftOutAndReadBackAsTheirDefaults() {
    Map<String, byte[]> headers = full().toHeaders();
    headers.remove(Envelope.SUBJECT);
    headers.remove(Envelope.CORRELATION_ID);
    headers.remove(Envelope.CAUSATION_ID);
    headers.remove(Envelope.SCHEMA_VERSION);
    headers.remove(Envelope.CONTENT_TYPE);
    headers.remove(Envelope.DEADLINE);

    Envelope read = Envelope.fromHeaders(headers);

    assertThat(read.subject()).isNull();
    assertThat(read.correlationId()).isEqualTo(read.id());
    assertThat(read.causationId()).isNull();
    assertThat(read.schemaVersion()).isEqualTo(1);
    assertThat(read.dataContentType()).isEqualTo(Envelope.JSON);
    assertThat(read.deadline()).isNull();
    assertThat(read.toHeaders()).doesNotContainKeys(Envelope.CAUSATION_ID, Envelope.DEADLINE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ce_id", "ce_source", "ce_type", "ce_specversion", "ce_time"})
  void aMissingRequiredHeaderIsABrokenEnvelope(String header) {
    Map<String, byte[]> headers = full().toHeaders();
    headers.remove(header);

    assertThatThrownBy(() -> Envelope.fromHeaders(headers))
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodingException.Reason.BROKEN_ENVELOPE))
        .hasMessageContaining(header);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ce_id", "ce_type", "ce_time"})
  void aBlankRequiredHeaderIsABrokenEnvelope(String header) {
    Map<String, byte[]> headers = full().toHeaders();
    headers.put(header, " ".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> Envelope.fromHeaders(headers))
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodingException.Reason.BROKEN_ENVELOPE));
  }

  @ParameterizedTest
  @CsvSource({
    "ce_time, yesterday",
    "ce_deadline, soon",
    "ce_schemaversion, two",
    "ce_schemaversion, 0",
    "ce_source, 'not a uri'"
  })
  void aMalformedHeaderIsABrokenEnvelope(String header, String value) {
    Map<String, byte[]> headers = full().toHeaders();
    headers.put(header, value.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> Envelope.fromHeaders(headers))
        .isInstanceOfSatisfying(
            DecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(DecodingException.Reason.BROKEN_ENVELOPE));
  }

  @Test
  void aFirstMessageCorrelatesWithItself() {
    Envelope first =
        Envelope.first(GATEWAY, Catalogue.of(ContainerStartRequested.class), Examples.CONTAINER_ID);

    assertThat(first.correlationId()).isEqualTo(first.id());
    assertThat(first.causationId()).isNull();
    assertThat(first.type()).isEqualTo("io.berth.container.StartRequested");
    assertThat(first.specVersion()).isEqualTo("1.0");
  }

  @Test
  void aCausedMessageKeepsTheCorrelationAndNamesItsCause() {
    Envelope command =
        Envelope.first(GATEWAY, Catalogue.of(ContainerStartRequested.class), Examples.CONTAINER_ID);

    Envelope outcome =
        Envelope.causedBy(
            command,
            URI.create("/berth/node-1/container-service"),
            Catalogue.of(ContainerStarted.class),
            Examples.CONTAINER_ID);

    assertThat(outcome.correlationId()).isEqualTo(command.correlationId());
    assertThat(outcome.causationId()).isEqualTo(command.id());
    assertThat(outcome.id()).isNotEqualTo(command.id());
  }

  @Test
  void theSchemaVersionIsTheCataloguedOne() {
    Envelope died =
        Envelope.first(
            GATEWAY,
            Catalogue.byType("io.berth.container.Died").orElseThrow(),
            Examples.CONTAINER_ID);

    assertThat(died.schemaVersion()).isEqualTo(2);
    assertThat(text(died.toHeaders(), Envelope.SCHEMA_VERSION)).isEqualTo("2");
  }

  @Test
  void aMessageExpiresAfterItsDeadline() {
    Envelope envelope = full();

    assertThat(envelope.isExpired(TIME.plusSeconds(29))).isFalse();
    assertThat(envelope.isExpired(TIME.plusSeconds(31))).isTrue();
    assertThat(envelope.withDeadline(null).isExpired(TIME.plusSeconds(3600))).isFalse();
  }

  private static String text(Map<String, byte[]> headers, String name) {
    return new String(new LinkedHashMap<>(headers).get(name), StandardCharsets.UTF_8);
  }
}
