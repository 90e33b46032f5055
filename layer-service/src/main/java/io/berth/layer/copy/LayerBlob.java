package io.berth.layer.copy;

import io.berth.layer.content.BlobIndex;
import io.berth.layer.content.BlobInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Stores a {@link LayerTree} as an uncompressed layer blob: one thread writes the tar into a pipe
 * while the caller's stores it, so the layer reaches the disk once, under its digest.
 */
final class LayerBlob {

  private LayerBlob() {}

  static ContextCopier.Copied store(LayerTree layer, BlobIndex index) throws IOException {
    PipedInputStream in = new PipedInputStream(1 << 20);
    PipedOutputStream out = new PipedOutputStream(in);
    CompletableFuture<Integer> writing = new CompletableFuture<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                int entries = layer.write(out);
                out.close();
                writing.complete(entries);
              } catch (IOException | RuntimeException e) {
                // The pipe stays open: its reader fails once this thread is gone, instead of
                // storing a truncated tar.
                writing.completeExceptionally(e);
              }
            },
            "copy-layer-writer");
    writer.setDaemon(true);
    writer.start();
    BlobInfo stored;
    try (InputStream tar = in) {
      stored = index.put(tar, null, null);
    } catch (IOException e) {
      throw writerFailure(writing, e);
    }
    try {
      return new ContextCopier.Copied(stored, writing.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the layer", e);
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  /** The writer's own error explains a broken pipe better than the pipe does. */
  private static IOException writerFailure(CompletableFuture<Integer> writing, IOException pipe) {
    try {
      writing.get();
      return pipe;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return pipe;
    } catch (ExecutionException e) {
      return unwrap(e);
    }
  }

  private static IOException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    return new IOException("cannot write the layer", cause);
  }

  /** Deletes a directory tree without following links; nothing if it is null or absent. */
  static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
