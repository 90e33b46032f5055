package io.berth.events.schema;

import static io.berth.events.schema.Markdown.code;
import static io.berth.events.schema.Markdown.row;
import static io.berth.events.schema.Markdown.table;

import io.berth.events.Catalogue;
import io.berth.events.Envelope;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.MessageType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The envelope part of docs/events.md: the header table and an example command and outcome. */
final class EnvelopeDoc {

  private EnvelopeDoc() {}

  /** Every envelope header, from the constants {@link Envelope} writes. */
  static String headers() {
    return table(
        List.of("header", "attribute", "required", "meaning"),
        List.of(
            row(
                code(Envelope.ID),
                "id",
                "yes",
                "unique id of the message (a UUID); inboxes dedupe by it"),
            row(
                code(Envelope.SOURCE),
                "source",
                "yes",
                "URI reference of the sender, `/berth/<node>/<service>`"),
            row(code(Envelope.TYPE), "type", "yes", "the type name, as the headings below"),
            row(
                code(Envelope.SPECVERSION),
                "specversion",
                "yes",
                "`" + Envelope.SPEC_VERSION + "`"),
            row(code(Envelope.TIME), "time", "yes", "when the message was made, RFC 3339 in UTC"),
            row(
                code(Envelope.SUBJECT),
                "subject",
                "no",
                "the id the message is about; equal to the record key"),
            row(
                code(Envelope.CORRELATION_ID),
                "correlationid (extension)",
                "no; absent means the message's own id",
                "the id of the message that started the conversation, copied to every message"
                    + " it causes"),
            row(
                code(Envelope.CAUSATION_ID),
                "causationid (extension)",
                "no",
                "the id of the message that directly caused this one; absent on a first message"),
            row(
                code(Envelope.SCHEMA_VERSION),
                "schemaversion (extension)",
                "no; absent means 1",
                "the schema version of the payload, a decimal number"),
            row(
                code(Envelope.DEADLINE),
                "deadline (extension)",
                "no",
                "RFC 3339 instant after which the receiver must not act on a command"),
            row(
                code(Envelope.CONTENT_TYPE),
                "datacontenttype",
                "no; absent means JSON",
                "`" + Envelope.JSON + "`")));
  }

  /** A command sent by the gateway and its outcome, as Kafka records. */
  static String example() {
    Envelope command =
        new Envelope(
            "5b0d7f0e-2c4a-4e61-9d3b-7a8c1f2e4d60",
            URI.create("/berth/node-1/gateway"),
            "io.berth.container.StartRequested",
            Envelope.SPEC_VERSION,
            Examples.NOW,
            Examples.CONTAINER_ID,
            "5b0d7f0e-2c4a-4e61-9d3b-7a8c1f2e4d60",
            null,
            1,
            Envelope.JSON,
            Examples.NOW.plusSeconds(30));
    Envelope outcome =
        new Envelope(
            "e3a9c5d1-8f2b-4a7e-b6c0-1d4f7a2e9b38",
            URI.create("/berth/node-1/container-service"),
            "io.berth.container.Started",
            Envelope.SPEC_VERSION,
            Examples.NOW.plusMillis(240),
            Examples.CONTAINER_ID,
            command.correlationId(),
            command.id(),
            1,
            Envelope.JSON,
            null);
    return record(command) + "\n\n" + record(outcome);
  }

  private static String record(Envelope envelope) {
    MessageType<?> type = Catalogue.byType(envelope.type()).orElseThrow();
    Message example = Examples.of(type);
    StringBuilder text = new StringBuilder("```text\n");
    text.append("topic: ").append(type.topic().topicName()).append('\n');
    text.append("key:   ").append(example.subject()).append('\n');
    envelope
        .toHeaders()
        .forEach(
            (name, value) ->
                text.append(name)
                    .append(": ")
                    .append(new String(value, StandardCharsets.UTF_8))
                    .append('\n'));
    text.append("value: ").append(EventCodec.toJsonString(example)).append("\n```");
    return text.toString();
  }
}
