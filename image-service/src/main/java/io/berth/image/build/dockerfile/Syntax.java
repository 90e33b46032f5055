package io.berth.image.build.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The line-level parse of one logical line, as buildkit's {@code newNodeFromLine} and the line
 * parsers of {@code line_parsers.go} do it: the keyword, the leading {@code --flags}, then the
 * arguments in the shape of the keyword (JSON array, whitespace-separated, quote-aware words,
 * key=value pairs, or the rest as one string). Nothing is expanded here.
 */
final class Syntax {

  /**
   * One parsed line before its instruction-level checks.
   *
   * @param keyword the keyword as written
   * @param flags the leading flags as written, {@code --from=build}
   * @param args the arguments in the keyword's shape
   * @param json whether the arguments were a JSON array
   * @param original the logical line as read
   */
  record Node(
      String keyword, List<String> flags, List<String> args, boolean json, String original) {}

  private static final Pattern WHITESPACE = Pattern.compile("[\\t\\u000b\\f\\r ]+");
  private static final Pattern ONBUILD_PREFIX =
      Pattern.compile("^[\\t\\n\\f\\r ]*ONBUILD[\\t\\n\\f\\r ]*", Pattern.CASE_INSENSITIVE);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String NOT_STRING_ARRAY =
      "when using JSON array syntax, arrays must be comprised of strings only";

  private final char escape;

  Syntax(char escape) {
    this.escape = escape;
  }

  /**
   * @throws IllegalArgumentException with Docker's wording when the line cannot be parsed
   */
  Node parse(String line) {
    String[] command = WHITESPACE.split(GoText.trimSpace(line), 2);
    String keyword = command[0];
    List<String> flags = new ArrayList<>();
    String rest = "";
    if (command.length == 2) {
      rest = GoText.trimSpace(extractFlags(command[1], flags));
    }
    List<String> args = new ArrayList<>();
    boolean json = false;
    switch (keyword.toLowerCase(Locale.ROOT)) {
      case "add", "copy", "volume" -> json = jsonOrList(rest, args);
      case "cmd", "entrypoint", "run", "shell" -> json = jsonOrString(rest, args);
      case "arg" -> args.addAll(words(rest));
      case "env", "label" -> nameValues(rest, keyword.toUpperCase(Locale.ROOT), args);
      case "expose", "from" -> args.addAll(whitespaceSplit(rest));
      case "healthcheck" -> json = healthcheck(rest, args);
      case "maintainer", "stopsignal", "user", "workdir" -> {
        if (!rest.isEmpty()) {
          args.add(rest);
        }
      }
      case "onbuild" -> {
        if (!rest.isEmpty()) {
          parse(rest); // the trigger must parse too
          args.add(ONBUILD_PREFIX.matcher(line).replaceFirst(""));
        }
      }
      default -> {
        // unknown: refused by the instruction-level checks, which name it
      }
    }
    return new Node(keyword, List.copyOf(flags), List.copyOf(args), json, line);
  }

  /**
   * Collects the leading {@code --name[=value]} words (quotes removed, escapes applied) up to the
   * first word that is not a flag or a lone {@code --}.
   *
   * @return the rest of the line
   */
  private String extractFlags(String line, List<String> flags) {
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    char quote = 0;
    int pos = 0;
    while (pos <= line.length()) {
      if (!inWord && quote == 0) {
        if (pos == line.length()) {
          return "";
        }
        char ch = line.charAt(pos);
        if (GoText.isSpace(ch)) {
          pos++;
          continue;
        }
        if (ch != '-' || pos + 1 == line.length() || line.charAt(pos + 1) != '-') {
          return line.substring(pos);
        }
        inWord = true;
      }
      if (pos == line.length()) {
        if (!word.toString().equals("--") && (blankOk || word.length() > 0)) {
          flags.add(word.toString());
        }
        return "";
      }
      char ch = line.charAt(pos);
      if (quote == 0) {
        if (GoText.isSpace(ch)) {
          inWord = false;
          if (word.toString().equals("--")) {
            return line.substring(pos);
          }
          if (blankOk || word.length() > 0) {
            flags.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
        } else if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
        } else if (ch == escape) {
          if (pos + 1 < line.length()) {
            pos++;
            word.append(line.charAt(pos));
          }
        } else {
          word.append(ch);
        }
      } else if (ch == quote) {
        quote = 0;
      } else if (ch == escape) {
        if (pos + 1 == line.length()) {
          quote = 0;
        } else {
          pos++;
          word.append(line.charAt(pos));
        }
      } else {
        word.append(ch);
      }
      pos++;
    }
    return "";
  }

