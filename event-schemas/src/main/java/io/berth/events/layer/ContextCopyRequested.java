package io.berth.events.layer;

import io.berth.events.Checks;
import io.berth.events.Command;
import java.util.List;

/**
 * Asks the layer-service to make the layer of a build's {@code COPY} or {@code ADD}: the files are
 * read from the build context (a tar in the content store) or, for {@code COPY --from}, from an
 * image's file system, and written as one layer tar under {@code dest} as Docker's classic builder
 * does it.
 *
 * @param key names this copy: {@code build-<buildId>-<step>}
 * @param contextDigest the build context tar's digest, or null when copying from an image
 * @param sourceChainId the chain id of the image copied from ({@code COPY --from}), or null
 * @param sourceDiffIds that image's diff ids, bottom first (empty when copying from the context)
 * @param sources context mode: exact paths inside the context, already expanded from the
 *     instruction's globs (a directory stands for its contents); image mode: the instruction's
 *     source paths, Go {@code filepath.Match} globs allowed
 * @param excluded context paths under {@code sources} that {@code .dockerignore} leaves out
 * @param dest the destination as written; a trailing slash, or several sources, make it a
 *     directory; relative to {@code workingDir}
 * @param workingDir the build's working directory at this step, absolute
 * @param chown {@code user[:group]} (names resolved in the parent image's {@code /etc/passwd} and
 *     {@code /etc/group}, or numeric ids), or null for root
 * @param extractArchives whether local tar archives (plain, gzip, bzip2, xz) are unpacked ({@code
 *     ADD})
 * @param parentChainId the chain id of the image the layer goes on, or null on {@code scratch}
 * @param parentDiffIds the parent's diff ids, bottom first
 */
public record ContextCopyRequested(
    String key,
    String contextDigest,
    String sourceChainId,
    List<String> sourceDiffIds,
    List<String> sources,
    List<String> excluded,
    String dest,
    String workingDir,
    String chown,
    boolean extractArchives,
    String parentChainId,
    List<String> parentDiffIds)
    implements Command {
  public ContextCopyRequested {
    Checks.requireText(key, "key");
    Checks.optionalDigest(contextDigest, "contextDigest");
    Checks.optionalDigest(sourceChainId, "sourceChainId");
    if ((contextDigest == null) == (sourceChainId == null)) {
      throw new IllegalArgumentException("copy from either a context or an image");
    }
    sourceDiffIds = sourceDiffIds == null ? List.of() : List.copyOf(sourceDiffIds);
    sources = sources == null ? List.of() : List.copyOf(sources);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("a copy needs at least one source");
    }
    excluded = excluded == null ? List.of() : List.copyOf(excluded);
    Checks.requireText(dest, "dest");
    Checks.requireText(workingDir, "workingDir");
    Checks.optionalText(chown, "chown");
    Checks.optionalDigest(parentChainId, "parentChainId");
    parentDiffIds = parentDiffIds == null ? List.of() : List.copyOf(parentDiffIds);
  }

  @Override
  public String subject() {
    return key;
  }
}
