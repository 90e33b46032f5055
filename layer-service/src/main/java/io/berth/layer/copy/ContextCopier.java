package io.berth.layer.copy;

import io.berth.events.ErrorCode;
import io.berth.events.layer.ContextCopyRequested;
import io.berth.events.layer.DirectoryLayerRequested;
import io.berth.layer.LayerException;
import io.berth.layer.content.BlobIndex;
import io.berth.layer.content.BlobInfo;
import io.berth.layer.content.ContentLock;
import io.berth.layer.content.ContentStore;
import io.berth.layer.content.Digest;
import io.berth.layer.snapshot.ChainIds;
import io.berth.layer.snapshot.Snapshotter;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the layer of a build's {@code COPY} or {@code ADD} ({@link ContextCopyRequested}) and
 * stores it as an uncompressed layer blob, leased like every new blob until an image uses it.
 *
 * <p>Context mode reads the context tar from the content store once, streaming, into memory: its
 * entries as a {@link ContextTree}, the contents of the files under the sources into one private
 * spool file (a second pass reads only files reached through links from outside the sources). Image
 * mode ({@code COPY --from}) reads the source image's unpacked layer directories through an {@link
 * ImageRoot} (lookups top down honouring whiteouts; no mount). The layer is built in memory as a
 * {@link LayerTree} over the parent image, also an {@link ImageRoot}, and written sorted, so the
 * same request always makes the same diff id. Nothing is written to disk but the spool, in a
 * private directory deleted afterwards, and the layer blob.
 */
@Singleton
public class ContextCopier {

  private static final Logger LOG = LoggerFactory.getLogger(ContextCopier.class);

  private final Path work;
  private final ContentLock lock;
  private final BlobIndex index;
  private final ContentStore store;
  private final Snapshotter snapshotter;
  private final long maxBytes;

  public ContextCopier(
      @Value("${berth.data-dir}/layer-service") Path root,
      ContentLock lock,
      BlobIndex index,
      ContentStore store,
      Snapshotter snapshotter,
      @Value("${berth.layer.max-layer-bytes:274877906944}") long maxBytes) {
    this.work = root.resolve("copy");
    this.lock = lock;
    this.index = index;
    this.store = store;
    this.snapshotter = snapshotter;
    this.maxBytes = maxBytes;
    try {
      LayerBlob.deleteTree(work); // what a crash left
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + work, e);
    }
  }

  /** A stored copy layer and how many entries it has. */
  public record Copied(BlobInfo blob, int files) {}

  /**
   * Makes and stores the layer of a copy.
   *
   * @throws LayerException {@code NOT_FOUND} for a missing context, layer or source; {@code
   *     INVALID_ARGUMENT} for a hostile context or archive, an unknown user or group, or a
   *     destination that cannot be a directory; {@code INTERNAL} when the host fails
   */
  public Copied copy(ContextCopyRequested request) {
    String instruction = request.extractArchives() ? "ADD" : "COPY";
    long started = System.nanoTime();
    lock.shared().lock();
    Path dir = null;
    try {
      dir = Files.createTempDirectory(work, "copy-");
      try (Spool spool = new Spool(dir.resolve("spool"))) {
        FileTree parent = image(request.parentChainId(), request.parentDiffIds(), "parent");
        LayerMaker maker = new LayerMaker(request, parent, spool, maxBytes);
        LayerTree layer;
        if (request.contextDigest() != null) {
          Digest context = Digest.parse(request.contextDigest());
          if (index.find(context).isEmpty()) {
            throw new LayerException(
                ErrorCode.NOT_FOUND,
                "the build context " + context + " is not in the content store");
          }
          layer = maker.fromContext(() -> store.open(context));
        } else {
          layer =
              maker.fromImage(image(request.sourceChainId(), request.sourceDiffIds(), "source"));
        }
        Copied copied = LayerBlob.store(layer, index);
        LOG.info(
            "{} {}: {} entries, {} bytes in {} ms",
            instruction,
            request.key(),
            copied.files(),
            copied.blob().size(),
            (System.nanoTime() - started) / 1_000_000);
        return copied;
      }
    } catch (IOException e) {
      throw Copier.failed(instruction, e);
    } catch (LayerException e) {
      throw e;
    } catch (RuntimeException e) {
      // Whatever went wrong, the build waiting for this copy gets an answer.
      LOG.warn("{} {} failed", instruction, request.key(), e);
      throw Copier.failed(instruction, ErrorCode.INTERNAL, e.toString());
    } finally {
      try {
        LayerBlob.deleteTree(dir);
      } catch (IOException e) {
        // the next start deletes it
      }
      lock.shared().unlock();
    }
  }

  /**
   * Makes and stores the layer of a {@code WORKDIR}: the directory with its missing parents, root
   * with mode 0755, resolved inside the parent image; empty when the directory is there.
   *
   * @throws LayerException {@code NOT_FOUND} for a missing parent layer; {@code INVALID_ARGUMENT}
   *     when something that is not a directory is in the way; {@code INTERNAL} when the host fails
   */
  public Copied directory(DirectoryLayerRequested request) {
    long started = System.nanoTime();
    lock.shared().lock();
    try {
      LayerTree layer =
          new LayerTree(image(request.parentChainId(), request.parentDiffIds(), "parent"));
      String target = ScopedPath.resolve(layer, "", request.path());
      Node there = layer.lookup(target);
      if (there == null || !there.isDirectory()) {
        try {
          layer.makeDirectory(target, 0, 0);
        } catch (LayerTree.NotADirectory e) {
          throw new LayerException(
              ErrorCode.INVALID_ARGUMENT,
              "WORKDIR " + request.path() + ": mkdir " + e.path() + ": not a directory");
        }
      }
      Copied made = LayerBlob.store(layer, index);
      LOG.info(
          "WORKDIR {} {}: {} entries in {} ms",
          request.key(),
          request.path(),
          made.files(),
          (System.nanoTime() - started) / 1_000_000);
      return made;
    } catch (IOException e) {
      throw Copier.failed("WORKDIR", e);
    } catch (LayerException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("WORKDIR {} failed", request.key(), e);
      throw Copier.failed("WORKDIR", ErrorCode.INTERNAL, e.toString());
    } finally {
      lock.shared().unlock();
    }
  }

  /** The file system of an image: its layers unpacked (if they were not) and merged. */
  private FileTree image(String chainId, List<String> diffIds, String role) {
    if (diffIds.isEmpty()) {
      return new ImageRoot(List.of());
    }
    List<Digest> ids = diffIds.stream().map(Digest::parse).toList();
    Digest top = ChainIds.of(ids).get(ids.size() - 1);
    if (chainId != null && !top.equals(Digest.parse(chainId))) {
      throw new LayerException(
          ErrorCode.INVALID_ARGUMENT,
          "the " + role + " diff ids make chain " + top + ", not " + chainId);
    }
    return new ImageRoot(snapshotter.lowers(ids).stream().map(snapshotter::dir).toList());
  }
}
