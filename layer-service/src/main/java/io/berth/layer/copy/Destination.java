package io.berth.layer.copy;

/**
 * Where a copy goes, as Docker's {@code normalizeDest} reads it: a relative destination is taken
 * from the working directory, and a trailing slash (or, here, several sources, or {@code .}) makes
 * it a directory.
 *
 * @param path the clean absolute destination without its leading slash; empty for {@code /}
 * @param directory whether the destination is a directory whatever the parent image holds there
 */
record Destination(String path, boolean directory) {

  /**
   * Reads a destination.
   *
   * @param dest the destination as written in the instruction
   * @param workingDir the build's working directory, absolute
   * @param severalSources whether more than one file or directory is copied
   * @return the destination
   */
  static Destination of(String dest, String workingDir, boolean severalSources) {
    String absolute = dest.startsWith("/") ? dest : workingDir + "/" + dest;
    // "." is the working directory, which Docker's WORKDIR always creates: a directory.
    boolean directory =
        dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.") || severalSources;
    return new Destination(ScopedPath.clean(absolute), directory);
  }
}
