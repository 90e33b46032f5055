package io.berth.events.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Catalogue;
import io.berth.events.Message;
import io.berth.events.MessageType;
import io.berth.events.Query;
import io.berth.events.Since;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates one JSON Schema (draft 2020-12) per catalogue type from its payload record: component
 * types, the required components (see {@link RecordShape}), descriptions from the Javadoc, and the
 * type's kind, topics, key, schema version and record as {@code x-berth-*} annotations.
 *
 * <p>Schemas stay open ({@code additionalProperties} is not restricted): readers ignore fields they
 * do not know, which is what lets a newer schema version add optional fields.
 *
 * <p>Run {@link #main} from the module folder to rewrite {@code src/main/resources/schemas}; a test
 * fails while the checked-in files differ from what this class generates.
 */
public final class JsonSchemaGenerator {

  /** The JSON Schema dialect the files declare. */
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  /** Where the schemas live, relative to the module folder. */
  public static final Path SCHEMAS = Path.of("src", "main", "resources", "schemas");

  /** Where the records' sources live, relative to the module folder. */
  public static final Path SOURCES = Path.of("src", "main", "java");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Path sourceRoot;
  private final Map<Class<?>, Record> samples;

  /**
   * A generator reading Javadoc from the given source folder.
   *
   * @param sourceRoot the folder holding {@code io/berth/events/...}
   */
  public JsonSchemaGenerator(Path sourceRoot) {
    this.sourceRoot = sourceRoot;
    this.samples = RecordShape.samples(Examples.all().stream().map(Record.class::cast).toList());
  }

  /**
   * Rewrites the schema folder: one file per catalogue type, stale files removed.
   *
   * @param args optionally the module folder; the working directory by default
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path module = Path.of(args.length > 0 ? args[0] : ".");
    Map<String, String> files = new JsonSchemaGenerator(module.resolve(SOURCES)).generateAll();
    Path folder = module.resolve(SCHEMAS);
    Files.createDirectories(folder);
    try (Stream<Path> old = Files.list(folder)) {
      for (Path file : old.toList()) {
        if (!files.containsKey(file.getFileName().toString())) {
          Files.delete(file);
        }
      }
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(folder.resolve(file.getKey()), file.getValue());
    }
    System.out.println("wrote " + files.size() + " schemas to " + folder.toAbsolutePath());
  }

  /** The file name of a type's schema: {@code <cloudevents-type>.schema.json}. */
  public static String fileName(MessageType<?> type) {
    return type.type() + ".schema.json";
  }

  /** Every catalogue type's schema file, by file name, in catalogue order. */
  public Map<String, String> generateAll() {
    Map<String, String> files = new LinkedHashMap<>();
    for (MessageType<?> type : Catalogue.all()) {
      files.put(fileName(type), PrettyJson.write(generate(type)) + "\n");
    }
    return files;
  }

  /**
   * The schema of one type.
   *
   * @param type a catalogue type
   * @return its JSON Schema
   */
  public ObjectNode generate(MessageType<?> type) {
    Message example = Examples.of(type);
    RecordShape shape = RecordShape.of((Record) example);
    ObjectNode schema = JSON.objectNode();
    schema.put("$schema", DIALECT);
    schema.put("$id", "urn:berth:schema:" + type.type());
    schema.put("title", type.type());
    schema.put("description", Javadoc.of(sourceRoot, type.payload()).description());
    schema.put("x-berth-kind", kind(type));
    ArrayNode topics = schema.putArray("x-berth-topics");
    Catalogue.topicsOf(type).forEach(topic -> topics.add(topic.topicName()));
    schema.put(
        "x-berth-key",
        shape
            .pathOf(example.subject())
            .orElseThrow(() -> new IllegalStateException("no key in example of " + type.type())));
    schema.put("x-berth-schema-version", type.schemaVersion());
    schema.put("x-berth-record", type.payload().getName());
    Map<String, ObjectNode> defs = new TreeMap<>();
    object(schema, shape, defs);
    if (!defs.isEmpty()) {
      schema.putObject("$defs").setAll(defs);
    }
    return schema;
  }

  /** What a type is, as the docs name it: command, event, query or reply. */
  public static String kind(MessageType<?> type) {
    if (type.isCommand()) {
      return "command";
    }
    if (type.isEvent()) {
      return "event";
    }
    return Query.class.isAssignableFrom(type.payload()) ? "query" : "reply";
  }

  private void object(ObjectNode schema, RecordShape shape, Map<String, ObjectNode> defs) {
    Javadoc doc = Javadoc.of(sourceRoot, shape.type());
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    for (RecordComponent component : shape.type().getRecordComponents()) {
      ObjectNode property = type(component.getGenericType(), defs);
      String description = doc.param(component.getName());
      Since since = component.getAnnotation(Since.class);
      if (since != null) {
        property.put("$comment", "added in schema version " + since.value());
        description += " (since schema version " + since.value() + ")";
      }
      if (!description.isEmpty()) {
        property.put("description", description);
      }
      properties.set(component.getName(), property);
    }
    ArrayNode required = schema.putArray("required");
    shape.required().forEach(required::add);
  }

  private ObjectNode type(Type type, Map<String, ObjectNode> defs) {
    ObjectNode schema = JSON.objectNode();
    if (type instanceof ParameterizedType generic) {
      Type[] arguments = generic.getActualTypeArguments();
      if (generic.getRawType() == List.class) {
        schema.put("type", "array");
        schema.set("items", type(arguments[0], defs));
        return schema;
      }
      if (generic.getRawType() == Map.class && arguments[0] == String.class) {
        schema.put("type", "object");
        schema.set("additionalProperties", type(arguments[1], defs));
        return schema;
      }
    } else if (type instanceof Class<?> plain) {
      if (plain == String.class) {
        return schema.put("type", "string");
      }
      if (plain == boolean.class || plain == Boolean.class) {
        return schema.put("type", "boolean");
      }
      if (plain == int.class
          || plain == Integer.class
          || plain == long.class
          || plain == Long.class) {
        return schema.put("type", "integer");
      }
      if (plain == Instant.class) {
        return schema.put("type", "string").put("format", "date-time");
      }
      if (plain.isEnum()) {
        schema.put("type", "string");
        ArrayNode values = schema.putArray("enum");
        for (Object constant : plain.getEnumConstants()) {
          values.add(((Enum<?>) constant).name());
        }
        return schema;
      }
      if (plain.isRecord()) {
        define(plain, defs);
        return schema.put("$ref", "#/$defs/" + plain.getSimpleName());
      }
    }
    throw new IllegalArgumentException("no JSON Schema mapping for " + type.getTypeName());
  }

  private void define(Class<?> record, Map<String, ObjectNode> defs) {
    if (defs.containsKey(record.getSimpleName())) {
      return;
    }
    Record sample = samples.get(record);
    if (sample == null) {
      throw new IllegalStateException("no example holds a " + record.getName());
    }
    ObjectNode def = JSON.objectNode();
    defs.put(record.getSimpleName(), def);
    def.put("description", Javadoc.of(sourceRoot, record).description());
    object(def, RecordShape.of(sample), defs);
  }
}
