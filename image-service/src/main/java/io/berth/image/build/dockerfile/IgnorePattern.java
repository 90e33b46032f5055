package io.berth.image.build.dockerfile;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code .dockerignore} pattern compiled as moby/patternmatcher compiles it: a literal path, a
 * prefix ({@code dir/**}), a suffix ({@code **}{@code /name}) or a regular expression in which
 * {@code *} and {@code ?} stop at {@code /} and {@code **} spans any number of directories.
 */
final class IgnorePattern {

  private enum Kind {
    EXACT,
    PREFIX,
    SUFFIX,
    REGEX
  }

  private final String cleaned;
  private final boolean exclusion;
  private final Kind kind;
  private final Pattern regex;

  private IgnorePattern(String cleaned, boolean exclusion, Kind kind, Pattern regex) {
    this.cleaned = cleaned;
    this.exclusion = exclusion;
    this.kind = kind;
    this.regex = regex;
  }

  /**
   * @param text a pattern as ignore-file reading left it ({@code !} prefix included)
   * @throws IllegalArgumentException worded as Docker's for {@code !} alone or a bad pattern
   */
  static IgnorePattern compile(String text) {
    String pattern = GoPath.clean(GoText.trimSpace(text));
    boolean exclusion = pattern.startsWith("!");
    if (exclusion) {
      if (pattern.length() == 1) {
        throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
      }
      pattern = pattern.substring(1);
    }
    if (!Globs.wellFormed(pattern)) {
      throw new IllegalArgumentException("syntax error in pattern");
    }
    StringBuilder regex = new StringBuilder("^");
    Kind kind = Kind.EXACT;
    int[] chars = pattern.codePoints().toArray();
    boolean inClass = false;
    for (int i = 0, token = 0; i < chars.length; i++, token++) {
      int ch = chars[i];
      if (ch == '*') {
        if (i + 1 < chars.length && chars[i + 1] == '*') {
          i++;
          if (i + 1 < chars.length && chars[i + 1] == '/') {
            i++; // "**/" is read as "**"
          }
          if (i + 1 == chars.length) {
            if (kind == Kind.EXACT) {
              kind = Kind.PREFIX;
            } else {
              regex.append(".*");
              kind = Kind.REGEX;
            }
          } else {
            regex.append("(.*/)?");
            kind = Kind.REGEX;
          }
          if (token == 0) {
            kind = Kind.SUFFIX;
          }
        } else {
          regex.append("[^/]*");
          kind = Kind.REGEX;
        }
      } else if (ch == '?') {
        regex.append("[^/]");
        kind = Kind.REGEX;
      } else if (".+()|{}$".indexOf(ch) >= 0) {
        regex.append('\\').appendCodePoint(ch);
      } else if (ch == '\\') {
        if (i + 1 < chars.length) {
          regex.append('\\').appendCodePoint(chars[++i]);
          kind = Kind.REGEX;
        } else {
          regex.append("\\\\");
        }
      } else if (ch == '[' || ch == ']') {
        if (ch == '[' && inClass) {
          regex.append("\\["); // Go's regexp has no nested classes; Java's would
        } else {
          regex.append((char) ch);
          inClass = ch == '[';
        }
        kind = Kind.REGEX;
      } else if (ch == '&' && inClass) {
        regex.append("\\&"); // Java reads && in a class as an intersection
      } else {
        regex.appendCodePoint(ch);
      }
    }
    Pattern compiled = null;
    if (kind == Kind.REGEX) {
      try {
        compiled = Pattern.compile(regex.append('$').toString(), Pattern.UNIX_LINES);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("syntax error in pattern");
      }
    }
    return new IgnorePattern(pattern, exclusion, kind, compiled);
  }

  boolean exclusion() {
    return exclusion;
  }

  /**
   * @return the pattern after cleaning, without its {@code !}
   */
  String cleaned() {
    return cleaned;
  }

  boolean matches(String path) {
    switch (kind) {
      case EXACT:
        return path.equals(cleaned);
      case PREFIX:
        return path.startsWith(cleaned.substring(0, cleaned.length() - 2));
      case SUFFIX:
        String suffix = cleaned.substring(2);
        return path.endsWith(suffix)
            || (suffix.startsWith("/") && path.equals(suffix.substring(1)));
      default:
        return regex.matcher(path).matches();
    }
  }
}