  /**
   * Splits into words on whitespace outside quotes, keeping the quotes and escapes in the words
   * (they are removed by the later expansion), as {@code parseWords} does.
   */
  List<String> words(String rest) {
    List<String> words = new ArrayList<>();
    int[] chars = rest.codePoints().toArray();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    int quote = 0;
    for (int pos = 0; pos < chars.length; pos++) {
      int ch = chars[pos];
      if (!inWord && quote == 0) {
        if (GoText.isSpace(ch)) {
          continue;
        }
        inWord = true;
      }
      if (quote == 0) {
        if (GoText.isSpace(ch)) {
          inWord = false;
          if (blankOk || word.length() > 0) {
            words.add(word.toString());
          }
          word.setLength(0);
          blankOk = false;
          continue;
        }
        if (ch == '\'' || ch == '"') {
          quote = ch;
          blankOk = true;
        }
        if (ch == escape) {
          if (pos + 1 == chars.length) {
            continue; // an escape at the end of the line is dropped
          }
          word.appendCodePoint(ch);
          ch = chars[++pos];
        }
        word.appendCodePoint(ch);
      } else {
        if (ch == quote) {
          quote = 0;
        }
        if (ch == escape && quote != '\'') {
          if (pos + 1 == chars.length) {
            quote = 0;
            continue;
          }
          word.appendCodePoint(ch);
          ch = chars[++pos];
        }
        word.appendCodePoint(ch);
      }
    }
    if (inWord || quote != 0) {
      if (blankOk || word.length() > 0) {
        words.add(word.toString());
      }
    }
    return words;
  }

  /**
   * ENV and LABEL: {@code k=v k2="v 2"}, or the legacy {@code k v w} (the name, then the rest of
   * the line as the value). Stored as the words {@code k=v} or the pair {@code [k, rest]}.
   */
  private void nameValues(String rest, String keyword, List<String> args) {
    List<String> words = words(rest);
    if (words.isEmpty()) {
      return;
    }
    if (!words.get(0).contains("=")) {
      String[] parts = WHITESPACE.split(rest, 2);
      if (parts.length < 2) {
        throw new IllegalArgumentException(keyword + " must have two arguments");
      }
      args.add(parts[0]);
      args.add(parts[1]);
      return;
    }
    for (String word : words) {
      if (!word.contains("=")) {
        throw new IllegalArgumentException(
            "Syntax error - can't find = in "
                + GoText.quote(word)
                + ". Must be of the form: name=value");
      }
      args.add(word);
    }
  }

  private boolean healthcheck(String rest, List<String> args) {
    int sep = 0;
    while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
      sep++;
    }
    if (sep == 0) {
      return false;
    }
    args.add(rest.substring(0, sep));
    return jsonOrString(GoText.trimLeft(rest.substring(sep)), args);
  }

  private boolean jsonOrString(String rest, List<String> args) {
    if (rest.isEmpty()) {
      return false;
    }
    List<String> array = jsonArray(rest);
    if (array != null) {
      args.addAll(array);
      return true;
    }
    args.add(rest);
    return false;
  }

  private boolean jsonOrList(String rest, List<String> args) {
    List<String> array = jsonArray(rest);
    if (array != null) {
      args.addAll(array);
      return true;
    }
    args.addAll(whitespaceSplit(rest));
    return false;
  }

  /**
   * @return the strings of a JSON array, or null when {@code rest} is not valid JSON
   * @throws IllegalArgumentException for valid JSON that is not an array of strings
   */
  private static List<String> jsonArray(String rest) {
    String text = GoText.trimLeft(rest);
    if (!text.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new IllegalArgumentException(NOT_STRING_ARRAY);
      }
      values.add(element.textValue());
    }
    return values;
  }

  private static List<String> whitespaceSplit(String rest) {
    if (rest.isEmpty()) {
      return List.of();
    }
    return List.of(WHITESPACE.split(rest, -1));
  }
}
