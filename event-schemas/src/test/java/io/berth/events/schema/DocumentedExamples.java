package io.berth.events.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the examples back out of docs/events.md: the {@code ```json} block under each {@code ###
 * io.berth...} heading, by type name.
 */
final class DocumentedExamples {

  /** docs/events.md, seen from the module folder Maven runs tests in. */
  static final Path DOCUMENT = Path.of("../docs/events.md");

  private static final Pattern TYPE_HEADING = Pattern.compile("^### (io\\.berth\\.\\S+)$");
  private static final Pattern HEADING = Pattern.compile("^#{1,3} .*");

  private DocumentedExamples() {}

  /**
   * The JSON example of every documented type, in document order.
   *
   * @throws IllegalStateException if a type is documented twice or has no or two examples
   */
  static Map<String, String> read() throws IOException {
    List<String> lines = Files.readAllLines(DOCUMENT);
    Map<String, String> examples = new LinkedHashMap<>();
    String type = null;
    StringBuilder json = null;
    for (String line : lines) {
      Matcher heading = TYPE_HEADING.matcher(line);
      if (json != null) {
        if (line.equals("```")) {
          if (examples.putIfAbsent(type, json.toString()) != null) {
            throw new IllegalStateException("two examples of " + type);
          }
          json = null;
        } else {
          json.append(line).append('\n');
        }
      } else if (heading.matches()) {
        type = heading.group(1);
        if (examples.containsKey(type)) {
          throw new IllegalStateException(type + " is documented twice");
        }
      } else if (HEADING.matcher(line).matches()) {
        type = null;
      } else if (line.equals("```json") && type != null) {
        json = new StringBuilder();
      }
    }
    return examples;
  }
}
