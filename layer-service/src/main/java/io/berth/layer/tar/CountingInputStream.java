package io.berth.layer.tar;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it (the compressed side of a layer blob); never closes it. */
final class CountingInputStream extends FilterInputStream {

  // written by the read-ahead thread, read by the extracting thread for the ratio check
  private volatile long count;

  CountingInputStream(InputStream in) {
    super(in);
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    count += Math.max(0, skipped);
    return skipped;
  }

  /** The blob belongs to the caller of {@link LayerUnpacker#unpack}, who closes it. */
  @Override
  public void close() {}

  @Override
  public boolean markSupported() {
    return false;
  }
}
