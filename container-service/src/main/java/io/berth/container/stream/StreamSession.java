package io.berth.container.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** One open attach or exec: copies the client's bytes to stdin and the output to the client. */
public interface StreamSession {

  /**
   * Whether the output is a TTY's raw bytes; if not, {@link #run} writes Docker's multiplexed
   * frames ({@link StdFrames}).
   *
   * @return true for a TTY session
   */
  boolean tty();

  /**
   * Copies until the output ends (the process exited, or the client went away). An end of {@code
   * fromClient} means the client closed stdin; the output still runs to its end. The server flushes
   * and closes the connection when this returns.
   *
   * @param fromClient the client's bytes, the process's stdin
   * @param toClient the process's output, framed unless {@link #tty()}
   * @throws IOException when the connection fails
   */
  void run(InputStream fromClient, OutputStream toClient) throws IOException;
}
