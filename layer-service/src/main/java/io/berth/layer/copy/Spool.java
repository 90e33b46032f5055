package io.berth.layer.copy;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One private append-only file that holds the contents of the files read from an archive, one after
 * the other: ten thousand small files cost one file on disk, not ten thousand, and nothing named by
 * the archive is ever created. Deleted when closed.
 */
final class Spool implements AutoCloseable {

  /** What reads one piece of content into the spool. */
  interface Source {
    int read(byte[] buffer, int off, int len) throws IOException;
  }

  private final Path file;
  private final FileChannel channel;
  private final OutputStream out;
  private final byte[] buffer = new byte[1 << 16];
  private long written;

  Spool(Path file) throws IOException {
    this.file = file;
    this.channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
  }

  /**
   * Appends the content of one file.
   *
   * @param source where it comes from
   * @param size how many bytes it has
   * @return the content
   */
  Content append(Source source, long size) throws IOException {
    long offset = written;
    long left = size;
    while (left > 0) {
      int n = source.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("the archive ends inside a file's content");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
    written += size;
    return new Segment(offset, size);
  }

  private void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A piece of the spool. */
  private final class Segment implements Content {

    private final long offset;
    private final long size;

    Segment(long offset, long size) {
      this.offset = offset;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public InputStream open() throws IOException {
      flush();
      return new InputStream() {
        private long position = offset;
        private final long end = offset + size;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (position >= end) {
            return -1;
          }
          int n =
              channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
          if (n < 0) {
            throw new EOFException("the spool is shorter than what was appended");
          }
          position += n;
          return n;
        }
      };
    }
  }
}
