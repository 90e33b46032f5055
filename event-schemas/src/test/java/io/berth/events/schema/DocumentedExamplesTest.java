package io.berth.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.berth.events.Catalogue;
import io.berth.events.EventCodec;
import io.berth.events.Message;
import io.berth.events.MessageType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in docs/events.md is a real payload of its type and fits its JSON Schema. */
class DocumentedExamplesTest {

  private static final ObjectMapper MAPPER = EventCodec.mapper();
  private static final JsonSchemaFactory SCHEMAS =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  private static Map<String, String> examples;

  @BeforeAll
  static void readDocument() throws IOException {
    examples = DocumentedExamples.read();
  }

  static Stream<Arguments> examples() throws IOException {
    return DocumentedExamples.read().entrySet().stream()
        .map(example -> Arguments.of(example.getKey(), example.getValue()));
  }

  @Test
  void everyCatalogueTypeHasAnExample() {
    Set<String> catalogued =
        Catalogue.all().stream().map(MessageType::type).collect(Collectors.toSet());
    assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(catalogued);
  }

  @Test
  void everyDocumentedTypeIsInTheCatalogue() {
    assertThat(examples.keySet())
        .allSatisfy(type -> assertThat(Catalogue.byType(type)).isPresent());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleDecodesToItsRecordAndEncodesBackUnchanged(String type, String json)
      throws IOException {
    Message decoded = EventCodec.decodePayload(type, json.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded).isInstanceOf(Catalogue.byType(type).orElseThrow().payload());
    assertThat(MAPPER.readTree(EventCodec.toJson(decoded))).isEqualTo(MAPPER.readTree(json));
    assertThat(decoded.subject()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleIsTheOneInExamples(String type, String json) {
    Message decoded = EventCodec.decodePayload(type, json.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded).isEqualTo(Examples.of(Catalogue.byType(type).orElseThrow()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleValidatesAgainstItsSchema(String type, String json) throws IOException {
    Set<ValidationMessage> errors = schemaOf(type).validate(MAPPER.readTree(json));

    assertThat(errors).isEmpty();
  }

  @Test
  void schemaRejectsAPayloadWithoutARequiredField() throws IOException {
    ObjectNode died = (ObjectNode) MAPPER.readTree(examples.get("io.berth.container.Died"));
    died.remove("finishedAt");

    assertThat(schemaOf("io.berth.container.Died").validate(died))
        .extracting(ValidationMessage::getMessage)
        .anySatisfy(message -> assertThat(message).contains("finishedAt"));
  }

  @Test
  void schemaRejectsAFieldOfTheWrongType() throws IOException {
    ObjectNode started = (ObjectNode) MAPPER.readTree(examples.get("io.berth.container.Started"));
    started.put("pid", "forty-two");

    assertThat(schemaOf("io.berth.container.Started").validate(started)).isNotEmpty();
  }

  @Test
  void schemaAcceptsFieldsItDoesNotKnow() throws IOException {
    ObjectNode died = (ObjectNode) MAPPER.readTree(examples.get("io.berth.container.Died"));
    died.put("restartCount", 3);

    assertThat(schemaOf("io.berth.container.Died").validate(died)).isEmpty();
  }

  private static JsonSchema schemaOf(String type) throws IOException {
    String resource = "/schemas/" + type + ".schema.json";
    try (InputStream in = DocumentedExamplesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      JsonNode schema = MAPPER.readTree(in);
      return SCHEMAS.getSchema(schema, CONFIG);
    }
  }
}
