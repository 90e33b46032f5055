package io.berth.events.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.berth.events.EventCodec;
import java.io.UncheckedIOException;

/**
 * Writes the JSON of the generated files the same way on every run: two-space indentation, one
 * array element per line, map entries sorted by key (records' maps have no stable order).
 */
final class PrettyJson {

  private static final ObjectMapper SORTED =
      EventCodec.mapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private PrettyJson() {}

  /** A value as the codec encodes it, as a tree with map entries sorted by key. */
  static JsonNode tree(Object value) {
    return SORTED.valueToTree(value);
  }

  /** A tree as indented text, without a trailing newline. */
  static String write(JsonNode tree) {
    try {
      return SORTED.writer(PRINTER).writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
