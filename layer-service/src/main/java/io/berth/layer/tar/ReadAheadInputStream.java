package io.berth.layer.tar;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads its source on a second thread, a few chunks ahead of the reader, so decompression (and
 * hashing) overlap with file writes the way {@code tar -xzf} overlaps its {@code gzip} child
 * process. The queue is small: a limit exceeded in the source stops the reader within a few
 * megabytes, and is thrown to it as the source threw it. The source is closed by the helper thread
 * when it ends.
 */
final class ReadAheadInputStream extends InputStream {

  private static final Object END = new Object();

  private final BlockingQueue<Object> filled;
  private final BlockingQueue<byte[]> free;
  private final Thread thread;
  private volatile boolean closed;
  private byte[] current;
  private int position;
  private int limit;
  private boolean ended;

  ReadAheadInputStream(InputStream source, int chunkSize, int depth) {
    filled = new ArrayBlockingQueue<>(depth + 1);
    free = new ArrayBlockingQueue<>(depth + 1);
    for (int i = 0; i < depth + 1; i++) {
      free.add(new byte[chunkSize]);
    }
    thread = new Thread(() -> pump(source), "layer-read-ahead");
    thread.setDaemon(true);
    thread.start();
  }

  private record Chunk(byte[] data, int length) {}

  private void pump(InputStream source) {
    try {
      while (!closed) {
        byte[] buffer = free.poll(100, TimeUnit.MILLISECONDS);
        if (buffer == null) {
          continue;
        }
        int n = source.readNBytes(buffer, 0, buffer.length);
        if (n > 0) {
          hand(new Chunk(buffer, n));
        }
        if (n < buffer.length) {
          hand(END);
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      hand(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // Only this thread ever touches the source, so it is also the one to close it: a native
      // decompressor (zstd-jni without finalizer) must be closed, and never while it is read.
      try {
        source.close();
      } catch (IOException e) {
        // nothing was lost: the data was read or the reader has gone
      }
    }
  }

  /** Waits for room without being interruptible, giving up once the reader has closed. */
  private void hand(Object item) {
    try {
      while (!closed && !filled.offer(item, 100, TimeUnit.MILLISECONDS)) {
        // the reader is busy writing files
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position == limit && !advance()) {
      return -1;
    }
    int n = Math.min(len, limit - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  private boolean advance() throws IOException {
    if (ended) {
      return false;
    }
    if (current != null) {
      free.add(current);
      current = null;
    }
    Object item;
    try {
      item = filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for decompressed data");
    }
    if (item == END) {
      ended = true;
      return false;
    }
    if (item instanceof IOException e) {
      ended = true;
      throw e;
    }
    if (item instanceof RuntimeException e) {
      ended = true;
      throw new IOException("decompression failed: " + e, e);
    }
    Chunk chunk = (Chunk) item;
    current = chunk.data();
    position = 0;
    limit = chunk.length();
    return true;
  }

  /** Reads and discards everything left. */
  void skipToEnd() throws IOException {
    while (advance()) {
      position = limit;
    }
  }

  /** Stops the helper thread; the source stream is left to its owner. */
  @Override
  public void close() {
    closed = true;
  }
}
