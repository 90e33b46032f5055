package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dockerignore} file with Docker's rules (moby/patternmatcher's {@code ignorefile} and
 * {@code MatchesOrParentMatches}): one pattern a line, {@code #} lines are comments, patterns are
 * trimmed and cleaned ({@code filepath.Clean}) and lose a leading {@code /}; {@code *}, {@code ?}
 * and {@code [...]} match within one path element and {@code **} across any number; a pattern that
 * matches a directory excludes everything under it; {@code !pattern} re-includes, and the last
 * pattern that matches a path decides.
 */
public final class Dockerignore {

  private final List<String> patterns;
  private final List<IgnorePattern> compiled;

  private Dockerignore(List<String> patterns, List<IgnorePattern> compiled) {
    this.patterns = List.copyOf(patterns);
    this.compiled = List.copyOf(compiled);
  }

  /**
   * @param text the file's content
   * @return its patterns, ready to match
   * @throws DockerfileException on {@code .dockerignore}'s line for {@code !} alone or a malformed
   *     pattern ({@code syntax error in pattern}, as Docker says)
   */
  public static Dockerignore parse(String text) {
    List<String> patterns = new ArrayList<>();
    List<IgnorePattern> compiled = new ArrayList<>();
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    String[] lines = body.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line =
          lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
      if (line.startsWith("#")) {
        continue;
      }
      String pattern = GoText.trimSpace(line);
      if (pattern.isEmpty()) {
        continue;
      }
      boolean invert = pattern.startsWith("!");
      if (invert) {
        pattern = GoText.trimSpace(pattern.substring(1));
      }
      if (!pattern.isEmpty()) {
        pattern = GoPath.clean(pattern);
        if (pattern.length() > 1 && pattern.startsWith("/")) {
          pattern = pattern.substring(1);
        }
      }
      pattern = invert ? "!" + pattern : pattern;
      try {
        compiled.add(IgnorePattern.compile(pattern));
      } catch (IllegalArgumentException e) {
        throw new DockerfileException(".dockerignore", n + 1, e.getMessage());
      }
      patterns.add(pattern);
    }
    return new Dockerignore(patterns, compiled);
  }

  /**
   * @return the patterns as Docker reads them (cleaned, {@code !} kept), in order
   */
  public List<String> patterns() {
    return patterns;
  }

  /**
   * @param path a context-relative, slash-separated path without a leading {@code ./}
   * @return whether the path is left out of the build context: the last pattern matching it or one
   *     of its parent directories is not an exception. The context root itself is never excluded.
   */
  public boolean excludes(String path) {
    String file = GoPath.clean(path);
    if (file.equals(".")) {
      return false;
    }
    String parent = GoPath.dir(file);
    String[] parentDirs = parent.split("/");
    boolean matched = false;
    for (IgnorePattern pattern : compiled) {
      if (pattern.exclusion() != matched) {
        continue; // only an exception can undo a match, only a pattern can make one
      }
      boolean match = pattern.matches(file);
      if (!match && !parent.equals(".")) {
        StringBuilder ancestor = new StringBuilder();
        for (String dir : parentDirs) {
          ancestor.append(ancestor.length() == 0 ? "" : "/").append(dir);
          if (pattern.matches(ancestor.toString())) {
            match = true;
            break;
          }
        }
      }
      if (match) {
        matched = !pattern.exclusion();
      }
    }
    return matched;
  }

  /**
   * Whether a walk of the context may skip a whole directory, as the Docker CLI's context tar does:
   * the directory is excluded and no exception pattern could re-include something under it (no
   * exception starts with the directory's path). Files under a skipped directory are left out even
   * when an exception such as {@code !*}{@code /keep} would match them.
   *
   * @param dir a context-relative, slash-separated directory path
   */
  public boolean skipsDirectory(String dir) {
    if (!excludes(dir)) {
      return false;
    }
    String dirSlash = GoPath.clean(dir) + "/";
    for (IgnorePattern pattern : compiled) {
      if (pattern.exclusion() && (pattern.cleaned() + "/").startsWith(dirSlash)) {
        return false;
      }
    }
    return true;
  }
}
