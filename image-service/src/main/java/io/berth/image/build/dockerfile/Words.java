package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's shell-like word processing of Dockerfile arguments: variable substitution ({@code $V},
 * {@code ${V}}, {@code ${V:-w}}, {@code ${V-w}}, {@code ${V:+w}}, {@code ${V+w}}, {@code ${V?w}},
 * {@code ${V:?w}}, {@code ${V#p}}, {@code ${V##p}}, {@code ${V%p}}, {@code ${V%%p}}, {@code
 * ${V/p/r}}, {@code ${V//p/r}}), quote removal and escapes, with the semantics of moby/buildkit's
 * {@code frontend/dockerfile/shell/lex.go} ({@code ProcessWord} and {@code ProcessWords}).
 *
 * <p>Single quotes keep everything literal; double quotes keep everything but {@code $} and the
 * escape character, which escapes only {@code "}, {@code $} and itself there; outside quotes the
 * escape character takes the next character literally. An unset variable expands to nothing.
 */
public final class Words {

  private final char escape;

  /**
   * @param escape the Dockerfile's escape character, {@code \} or {@code `}
   */
  public Words(char escape) {
    this.escape = escape;
  }

  /**
   * Expands one word as Docker's {@code ProcessWord} does: substitutions made, quotes removed,
   * spaces kept.
   *
   * @param word the raw word, quotes and all
   * @param env the variables visible (ARG and ENV values)
   * @return the expanded word
   * @throws DockerfileException for a syntax error, worded as Docker's {@code failed to process
   *     "word": ...}
   */
  public String expand(String word, Map<String, String> env) {
    return run(word, env).text();
  }

  /**
   * Expands and splits into words as Docker's {@code ProcessWords} does: splitting happens after
   * substitution, on whitespace outside quotes, so {@code $V} with {@code V="80 443"} gives two
   * words and {@code "$V"} one.
   *
   * @param words the raw text
   * @param env the variables visible
   * @return the words, empty ones left out
   * @throws DockerfileException for a syntax error
   */
  public List<String> expandWords(String words, Map<String, String> env) {
    return run(words, env).words();
  }

  private Lexed run(String source, Map<String, String> env) {
    try {
      return new Lexer(source, env).stopOn(Lexer.EOF, false);
    } catch (DockerfileException e) {
      throw new DockerfileException(
          null, 0, "failed to process " + GoText.quote(source) + ": " + e.getMessage());
    }
  }

  /** The outcome of lexing: the text with quotes removed, and its words. */
  private record Lexed(String text, List<String> words) {}

  /** Splits characters into words the way lex.go's wordsStruct does. */
  private static final class WordSplitter {
    private final StringBuilder buffer = new StringBuilder();
    private final List<String> words = new ArrayList<>();
    private boolean inWord;

    void addChar(int ch) {
      if (GoText.isSpace(ch)) {
        if (inWord && buffer.length() > 0) {
          words.add(buffer.toString());
          buffer.setLength(0);
          inWord = false;
        }
      } else {
        addRawChar(ch);
      }
    }

    void addRawChar(int ch) {
      buffer.appendCodePoint(ch);
      inWord = true;
    }

    void addString(String text) {
      text.codePoints().forEach(this::addChar);
    }

    void addRawString(String text) {
      buffer.append(text);
      inWord = true;
    }

    List<String> words() {
      if (buffer.length() > 0) {
        words.add(buffer.toString());
        buffer.setLength(0);
        inWord = false;
      }
      return words;
    }
  }

  /** One pass over one source text. */
  private final class Lexer {
    static final int EOF = -1;

    private final int[] chars;
    private final Map<String, String> env;
    private int pos;

    Lexer(String source, Map<String, String> env) {
      this.chars = source.codePoints().toArray();
      this.env = env;
    }

    private int peek() {
      return pos < chars.length ? chars[pos] : EOF;
    }

    private int next() {
      return pos < chars.length ? chars[pos++] : EOF;
    }

    /**
     * Processes up to {@code stop} (consumed) or the end. With {@code rawEscapes} escape characters
     * are kept in the output (for patterns, which unescape themselves).
     */
    Lexed stopOn(int stop, boolean rawEscapes) {
      StringBuilder result = new StringBuilder();
      // lex.go shares one word buffer between nested calls since 2024, which loses the text before
      // a ${V:-w} when splitting words; each call has its own here, as before that change.
      WordSplitter words = new WordSplitter();
      while (peek() != EOF) {
        int ch = peek();
        if (stop != EOF && ch == stop) {
          next();
          return new Lexed(result.toString(), words.words());
        }
        if (ch == '$') {
          String value = dollar();
          result.append(value);
          words.addString(value);
        } else if (ch == '<') {
          String value = possibleHeredoc();
          result.append(value);
          words.addRawString(value);
        } else if (ch == '\'') {
          String value = singleQuoted();
          result.append(value);
          words.addRawString(value);
        } else if (ch == '"') {
          String value = doubleQuoted(rawEscapes);
          result.append(value);
          words.addRawString(value);
        } else {
          ch = next();
          if (ch == escape) {
            if (rawEscapes) {
              words.addRawChar(ch);
              result.appendCodePoint(ch);
            }
            ch = next();
            if (ch == EOF) {
              break; // an escape at the very end is dropped
            }
            words.addRawChar(ch);
          } else {
            words.addChar(ch);
          }
          result.appendCodePoint(ch);
        }
      }
      if (stop != EOF) {
        throw error(
            "unexpected end of statement while looking for matching " + Character.toString(stop));
      }
      return new Lexed(result.toString(), words.words());
    }

    private String singleQuoted() {
      next();
      StringBuilder result = new StringBuilder();
      while (true) {
        int ch = next();
        if (ch == EOF) {
          throw error("unexpected end of statement while looking for matching single-quote");
        }
        if (ch == '\'') {
          return result.toString();
        }
        result.appendCodePoint(ch);
      }
    }

    private String doubleQuoted(boolean rawEscapes) {
      next();
      StringBuilder result = new StringBuilder();
      while (true) {
        int ch = peek();
        if (ch == EOF) {
          throw error("unexpected end of statement while looking for matching double-quote");
        } else if (ch == '"') {
          next();
          return result.toString();
        } else if (ch == '$') {
          result.append(dollar());
        } else {
          ch = next();
          if (ch == escape) {
            if (rawEscapes) {
              result.appendCodePoint(ch);
            }
            int following = peek();
            if (following == EOF) {
              continue; // loops into the unterminated-quote error
            }
            if (following == '"' || following == '$' || following == escape) {
              ch = next();
            }
          }
          result.appendCodePoint(ch);
        }
      }
    }

    private String possibleHeredoc() {
      next();
      if (peek() != '<') {
        return "<";
      }
      next();
      StringBuilder result = new StringBuilder("<<");
      while (peek() == ' ' || peek() == '\t' || peek() == '\r') {
        result.appendCodePoint(next());
      }
      return result.toString();
    }

    private String dollar() {
      next();
      if (peek() != '{') {
        String name = name();
        return name.isEmpty() ? "$" : env.getOrDefault(name, "");
      }
      next();
      int first = peek();
      if (first == EOF) {
        throw error("syntax error: missing '}'");
      }
      if (first == '{' || first == '}' || first == ':') {
        throw error("syntax error: bad substitution");
      }
      String name = name();
      int ch = next();
      if (ch == EOF) {
        throw error("syntax error: missing '}'");
      }
      if (ch == '}') {
        return env.getOrDefault(name, "");
      }
      if (ch == '/') {
        return replace(name);
      }
      String modifier = Character.toString(ch);
      boolean nullIsUnset = false;
      if (ch == ':') {
        nullIsUnset = true;
        ch = next();
        modifier += ch == EOF ? "" : Character.toString(ch);
      }
      boolean known = ch == '+' || ch == '-' || ch == '?' || ch == '#' || ch == '%';
      if (!known && !nullIsUnset) {
        throw error("unsupported modifier (" + modifier + ") in substitution");
      }
      boolean pattern = ch == '#' || ch == '%';
      if (nullIsUnset && pattern) {
        throw error("unsupported modifier (" + modifier + ") in substitution");
      }
      String word = untilBrace(pattern);
      if (!known) {
        throw error("unsupported modifier (" + modifier + ") in substitution");
      }
      return modify(name, (char) ch, nullIsUnset, word);
    }

    private String untilBrace(boolean rawEscapes) {
      try {
        return stopOn('}', rawEscapes).text();
      } catch (DockerfileException e) {
        throw peek() == EOF ? error("syntax error: missing '}'") : e;
      }
    }

    private String modify(String name, char modifier, boolean nullIsUnset, String word) {
      String value = env.get(name);
      boolean set = value != null;
      boolean empty = !set || (nullIsUnset && value.isEmpty());
      switch (modifier) {
        case '-':
          return empty ? word : value;
        case '+':
          return empty ? "" : word;
        case '?':
          if (!set) {
            throw error(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
          }
          if (nullIsUnset && value.isEmpty()) {
            throw error(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
          }
          return value;
        default: // '#' or '%': the shortest match, or the longest when doubled
          boolean greedy = !word.isEmpty() && word.charAt(0) == modifier;
          String pattern = greedy ? word.substring(1) : word;
          String subject = set ? value : "";
          return modifier == '%'
              ? ShellPattern.trimSuffix(pattern, subject, greedy)
              : ShellPattern.trimPrefix(pattern, subject, greedy);
      }
    }

    private String replace(String name) {
      boolean all = peek() == '/';
      if (all) {
        next();
      }
      String pattern;
      try {
        pattern = stopOn('/', true).text();
      } catch (DockerfileException e) {
        throw peek() == EOF ? error("syntax error: missing '/' in ${}") : e;
      }
      String replacement = untilBrace(true);
      String value = env.getOrDefault(name, "");
      return ShellPattern.replace(pattern, value, replacement, all);
    }

    /** A variable name: letters, digits and underscores; or digits; or one special parameter. */
    private String name() {
      StringBuilder name = new StringBuilder();
      while (peek() != EOF) {
        int ch = peek();
        if (name.length() == 0 && Character.isDigit(ch)) {
          while (peek() != EOF && Character.isDigit(peek())) {
            name.appendCodePoint(next());
          }
          return name.toString();
        }
        if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
          return Character.toString(next());
        }
        if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
          break;
        }
        name.appendCodePoint(next());
      }
      return name.toString();
    }

    private DockerfileException error(String message) {
      return new DockerfileException(null, 0, message);
    }
  }
}
