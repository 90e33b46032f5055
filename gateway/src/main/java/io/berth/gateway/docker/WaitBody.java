package io.berth.gateway.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The body of a {@code wait} answer: one space at once, so the status line and headers leave the
 * server before the container exits (Docker's daemon flushes them at once, and the Go client's
 * {@code ContainerWait} blocks until they arrive: {@code docker run} asks to wait before it starts
 * the container), then the JSON when the future completes. Leading white space is ignored by every
 * JSON reader. Reads block; closing it (the client went away) ends the waiting.
 */
final class WaitBody extends InputStream {

  private final CompletableFuture<String> json;
  private final Runnable onClose;
  private byte[] bytes = {' '};
  private int position;
  private boolean awaited;

  /**
   * @param json the answer, when due
   * @param onClose what ends the waiting when the body is closed before (or after) the answer
   */
  WaitBody(CompletableFuture<String> json, Runnable onClose) {
    this.json = json;
    this.onClose = onClose;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (position == bytes.length) {
      if (awaited) {
        return -1;
      }
      bytes = await().getBytes(StandardCharsets.UTF_8);
      position = 0;
      awaited = true;
    }
    int count = Math.min(length, bytes.length - position);
    System.arraycopy(bytes, position, buffer, offset, count);
    position += count;
    return count;
  }

  @Override
  public int available() {
    return bytes.length - position;
  }

  private String await() throws IOException {
    try {
      return json.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the container");
    } catch (ExecutionException | CancellationException e) {
      throw new IOException("the wait ended without an answer", e);
    }
  }

  @Override
  public void close() {
    onClose.run();
  }
}
