package io.berth.layer.copy;

import io.berth.events.ErrorCode;
import io.berth.events.layer.ContextCopyRequested;
import io.berth.layer.LayerException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes the layer of one {@link ContextCopyRequested} in memory: reads the sources (the context's
 * exact paths, or the image's globs expanded), picks the owner ({@code --chown}, else root for a
 * context, else the image's own) and hands each source to a {@link Copier}.
 */
final class LayerMaker {

  /** Opens the build context tar. */
  interface ContextStream {
    InputStream open() throws IOException;
  }

  private final ContextCopyRequested request;
  private final FileTree parent;
  private final Spool spool;
  private final long maxBytes;
  private final String instruction;

  /**
   * A maker for one request.
   *
   * @param request the copy
   * @param parent the file system of the image the layer goes on
   * @param spool where file contents go
   * @param maxBytes the most bytes an uncompressed context or archive may have
   */
  LayerMaker(ContextCopyRequested request, FileTree parent, Spool spool, long maxBytes) {
    this.request = request;
    this.parent = parent;
    this.spool = spool;
    this.maxBytes = maxBytes;
    this.instruction = request.extractArchives() ? "ADD" : "COPY";
  }

  /**
   * The layer of a copy from a build context.
   *
   * @param context opens the context tar (compressed or not), once or, if links lead outside the
   *     sources, twice
   */
  LayerTree fromContext(ContextStream contextTar) {
    try {
      return contextLayer(contextTar);
    } catch (IOException e) {
      throw Copier.failed(instruction, e);
    }
  }

  private LayerTree contextLayer(ContextStream contextTar) throws IOException {
    List<String> sources = request.sources().stream().map(ScopedPath::clean).toList();
    Predicate<String> isExcluded =
        under(request.excluded().stream().map(ScopedPath::clean).filter(p -> !p.isEmpty()));
    Predicate<String> wanted = under(sources.stream());
    ContextTree context = ContextTree.read(contextTar.open(), maxBytes, isExcluded, wanted, spool);
    Set<Content> used = Collections.newSetFromMap(new IdentityHashMap<>());
    for (String source : sources) {
      collect(context, ScopedPath.resolve(context, "", source), used);
    }
    if (context.needsSecondPass(used)) {
      context.readDeferred(contextTar.open(), maxBytes, used, spool);
    }
    Destination dest = Destination.of(request.dest(), request.workingDir(), sources.size() > 1);
    LayerTree layer = new LayerTree(parent);
    Copier copier = new Copier(layer, owner(), request.extractArchives(), spool, maxBytes, dest);
    for (int i = 0; i < sources.size(); i++) {
      String named = named(request.sources().get(i));
      copier.copy(
          context,
          sources.get(i),
          () ->
              Copier.failed(
                  instruction,
                  ErrorCode.NOT_FOUND,
                  "file not found in build context or excluded by .dockerignore: stat "
                      + named
                      + ": file does not exist"));
    }
    return layer;
  }

  /**
   * The layer of a copy from an image ({@code COPY --from}).
   *
   * @param source the image's file system
   */
  LayerTree fromImage(FileTree source) {
    try {
      return imageLayer(source);
    } catch (IOException e) {
      throw Copier.failed(instruction, e);
    }
  }

  private LayerTree imageLayer(FileTree source) throws IOException {
    List<String> matched = new ArrayList<>();
    for (String pattern : request.sources()) {
      String named = named(pattern);
      if (Glob.hasWildcards(named)) {
        matched.addAll(Glob.expand(source, named));
      } else {
        matched.add(ScopedPath.clean(named));
      }
    }
    if (matched.isEmpty()) {
      throw Copier.failed(instruction, ErrorCode.NOT_FOUND, "no source files were specified");
    }
    Destination dest = Destination.of(request.dest(), request.workingDir(), matched.size() > 1);
    LayerTree layer = new LayerTree(parent);
    Copier copier = new Copier(layer, owner(), request.extractArchives(), spool, maxBytes, dest);
    for (String path : matched) {
      copier.copy(
          source,
          path,
          () ->
              Copier.failed(
                  instruction, ErrorCode.NOT_FOUND, "stat " + path + ": file does not exist"));
    }
    return layer;
  }

  /** Whether a path is one of some paths or under one: its ancestors looked up, not the paths. */
  private static Predicate<String> under(Stream<String> paths) {
    Set<String> set = paths.collect(Collectors.toSet());
    return path -> {
      for (String p = path; ; p = FileTree.parent(p)) {
        if (set.contains(p)) {
          return true;
        }
        if (p.isEmpty()) {
          return false;
        }
      }
    };
  }

  /** Docker gives context files to root; {@code COPY --from} keeps the image's owners. */
  private Owner owner() throws IOException {
    if (request.chown() != null) {
      try {
        return Owner.resolve(request.chown(), parent);
      } catch (LayerException e) {
        // moby's performCopy wraps every --chown failure so
        throw new LayerException(
            e.code(), "unable to convert uid/gid chown string to host mapping: " + e.getMessage());
      }
    }
    return request.contextDigest() != null ? Owner.ROOT : null;
  }

  /** Every content under a path of an in-memory tree. */
  private static void collect(FileTree tree, String path, Set<Content> into) throws IOException {
    Node node = tree.lookup(path);
    if (node == null) {
      return;
    }
    if (node.content != null) {
      into.add(node.content);
    }
    if (node.isDirectory()) {
      for (String name : tree.children(path).keySet()) {
        collect(tree, FileTree.child(path, name), into);
      }
    }
  }

  /** A source as Docker names it in errors: without a leading {@code /} or {@code ./}. */
  private static String named(String source) {
    String named = source.startsWith("/") ? source.substring(1) : source;
    return named.startsWith("./") ? named.substring(2) : named;
  }
}
