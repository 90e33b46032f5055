package io.berth.events.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Javadoc of a top-level type, read from its source file so that the schemas and docs/events.md
 * say what the records' Javadoc says: the description and each {@code @param}, with inline tags
 * turned into Markdown.
 *
 * @param description the main description; paragraphs separated by a blank line
 * @param params the {@code @param} texts by component name, in source order
 */
public record Javadoc(String description, Map<String, String> params) {

  private static final Pattern INLINE_TAG = Pattern.compile("\\{@(code|link|linkplain|literal) ");
  private static final Pattern TAG = Pattern.compile("@(\\w+)\\s*(.*)");

  public Javadoc {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Reads the Javadoc of a top-level type.
   *
   * @param sourceRoot the source folder, like {@code src/main/java}
   * @param type the type
   * @return its Javadoc
   * @throws IllegalStateException if the source or its Javadoc cannot be found
   */
  public static Javadoc of(Path sourceRoot, Class<?> type) {
    Path file = sourceRoot.resolve(type.getName().replace('.', '/') + ".java");
    String source;
    try {
      source = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the source of " + type.getName(), e);
    }
    Matcher declaration =
        Pattern.compile(
                "(?m)^public\\s+(?:final\\s+)?(?:record|enum|class|interface|@interface)\\s+"
                    + Pattern.quote(type.getSimpleName())
                    + "\\b")
            .matcher(source);
    if (!declaration.find()) {
      throw new IllegalStateException("no declaration of " + type.getName() + " in " + file);
    }
    int end = source.lastIndexOf("*/", declaration.start());
    int start = source.lastIndexOf("/**", declaration.start());
    if (start < 0 || end < start) {
      throw new IllegalStateException("no Javadoc on " + type.getName());
    }
    return parse(source.substring(start + 3, end));
  }

  /** The description of a component, or an empty string if it has no {@code @param}. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  static Javadoc parse(String comment) {
    List<String> paragraphs = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>();
    StringBuilder text = new StringBuilder();
    String tag = null;
    String param = null;
    for (String raw : comment.split("\n")) {
      String line = raw.replaceFirst("^\\s*\\*? ?", "").strip();
      Matcher tagLine = TAG.matcher(line);
      if (line.startsWith("@") && tagLine.matches()) {
        flush(tag, param, text, paragraphs, params);
        tag = tagLine.group(1);
        String rest = tagLine.group(2);
        param = null;
        if (tag.equals("param")) {
          int space = rest.indexOf(' ');
          param = space < 0 ? rest : rest.substring(0, space);
          rest = space < 0 ? "" : rest.substring(space + 1);
        }
        text.append(rest);
      } else if (tag == null && (line.isEmpty() || line.startsWith("<p>"))) {
        flush(null, null, text, paragraphs, params);
        text.append(line.replaceFirst("^<p>", ""));
      } else {
        text.append(text.length() == 0 ? "" : " ").append(line);
      }
    }
    flush(tag, param, text, paragraphs, params);
    return new Javadoc(String.join("\n\n", paragraphs), params);
  }

  private static void flush(
      String tag,
      String param,
      StringBuilder text,
      List<String> paragraphs,
      Map<String, String> params) {
    String markdown = markdown(text.toString().strip());
    text.setLength(0);
    if (tag == null && !markdown.isEmpty()) {
      paragraphs.add(markdown);
    } else if ("param".equals(tag)) {
      params.put(param, markdown);
    }
  }

  /** Turns {@code {@code x}} and {@code {@link X}} into Markdown code spans, braces balanced. */
  static String markdown(String text) {
    StringBuilder out = new StringBuilder();
    Matcher inline = INLINE_TAG.matcher(text);
    int from = 0;
    while (inline.find(from)) {
      out.append(text, from, inline.start());
      int depth = 1;
      int i = inline.end();
      while (i < text.length() && depth > 0) {
        char c = text.charAt(i);
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        i++;
      }
      String body = text.substring(inline.end(), Math.max(inline.end(), i - 1)).strip();
      if (inline.group(1).startsWith("link")) {
        body = body.replace('#', '.');
      }
      out.append('`').append(body).append('`');
      from = i;
    }
    out.append(text.substring(from));
    return out.toString()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replaceAll("\\s+", " ");
  }
}
