package io.berth.events.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.berth.events.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checked-in schemas and docs/events.md are what the generators make from the code; if this
 * fails, run {@code mvn -B -q -pl event-schemas compile exec:java@generate} and commit the result.
 */
class GeneratedFilesTest {

  private static final String REGENERATE =
      "stale; run mvn -B -q -pl event-schemas compile exec:java@generate";

  private final Map<String, String> schemas =
      new JsonSchemaGenerator(JsonSchemaGenerator.SOURCES).generateAll();

  @Test
  void everyCheckedInSchemaIsWhatTheGeneratorMakes() throws IOException {
    for (Map.Entry<String, String> schema : schemas.entrySet()) {
      Path file = JsonSchemaGenerator.SCHEMAS.resolve(schema.getKey());
      assertThat(file).as(schema.getKey() + " " + REGENERATE).exists();
      assertThat(Files.readString(file)).as(file + " " + REGENERATE).isEqualTo(schema.getValue());
    }
  }

  @Test
  void noSchemaIsCheckedInForATypeThatIsGone() throws IOException {
    try (Stream<Path> files = Files.list(JsonSchemaGenerator.SCHEMAS)) {
      Set<String> names =
          files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
      assertThat(names).as(REGENERATE).containsExactlyInAnyOrderElementsOf(schemas.keySet());
    }
  }

  @Test
  void documentIsWhatTheGeneratorMakes() throws IOException {
    String generated = new EventsDocGenerator(JsonSchemaGenerator.SOURCES).generate();

    assertThat(Files.readString(DocumentedExamples.DOCUMENT))
        .as("docs/events.md " + REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everySchemaIsAValidDraft202012Schema() throws IOException {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    JsonSchema metaSchema = factory.getSchema(SchemaLocation.of(JsonSchemaGenerator.DIALECT));
    for (Map.Entry<String, String> schema : schemas.entrySet()) {
      JsonNode tree = EventCodec.mapper().readTree(schema.getValue());

      assertThat(metaSchema.validate(tree)).as(schema.getKey()).isEmpty();
    }
  }
}
