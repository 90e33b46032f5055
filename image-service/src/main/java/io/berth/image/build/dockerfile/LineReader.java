package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Dockerfile's text into logical lines the way buildkit's {@code parser.Parse} does: parser
 * directives at the top ({@code # escape=}, {@code # syntax=}, {@code # check=}), comment lines
 * dropped (also inside a continuation), a trailing escape character continuing a line, and blank
 * lines inside a continuation skipped.
 */
final class LineReader {

  /** One instruction's text, its continuations joined, and the lines it spans. */
  record LogicalLine(String text, int startLine, int endLine) {}

  private static final Pattern DIRECTIVE =
      Pattern.compile(
          "^([a-zA-Z][a-zA-Z0-9]*)[\\t\\n\\f\\r ]*=[\\t\\n\\f\\r ]*(.+?)[\\t\\n\\f\\r ]*\\z");
  private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");

  private final String file;
  private final List<String> physical;
  private final Set<String> seenDirectives = new HashSet<>();
  private final List<LogicalLine> lines = new ArrayList<>();
  private boolean directivesDone;
  private char escape = '\\';
  private Pattern continuation = continuationPattern('\\');

  private LineReader(String file, String text) {
    this.file = file;
    this.physical = splitLines(text);
  }

  /** The logical lines of {@code text} and the escape character its directive chose. */
  record Result(List<LogicalLine> lines, char escape) {}

  static Result read(String file, String text) {
    LineReader reader = new LineReader(file, text);
    reader.run();
    return new Result(List.copyOf(reader.lines), reader.escape);
  }

  private void run() {
    int index = 0;
    while (index < physical.size()) {
      String raw = physical.get(index);
      int startLine = index + 1;
      String line = process(GoText.trimLeft(raw), startLine);
      index++;
      String trimmed = trimContinuation(line);
      boolean endOfLine = trimmed == null;
      if (endOfLine && line.isEmpty()) {
        continue;
      }
      StringBuilder buffer = new StringBuilder(endOfLine ? line : trimmed);
      while (!endOfLine && index < physical.size()) {
        String next = physical.get(index);
        index++;
        String processed = process(next, index);
        if (isComment(next) || GoText.trimLeft(processed).isEmpty()) {
          continue; // comments and empty lines inside a continuation are skipped
        }
        trimmed = trimContinuation(processed);
        endOfLine = trimmed == null;
        buffer.append(endOfLine ? processed : trimmed);
      }
      String text = buffer.toString();
      index = skipHeredocs(text, startLine, index);
      lines.add(new LogicalLine(text, startLine, index));
    }
  }

  /**
   * Reads past the bodies of the here-documents {@code text} opens.
   *
   * @return the index of the first line after them
   */
  private int skipHeredocs(String text, int startLine, int index) {
    List<Heredocs.Heredoc> heredocs;
    try {
      heredocs = Heredocs.find(text, escape);
    } catch (IllegalArgumentException | DockerfileException e) {
      return index; // the line's own error is reported when it is parsed
    }
    for (Heredocs.Heredoc heredoc : heredocs) {
      boolean terminated = false;
      while (!terminated && index < physical.size()) {
        String line = physical.get(index++);
        String candidate = heredoc.chomp() ? line.replaceFirst("^\\t+", "") : line;
        terminated = candidate.equals(heredoc.name());
      }
      if (!terminated) {
        throw new DockerfileException(file, startLine, "unterminated heredoc");
      }
    }
    return index;
  }

  /** Looks for a directive, then drops a comment line's text. */
  private String process(String line, int lineNumber) {
    directive(line, lineNumber);
    return isComment(line) ? "" : line;
  }

  private void directive(String line, int lineNumber) {
    if (directivesDone) {
      return;
    }
    if (!line.startsWith("#")) {
      directivesDone = true;
      return;
    }
    Matcher matcher = DIRECTIVE.matcher(GoText.trimLeft(line.substring(1)));
    String name = matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
    if (name == null || !DIRECTIVES.contains(name)) {
      directivesDone = true;
      return;
    }
    if (!seenDirectives.add(name)) {
      throw new DockerfileException(
          file, lineNumber, "only one " + name + " parser directive can be used");
    }
    if (name.equals("escape")) {
      String value = matcher.group(2);
      if (!value.equals("`") && !value.equals("\\")) {
        throw new DockerfileException(
            file, lineNumber, "invalid escape token '" + value + "' does not match ` or \\");
      }
      escape = value.charAt(0);
      continuation = continuationPattern(escape);
    }
  }

  /**
   * @return the line without its continuation escape, or null when it does not continue
   */
  private String trimContinuation(String line) {
    Matcher matcher = continuation.matcher(line);
    if (!matcher.find()) {
      return null;
    }
    return line.substring(0, matcher.start()) + (matcher.group(1) == null ? "" : matcher.group(1));
  }

  /**
   * A trailing escape (then blanks) continues the line unless it is itself escaped; an escape alone
   * on a line continues too.
   */
  private static Pattern continuationPattern(char escape) {
    String e = Pattern.quote(String.valueOf(escape));
    String other = escape == '\\' ? "[^\\\\]" : "[^`]";
    return Pattern.compile("(" + other + ")" + e + "[ \\t]*\\z|^" + e + "[ \\t]*\\z");
  }

  private static boolean isComment(String line) {
    return GoText.trimLeft(line).startsWith("#");
  }

  /**
   * Splits on \n as Go's scanner does, dropping the line ending (every trailing \r and \n), and a
   * byte-order mark at the start.
   */
  private static List<String> splitLines(String text) {
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> result = new ArrayList<>();
    int start = 0;
    while (start < body.length()) {
      int newline = body.indexOf('\n', start);
      int end = newline < 0 ? body.length() : newline;
      String line = body.substring(start, end);
      int keep = line.length();
      while (keep > 0 && (line.charAt(keep - 1) == '\r' || line.charAt(keep - 1) == '\n')) {
        keep--;
      }
      result.add(line.substring(0, keep));
      start = end + 1;
    }
    return result;
  }
}
