package io.berth.events.schema;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The bits of GitHub Markdown the generated document uses: code spans, tables, anchors. */
final class Markdown {

  private Markdown() {}

  /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as dashes. */
  static String anchor(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
  }

  /** A code span. */
  static String code(String text) {
    return "`" + text + "`";
  }

  /** One table row. */
  static List<String> row(String... cells) {
    return List.of(cells);
  }

  /** A table with a header row; pipes in cells are escaped. */
  static String table(List<String> header, List<List<String>> rows) {
    StringBuilder text = new StringBuilder();
    text.append(line(header)).append('\n');
    text.append(line(header.stream().map(cell -> "---").toList()));
    rows.forEach(row -> text.append('\n').append(line(row)));
    return text.toString();
  }

  private static String line(List<String> cells) {
    return cells.stream()
        .map(cell -> cell.replace("|", "\\|"))
        .collect(Collectors.joining(" | ", "| ", " |"));
  }
}
