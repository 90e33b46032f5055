package io.berth.layer.snapshot;

import io.berth.layer.content.BlobIndex;
import io.berth.layer.content.BlobInfo;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Turns a writable snapshot's upper directory into a layer blob: the tar is written on one thread
 * and stored on another, so it never lands on disk twice.
 */
@Singleton
public class Differ {

  private final LayerFiles files;
  private final BlobIndex index;

  public Differ(LayerFiles files, BlobIndex index) {
    this.files = files;
    this.index = index;
  }

  /** Stores the changes in {@code upper} as an uncompressed layer blob. */
  public BlobInfo commit(Path upper) throws IOException {
    PipedInputStream in = new PipedInputStream(1 << 20);
    PipedOutputStream out = new PipedOutputStream(in);
    CompletableFuture<Void> writing = new CompletableFuture<>();
    Thread writer =
        new Thread(
            () -> {
              try {
                files.diff(upper, out);
                out.close();
                writing.complete(null);
              } catch (IOException | RuntimeException e) {
                // Not closing the pipe: its reader then fails ("write end dead") once this
                // thread ends, instead of storing a truncated tar as if it were whole.
                writing.completeExceptionally(e);
              }
            },
            "diff-writer");
    writer.setDaemon(true);
    writer.start();
    BlobInfo stored;
    try (InputStream tar = in) {
      stored = index.put(tar, null, null);
    }
    try {
      writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the diff of " + upper, e);
    } catch (ExecutionException e) {
      throw new IOException("cannot write the diff of " + upper, e.getCause());
    }
    return stored;
  }
}
