package io.berth.image.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dockerfile word processing: quotes, backslash escapes and {@code $VAR} / {@code ${VAR}} expansion
 * with the {@code :-}, {@code -}, {@code :+}, {@code +}, {@code :?} and {@code ?} modifiers, as
 * BuildKit's shell lexer does it with the default escape token.
 *
 * @see <a
 *     href="https://github.com/moby/buildkit/blob/v0.12.0/frontend/dockerfile/shell/lex.go">BuildKit
 *     shell/lex.go</a>
 */
final class ShellWords {

  private static final char ESCAPE = '\\';
  private static final int EOF = -1;

  private final String input;
  private final Map<String, String> env;
  private int pos;

  private ShellWords(String input, Map<String, String> env) {
    this.input = input;
    this.env = env;
  }

  /** One word with quotes removed and variables expanded ({@code ProcessWord}). */
  static String expand(String word, Map<String, String> env) {
    return new ShellWords(word, env).process(EOF).text;
  }

  /** Words split at unquoted whitespace after expansion ({@code ProcessWords}). */
  static List<String> expandWords(String word, Map<String, String> env) {
    return new ShellWords(word, env).process(EOF).words();
  }

  /**
   * Splits text into words at unquoted whitespace, keeping quotes and escapes in the words, as the
   * Dockerfile parser does for {@code ENV} and {@code LABEL} ({@code parseWords}).
   */
  static List<String> splitKeepingQuotes(String rest) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean blankOk = false;
    char quote = 0;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == ESCAPE && quote != '\'') {
          if (i + 1 == rest.length()) {
            quote = 0;
            continue;
          }
          word.append(c);
          c = rest.charAt(++i);
        }
        word.append(c);
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (inWord && (blankOk || word.length() > 0)) {
          words.add(word.toString());
        }
        word.setLength(0);
        inWord = false;
        blankOk = false;
        continue;
      }
      inWord = true;
      if (c == '\'' || c == '"') {
        quote = c;
        blankOk = true;
      } else if (c == ESCAPE) {
        if (i + 1 == rest.length()) {
          continue;
        }
        word.append(c);
        c = rest.charAt(++i);
      }
      word.append(c);
    }
    if (inWord && (blankOk || word.length() > 0)) {
      words.add(word.toString());
    }
    return words;
  }

  private record Result(String text, List<String> words) {}

  private Result process(int stop) {
    StringBuilder text = new StringBuilder();
    Words words = new Words();
    while (peek() != EOF) {
      int c = peek();
      if (stop != EOF && c == stop) {
        pos++;
        return new Result(text.toString(), words.finish());
      }
      if (c == '$') {
        String value = dollar();
        text.append(value);
        words.addSplitting(value);
      } else if (c == '\'') {
        String value = singleQuoted();
        text.append(value);
        words.addRaw(value);
      } else if (c == '"') {
        String value = doubleQuoted();
        text.append(value);
        words.addRaw(value);
      } else {
        pos++;
        if (c == ESCAPE) {
          if (peek() == EOF) {
            break;
          }
          c = input.charAt(pos++);
          words.addRaw(String.valueOf((char) c));
        } else {
          words.addSplitting(String.valueOf((char) c));
        }
        text.append((char) c);
      }
    }
    if (stop != EOF) {
      throw new IllegalArgumentException(
          "unexpected end of statement while looking for matching " + (char) stop);
    }
    return new Result(text.toString(), words.finish());
  }

  private String singleQuoted() {
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      int c = next();
      if (c == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching single-quote");
      }
      if (c == '\'') {
        return value.toString();
      }
      value.append((char) c);
    }
  }

  private String doubleQuoted() {
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == EOF) {
        throw new IllegalArgumentException(
            "unexpected end of statement while looking for matching double-quote");
      }
      if (c == '"') {
        pos++;
        return value.toString();
      }
      if (c == '$') {
        value.append(dollar());
        continue;
      }
      pos++;
      if (c == ESCAPE) {
        int escaped = peek();
        if (escaped == EOF) {
          continue;
        }
        if (escaped == '"' || escaped == '$' || escaped == ESCAPE) {
          c = next();
        }
      }
      value.append((char) c);
    }
  }

  private String dollar() {
    pos++;
    if (peek() != '{') {
      String name = name();
      return name.isEmpty() ? "$" : env.getOrDefault(name, "");
    }
    pos++;
    int first = peek();
    if (first == EOF) {
      throw new IllegalArgumentException("syntax error: missing '}'");
    }
    if (first == '{' || first == '}' || first == ':') {
      throw new IllegalArgumentException("syntax error: bad substitution");
    }
    String name = name();
    int c = next();
    if (c == '}') {
      return env.getOrDefault(name, "");
    }
    boolean nullIsUnset = c == ':';
    String modifier = String.valueOf((char) c);
    if (nullIsUnset) {
      c = next();
      modifier += c == EOF ? "" : String.valueOf((char) c);
    }
    if (c != '-' && c != '+' && c != '?') {
      throw new IllegalArgumentException("unsupported modifier (" + modifier + ") in substitution");
    }
    String word = process('}').text;
    String value = env.get(name);
    boolean unset = value == null || (nullIsUnset && value.isEmpty());
    return switch (c) {
      case '-' -> unset ? word : value;
      case '+' -> unset ? "" : word;
      default -> {
        if (unset) {
          String problem =
              value == null ? "is not allowed to be unset" : "is not allowed to be empty";
          throw new IllegalArgumentException(name + ": " + (word.isEmpty() ? problem : word));
        }
        yield value;
      }
    };
  }

  private String name() {
    StringBuilder name = new StringBuilder();
    int c = peek();
    if (c != EOF && Character.isDigit(c)) {
      while (peek() != EOF && Character.isDigit(peek())) {
        name.append((char) next());
      }
      return name.toString();
    }
    if (c != EOF && "@*#?-$!0".indexOf(c) >= 0) {
      return String.valueOf((char) next());
    }
    while (peek() != EOF && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
      name.append((char) next());
    }
    return name.toString();
  }

  private int peek() {
    return pos < input.length() ? input.charAt(pos) : EOF;
  }

  private int next() {
    return pos < input.length() ? input.charAt(pos++) : EOF;
  }

  /** Collects words: unquoted whitespace ends a word, quoted text never does. */
  private static final class Words {
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;

    void addSplitting(String text) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!Character.isWhitespace(c)) {
          word.append(c);
          inWord = true;
        } else if (inWord && word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      }
    }

    void addRaw(String text) {
      word.append(text);
      inWord = true;
    }

    List<String> finish() {
      if (word.length() > 0) {
        words.add(word.toString());
        word.setLength(0);
      }
      return words;
    }
  }
}
