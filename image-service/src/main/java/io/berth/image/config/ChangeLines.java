package io.berth.image.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits {@code --change} texts into Dockerfile instructions as BuildKit's parser does: the texts
 * are joined by newlines, comment and blank lines dropped, lines ending in a backslash continued,
 * and leading {@code --flag=value} words taken apart from the arguments.
 *
 * @see <a
 *     href="https://github.com/moby/buildkit/blob/v0.12.0/frontend/dockerfile/parser/parser.go">BuildKit
 *     parser.go</a>
 */
final class ChangeLines {

  private static final Pattern CONTINUATION = Pattern.compile("\\\\[ \\t]*$");
  private static final Pattern WHITESPACE = Pattern.compile("[\\t\\u000b\\f\\r ]+");

  /**
   * One instruction.
   *
   * @param name the instruction in lower case, like {@code env}
   * @param flags the {@code --name=value} flags before the arguments
   * @param rest the arguments after the flags, trimmed
   * @param original the whole logical line
   */
  record Instruction(String name, Map<String, String> flags, String rest, String original) {}

  private ChangeLines() {}

  static List<Instruction> parse(List<String> changes) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder logical = null;
    for (String physical : String.join("\n", changes).split("\n", -1)) {
      String line = stripCarriageReturn(physical);
      String trimmed = line.strip();
      // Comment and blank lines are dropped, inside a continued line too.
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (logical == null) {
        logical = new StringBuilder();
      }
      var continued = CONTINUATION.matcher(line);
      if (continued.find()) {
        logical.append(line, 0, continued.start());
        continue;
      }
      logical.append(line);
      instructions.add(instruction(logical.toString()));
      logical = null;
    }
    if (logical != null && !logical.toString().isBlank()) {
      instructions.add(instruction(logical.toString()));
    }
    return instructions;
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static Instruction instruction(String line) {
    String[] parts = WHITESPACE.split(line.strip(), 2);
    String name = parts[0].toLowerCase(Locale.ROOT);
    Map<String, String> flags = new LinkedHashMap<>();
    String rest = parts.length == 2 ? extractFlags(parts[1], flags) : "";
    return new Instruction(name, flags, rest.strip(), line);
  }

  /** Takes leading {@code --name=value} words into flags and returns what follows them. */
  private static String extractFlags(String args, Map<String, String> flags) {
    int pos = 0;
    while (true) {
      while (pos < args.length() && Character.isWhitespace(args.charAt(pos))) {
        pos++;
      }
      if (!args.startsWith("--", pos)) {
        return args.substring(pos);
      }
      int end = pos;
      while (end < args.length() && !Character.isWhitespace(args.charAt(end))) {
        end++;
      }
      String word = args.substring(pos + 2, end);
      if (word.isEmpty()) {
        // A lone "--" ends the flags.
        return args.substring(end);
      }
      int eq = word.indexOf('=');
      String flag = eq < 0 ? word : word.substring(0, eq);
      String value = eq < 0 ? null : unquote(word.substring(eq + 1));
      flags.put(flag, value);
      pos = end;
    }
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
