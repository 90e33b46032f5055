package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the here-documents ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}) of a RUN, COPY or ADD
 * line in shell form, as buildkit's parser does, so that their bodies are read as part of the
 * instruction and not as instructions. Docker's classic builder then ignores the bodies.
 */
final class Heredocs {

  /**
   * One here-document: the word that ends it, and whether leading tabs are stripped ({@code <<-}).
   */
  record Heredoc(String name, boolean chomp) {}

  private static final Set<String> KEYWORDS = Set.of("add", "copy", "run");
  private static final Pattern MARKER = Pattern.compile("^(\\d*)<<(-?)[\\t\\n\\f\\r ]*([^<]*)$");

  private Heredocs() {}

  /**
   * @return the here-documents {@code line} opens, in order; none when its instruction cannot have
   *     any
   */
  static List<Heredoc> find(String line, char escape) {
    if (!line.contains("<<")) {
      return List.of();
    }
    Syntax syntax = new Syntax(escape);
    Syntax.Node node = syntax.parse(line);
    if (node.keyword().equalsIgnoreCase("onbuild") && !node.args().isEmpty()) {
      node = syntax.parse(node.args().get(0));
    }
    if (!KEYWORDS.contains(node.keyword().toLowerCase(Locale.ROOT)) || node.json()) {
      return List.of();
    }
    List<Heredoc> heredocs = new ArrayList<>();
    for (String word : rawWords(line)) {
      Matcher matcher = MARKER.matcher(word);
      if (!matcher.matches() || matcher.group(3).isEmpty()) {
        continue;
      }
      List<String> name = new Words('\\').expandWords(matcher.group(3), Map.of());
      if (name.size() == 1) {
        heredocs.add(new Heredoc(name.get(0), !matcher.group(2).isEmpty()));
      }
    }
    return heredocs;
  }

  /**
   * Splits on whitespace outside quotes, keeping quotes and escapes, with a {@code <<} kept
   * together with the word after it even across blanks (as lex.go's heredoc handling does).
   */
  private static List<String> rawWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quote != 0) {
        word.append(ch);
        if (ch == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\\' && i + 1 < line.length()) {
        word.append(ch).append(line.charAt(++i));
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        word.append(ch);
      } else if (ch == '<' && line.startsWith("<<", i)) {
        word.append("<<");
        i++;
        while (i + 1 < line.length() && " \t\r".indexOf(line.charAt(i + 1)) >= 0) {
          word.append(line.charAt(++i));
        }
      } else if (GoText.isSpace(ch)) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(ch);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
