package io.berth.container.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Docker's multiplexed stream format for non-TTY attach, exec and logs: each frame is an 8-byte
 * header (the stream type, three zero bytes, the payload length as a big-endian uint32), then the
 * payload. See "Stream format" under "Attach to a container" in the Docker Engine API reference.
 */
public final class StdFrames {

  /** The stream type of stdin (Docker writes it only for logs of a TTY-less attach). */
  public static final int STDIN = 0;

  /** The stream type of stdout. */
  public static final int STDOUT = 1;

  /** The stream type of stderr. */
  public static final int STDERR = 2;

  /** The stream type Docker uses for its own error messages, e.g. a detach key sequence. */
  public static final int SYSTEM_ERR = 3;

  /** The frame header's length in bytes. */
  public static final int HEADER_LENGTH = 8;

  private StdFrames() {}

  /**
   * Writes one frame. Zero-length payloads write nothing (Docker never sends empty frames).
   *
   * @param out where the frame goes
   * @param streamType {@link #STDIN}, {@link #STDOUT}, {@link #STDERR} or {@link #SYSTEM_ERR}
   * @param buf the payload's array
   * @param off the payload's offset in {@code buf}
   * @param len the payload's length
   * @throws IOException from {@code out}
   */
  public static void write(OutputStream out, int streamType, byte[] buf, int off, int len)
      throws IOException {
    checkType(streamType);
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len == 0) {
      return;
    }
    byte[] header = {
      (byte) streamType,
      0,
      0,
      0,
      (byte) (len >>> 24),
      (byte) (len >>> 16),
      (byte) (len >>> 8),
      (byte) len
    };
    out.write(header);
    out.write(buf, off, len);
  }

  /**
   * An output stream that writes every write as one frame of a stream type. Writers sharing one
   * underlying stream must not write concurrently: callers lock on the underlying stream, as this
   * wrapper does for each frame.
   *
   * @param out the multiplexed connection
   * @param streamType the frames' stream type
   * @return the wrapper; closing it closes nothing
   */
  public static OutputStream stream(OutputStream out, int streamType) {
    checkType(streamType);
    return new FrameOutputStream(out, streamType);
  }

  private static void checkType(int streamType) {
    if (streamType < STDIN || streamType > SYSTEM_ERR) {
      throw new IllegalArgumentException("no such stream type: " + streamType);
    }
  }

  /** One stream type's frames onto a shared connection; one frame per write, under its lock. */
  private static final class FrameOutputStream extends OutputStream {

    private final OutputStream out;
    private final int streamType;

    FrameOutputStream(OutputStream out, int streamType) {
      this.out = Objects.requireNonNull(out, "out");
      this.streamType = streamType;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (out) {
        StdFrames.write(out, streamType, b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (out) {
        out.flush();
      }
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
