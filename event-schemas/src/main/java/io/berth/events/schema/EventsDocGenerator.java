package io.berth.events.schema;

import static io.berth.events.schema.Markdown.anchor;
import static io.berth.events.schema.Markdown.code;
import static io.berth.events.schema.Markdown.row;
import static io.berth.events.schema.Markdown.table;

import io.berth.events.Catalogue;
import io.berth.events.Message;
import io.berth.events.MessageType;
import io.berth.events.Since;
import io.berth.events.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Generates docs/events.md: the prose of {@code events.md.template} with the envelope, topic and
 * type tables filled in from the code, and one section per catalogue type with its meaning (the
 * record's Javadoc), fields and example (from {@link Examples}).
 *
 * <p>Each type's section starts with a {@code ### <type>} heading and holds exactly one {@code
 * ```json} block, its example, so that tools and tests can read the examples back.
 */
public final class EventsDocGenerator {

  /** Where the document lives, relative to the module folder. */
  public static final Path DOCUMENT = Path.of("..", "docs", "events.md");

  private static final String TEMPLATE = "events.md.template";
  private static final Map<String, String> PLURALS =
      Map.of("command", "commands", "event", "events", "query", "queries", "reply", "replies");
  private static final String SCHEMA_LINK = "../event-schemas/src/main/resources/schemas/";

  private final Path sourceRoot;
  private final Map<Class<?>, Record> samples;

  /**
   * A generator reading Javadoc from the given source folder.
   *
   * @param sourceRoot the folder holding {@code io/berth/events/...}
   */
  public EventsDocGenerator(Path sourceRoot) {
    this.sourceRoot = sourceRoot;
    this.samples = RecordShape.samples(Examples.all().stream().map(Record.class::cast).toList());
  }

  /**
   * Rewrites docs/events.md.
   *
   * @param args optionally the module folder; the working directory by default
   * @throws IOException if the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path module = Path.of(args.length > 0 ? args[0] : ".");
    Path document = module.resolve(DOCUMENT).normalize();
    Files.createDirectories(document.getParent());
    Files.writeString(
        document, new EventsDocGenerator(module.resolve(JsonSchemaGenerator.SOURCES)).generate());
    System.out.println("wrote " + document.toAbsolutePath());
  }

  /** The whole document. */
  public String generate() {
    return template()
        .replace("{{headers}}", EnvelopeDoc.headers())
        .replace("{{headerExample}}", EnvelopeDoc.example())
        .replace("{{topics}}", topics())
        .replace("{{summary}}", summary())
        .replace("{{types}}", types())
        .replace("{{shapes}}", shapes());
  }

  private static String template() {
    try (InputStream in = EventsDocGenerator.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String topics() {
    List<List<String>> rows =
        Arrays.stream(Topic.values())
            .map(
                topic ->
                    row(
                        code(topic.topicName()),
                        topic.key(),
                        Integer.toString(topic.partitions()),
                        retention(topic.configs()),
                        carries(topic)))
            .toList();
    return table(List.of("topic", "key", "partitions", "retention", "carries"), rows);
  }

  private static String retention(Map<String, String> configs) {
    long millis = Long.parseLong(configs.getOrDefault("retention.ms", "-1"));
    String kept;
    if (millis < 0) {
      kept = "forever";
    } else {
      Duration duration = Duration.ofMillis(millis);
      long days = duration.toDays();
      kept = days > 0 ? plural(days, "day") : plural(duration.toHours(), "hour");
    }
    return kept + " (`retention.ms=" + millis + "`)";
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }

  private static String carries(Topic topic) {
    if (topic == Topic.DEAD_LETTER) {
      return "records consumers gave up on, see below";
    }
    Set<String> kinds = new TreeSet<>();
    boolean outcomes = false;
    for (MessageType<?> type : Catalogue.all()) {
      if (type.topic() == topic) {
        kinds.add(PLURALS.get(JsonSchemaGenerator.kind(type)));
      }
      outcomes |= type.isCommand() && type.outcomeTopic() == topic;
    }
    String text = String.join(", ", kinds);
    return outcomes ? text + ", among them the outcomes of its noun's commands" : text;
  }

  private static String summary() {
    List<List<String>> rows =
        Catalogue.all().stream()
            .map(
                type ->
                    row(
                        "[" + code(type.type()) + "](#" + anchor(type.type()) + ")",
                        JsonSchemaGenerator.kind(type),
                        topics(type),
                        Integer.toString(type.schemaVersion()),
                        type.isCommand() ? code(Catalogue.successOf(type).type()) : ""))
            .toList();
    return table(List.of("type", "kind", "topic", "version", "success outcome"), rows);
  }

  private String types() {
    StringBuilder text = new StringBuilder();
    String group = null;
    for (MessageType<?> type : Catalogue.all()) {
      String typeGroup = group(type);
      if (!typeGroup.equals(group)) {
        group = typeGroup;
        text.append("## ").append(group).append("\n\n");
      }
      text.append(section(type)).append('\n');
    }
    return text.toString().strip();
  }

  private String section(MessageType<?> type) {
    Message example = Examples.of(type);
    RecordShape shape = RecordShape.of((Record) example);
    Javadoc doc = Javadoc.of(sourceRoot, type.payload());
    StringBuilder text = new StringBuilder();
    text.append("### ").append(type.type()).append("\n\n");
    text.append(doc.description()).append("\n\n");
    text.append(
        table(
            List.of("property", "value"),
            List.of(
                row("kind", kindLine(type)),
                row("topic", topics(type)),
                row("key", code(shape.pathOf(example.subject()).orElseThrow())),
                row("schema version", Integer.toString(type.schemaVersion())),
                row("record", code(type.payload().getName())),
                row(
                    "schema",
                    "["
                        + code(JsonSchemaGenerator.fileName(type))
                        + "]("
                        + SCHEMA_LINK
                        + JsonSchemaGenerator.fileName(type)
                        + ")"))));
    text.append("\n\n").append(fields(shape, doc)).append("\n\n");
    text.append("```json\n").append(PrettyJson.write(PrettyJson.tree(example))).append("\n```\n");
    return text.toString();
  }

  private static String topics(MessageType<?> type) {
    return Catalogue.topicsOf(type).stream()
        .map(topic -> code(topic.topicName()))
        .collect(Collectors.joining(", "));
  }

  private static String kindLine(MessageType<?> type) {
    if (type.isCommand()) {
      return "command; ends in "
          + code(Catalogue.successOf(type).type())
          + " or "
          + code("io.berth.CommandFailed")
          + " on "
          + code(type.outcomeTopic().topicName());
    }
    if (type.outcomeTopic() != null) {
      return "query; answered by a reply or " + code("io.berth.query.Failed");
    }
    return JsonSchemaGenerator.kind(type);
  }

  private String shapes() {
    StringBuilder text = new StringBuilder();
    for (Record sample : samples.values()) {
      if (sample instanceof Message) {
        continue;
      }
      Javadoc doc = Javadoc.of(sourceRoot, sample.getClass());
      text.append("### ").append(sample.getClass().getSimpleName()).append("\n\n");
      text.append(doc.description()).append("\n\n");
      text.append("Record: ").append(code(sample.getClass().getName())).append("\n\n");
      text.append(fields(RecordShape.of(sample), doc)).append("\n\n");
    }
    return text.toString().strip();
  }

  private static String fields(RecordShape shape, Javadoc doc) {
    Set<String> required = Set.copyOf(shape.required());
    List<List<String>> rows =
        Arrays.stream(shape.type().getRecordComponents())
            .map(
                component ->
                    row(
                        code(component.getName()),
                        typeName(component.getGenericType()),
                        requiredText(component, required),
                        doc.param(component.getName())))
            .toList();
    return table(List.of("field", "type", "required", "meaning"), rows);
  }

  private static String requiredText(RecordComponent component, Set<String> required) {
    Since since = component.getAnnotation(Since.class);
    String text = required.contains(component.getName()) ? "yes" : "no";
    return since == null ? text : text + " (since version " + since.value() + ")";
  }

  private static String typeName(Type type) {
    if (type instanceof ParameterizedType generic) {
      Type[] arguments = generic.getActualTypeArguments();
      if (generic.getRawType() == List.class) {
        return "list of " + typeName(arguments[0]);
      }
      return "map of string to " + typeName(arguments[1]);
    }
    Class<?> plain = (Class<?>) type;
    if (plain == String.class) {
      return "string";
    }
    if (plain == Instant.class) {
      return "string (date-time)";
    }
    if (plain == boolean.class || plain == Boolean.class) {
      return "boolean";
    }
    if (plain.isPrimitive() || Number.class.isAssignableFrom(plain)) {
      return "integer";
    }
    if (plain.isEnum()) {
      return "one of "
          + Arrays.stream(plain.getEnumConstants())
              .map(constant -> code(((Enum<?>) constant).name()))
              .collect(Collectors.joining(", "));
    }
    return "[" + plain.getSimpleName() + "](#" + anchor(plain.getSimpleName()) + ")";
  }

  private static String group(MessageType<?> type) {
    String pkg = type.payload().getPackageName();
    return switch (pkg.substring(pkg.lastIndexOf('.') + 1)) {
      case "container" -> "Containers";
      case "image" -> "Images";
      case "layer" -> "Layers";
      case "query" -> "Queries";
      default -> "Shared outcomes";
    };
  }
}
