package io.berth.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Removes secrets from a JSON payload before it enters the audit history: the values of {@code env}
 * entries ({@code NAME=value} becomes {@code NAME=<redacted>}), of build arguments, and of every
 * field whose name says it holds a credential.
 */
public final class Redaction {

  /** What a secret is replaced with. */
  public static final String REDACTED = "<redacted>";

  private Redaction() {}

  /** Redacts {@code node} in place and returns it. */
  public static JsonNode redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey().toLowerCase(Locale.ROOT);
        JsonNode value = field.getValue();
        if (name.equals("env") && value instanceof ArrayNode entries) {
          redactEnv(entries);
        } else if (name.equals("buildargs") && value instanceof ObjectNode args) {
          args.fieldNames().forEachRemaining(arg -> args.put(arg, REDACTED));
        } else if (isCredential(name) && !value.isNull() && !value.isContainerNode()) {
          field.setValue(TextNode.valueOf(REDACTED));
        } else {
          redact(value);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(Redaction::redact);
    }
    return node;
  }

  /** {@code NAME=value} as {@code NAME=<redacted>}; a bare {@code NAME} stays as it is. */
  static String redactEnvEntry(String entry) {
    int equals = entry.indexOf('=');
    return equals < 0 ? entry : entry.substring(0, equals + 1) + REDACTED;
  }

  private static void redactEnv(ArrayNode entries) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).isTextual()) {
        entries.set(i, TextNode.valueOf(redactEnvEntry(entries.get(i).asText())));
      }
    }
  }

  private static boolean isCredential(String name) {
    return name.contains("password")
        || name.contains("secret")
        || name.contains("token")
        || name.contains("credential")
        || name.endsWith("auth"); // auth, registryAuth: not author
  }
}
