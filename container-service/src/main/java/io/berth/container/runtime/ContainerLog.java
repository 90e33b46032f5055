package io.berth.container.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A container's output, kept apart per stream and in the order it was read: a file of records
 * {@code [stream:1][epoch nanos:8][length:4][bytes]}, one per line (a last line without a newline
 * is its own record). What {@code docker logs} reads, with {@code --tail}, {@code --since}, {@code
 * --until}, {@code -t} and {@code -f}; it survives restarts of the service.
 */
public final class ContainerLog implements AutoCloseable {

  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  private static final int HEADER = 13;

  /** One line of output. */
  public record Entry(int stream, Instant time, byte[] bytes) {}

  /** Receives entries as they are read or appended. */
  @FunctionalInterface
  public interface Sink {
    /** Returns false to stop. */
    boolean accept(Entry entry) throws IOException;
  }

  private final Path file;
  private final FileChannel channel;
  private final Object appended = new Object();
  private final ByteArrayLine[] partial = {null, new ByteArrayLine(), new ByteArrayLine()};
  private volatile long size;
  private volatile boolean closed;

  private ContainerLog(Path file, FileChannel channel) throws IOException {
    this.file = file;
    this.channel = channel;
    this.size = channel.size();
  }

  /** Opens (or creates) the log at {@code file}. */
  public static ContainerLog open(Path file) {
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      channel.position(channel.size());
      return new ContainerLog(file, channel);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path file() {
    return file;
  }

  /** Appends output read from {@code stream}, split into lines. */
  public void append(int stream, byte[] bytes, int offset, int length) {
    synchronized (this) {
      ByteArrayLine line = partial[stream];
      int start = offset;
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          line.add(bytes, start, i + 1 - start);
          write(stream, line.take());
          start = i + 1;
        }
      }
      if (start < offset + length) {
        line.add(bytes, start, offset + length - start);
        if (line.length() > 16 * 1024) {
          write(stream, line.take());
        }
      }
    }
    signal();
  }

  /** Writes out any unterminated last line of each stream (at the end of a run). */
  public void flush() {
    synchronized (this) {
      for (int stream = STDOUT; stream <= STDERR; stream++) {
        if (partial[stream].length() > 0) {
          write(stream, partial[stream].take());
        }
      }
    }
    signal();
  }

  private void write(int stream, byte[] line) {
    ByteBuffer record = ByteBuffer.allocate(HEADER + line.length);
    Instant now = Instant.now();
    record.put((byte) stream);
    record.putLong(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    record.putInt(line.length);
    record.put(line);
    record.flip();
    try {
      while (record.hasRemaining()) {
        channel.write(record);
      }
      size = channel.position();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void signal() {
    synchronized (appended) {
      appended.notifyAll();
    }
  }

  /**
   * Reads entries: the last {@code tail} (negative for all) of those from {@code since} to {@code
   * until} (either null), then, when {@code follow}, new ones until {@code stillRunning} says the
   * container stopped and the log is drained, or the sink refuses.
   */
  public void read(
      int tail,
      Instant since,
      Instant until,
      boolean follow,
      java.util.function.BooleanSupplier stillRunning,
      Sink sink)
      throws IOException, InterruptedException {
    long position = 0;
    long end = size;
    Deque<Entry> last = tail >= 0 ? new ArrayDeque<>() : null;
    if (tail != 0) {
      position =
          scan(
              position,
              end,
              since,
              until,
              entry -> {
                if (last != null) {
                  last.addLast(entry);
                  if (last.size() > tail) {
                    last.removeFirst();
                  }
                  return true;
                }
                return sink.accept(entry);
              });
      if (last != null) {
        for (Entry entry : last) {
          if (!sink.accept(entry)) {
            return;
          }
        }
      }
    } else {
      position = end;
    }
    if (!follow) {
      return;
    }
    while (!closed) {
      long now = size;
      if (now > position) {
        boolean[] go = {true};
        position = scan(position, now, since, until, entry -> go[0] = sink.accept(entry));
        if (!go[0]) {
          return;
        }
        continue;
      }
      if (!stillRunning.getAsBoolean()) {
        if (size == position) {
          return;
        }
        continue;
      }
      synchronized (appended) {
        if (size == position) {
          appended.wait(200);
        }
      }
    }
  }

  private long scan(long from, long to, Instant since, Instant until, Sink sink)
      throws IOException {
    long position = from;
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    while (position + HEADER <= to) {
      header.clear();
      readFully(header, position);
      header.flip();
      int stream = header.get();
      long nanos = header.getLong();
      int length = header.getInt();
      if (length < 0 || position + HEADER + length > to) {
        break;
      }
      Instant time = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
      boolean wanted =
          (since == null || !time.isBefore(since)) && (until == null || !time.isAfter(until));
      if (wanted) {
        ByteBuffer body = ByteBuffer.allocate(length);
        readFully(body, position + HEADER);
        if (!sink.accept(new Entry(stream, time, body.array()))) {
          return position + HEADER + length;
        }
      }
      position += HEADER + length;
    }
    return position;
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("log " + file + " ends early at " + at);
      }
      at += n;
    }
  }

  @Override
  public void close() {
    flush();
    closed = true;
    signal();
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A growable byte buffer for the line being read. */
  private static final class ByteArrayLine {
    private byte[] bytes = new byte[256];
    private int length;

    void add(byte[] source, int offset, int count) {
      if (length + count > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
      }
      System.arraycopy(source, offset, bytes, length, count);
      length += count;
    }

    int length() {
      return length;
    }

    byte[] take() {
      byte[] line = java.util.Arrays.copyOf(bytes, length);
      length = 0;
      return line;
    }
  }
}
