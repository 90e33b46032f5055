package io.berth.image.build.dockerfile;

import java.util.List;

/**
 * What a COPY or ADD copies, expanded.
 *
 * @param sources the sources, context paths (globs allowed) or, for ADD, URLs
 * @param dest the destination; a trailing {@code /} (or several sources) makes it a directory
 * @param from the {@code --from} stage name, index or image as written (Docker does not expand it),
 *     or null
 * @param chown the {@code --chown} value, or null
 * @param chmod the {@code --chmod} value, or null
 */
public record CopySpec(List<String> sources, String dest, String from, String chown, String chmod) {

  public CopySpec {
    sources = List.copyOf(sources);
  }
}
