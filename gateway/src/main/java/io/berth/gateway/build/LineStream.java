package io.berth.gateway.build;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An input stream fed line by line from another thread, read by the HTTP server as the body of a
 * streamed response; {@link #end()} ends it once what was offered has been read. Offering never
 * blocks: a build's progress is small, and the listener thread that offers must never wait for a
 * slow client.
 */
final class LineStream extends InputStream {

  private static final byte[] END = new byte[0];

  private final LinkedBlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
  private final Runnable onClose;
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;

  LineStream(Runnable onClose) {
    this.onClose = onClose;
  }

  void offer(byte[] line) {
    lines.add(line);
  }

  void end() {
    lines.add(END);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    while (position >= current.length) {
      if (ended) {
        return -1;
      }
      try {
        byte[] next = lines.poll(1, TimeUnit.HOURS);
        if (next == null || next == END) {
          ended = true;
          return -1;
        }
        current = next;
        position = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ended = true;
        return -1;
      }
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current, position, buffer, offset, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return position < current.length ? current.length - position : 0;
  }

  @Override
  public void close() {
    ended = true;
    onClose.run();
  }
}
