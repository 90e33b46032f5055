package io.berth.container.handling;

import io.berth.container.ContainerException;
import io.berth.container.runtime.ContainerLog;
import io.berth.container.runtime.ContainerRuntime;
import io.berth.container.runtime.RunningProcess;
import io.berth.container.store.ContainerRow;
import io.berth.container.store.ContainerRows;
import io.berth.container.store.ContainerState;
import io.berth.container.stream.StdFrames;
import io.berth.container.stream.StreamRefusedException;
import io.berth.container.stream.StreamRequest;
import io.berth.container.stream.StreamSession;
import io.berth.container.stream.StreamTarget;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The runtime behind {@code docker attach}, {@code docker run} without {@code -d}, {@code docker
 * start -a} and {@code docker exec}: the stream server's connections become the process's stdin and
 * a copy of its output.
 */
@Singleton
public class ContainerStreams implements StreamTarget {

  private final ContainerQueryHandler queries;
  private final ContainerRuntime runtime;
  private final ContainerExecs execs;

  public ContainerStreams(
      ContainerQueryHandler queries, ContainerRuntime runtime, ContainerExecs execs) {
    this.queries = queries;
    this.runtime = runtime;
    this.execs = execs;
  }

  @Override
  public StreamSession open(StreamRequest request) throws StreamRefusedException {
    try {
      return request.op().equals(StreamRequest.EXEC) ? exec(request) : attach(request);
    } catch (ContainerException e) {
      throw new StreamRefusedException(e.httpStatus(), e.getMessage());
    }
  }

  private StreamSession attach(StreamRequest request) {
    ContainerRow row = queries.resolve(request.id());
    if (row.state() == ContainerState.PAUSED) {
      throw new ContainerException(
          io.berth.events.ErrorCode.FAILED_PRECONDITION,
          "You cannot attach to a paused container, unpause it first");
    }
    boolean tty = ContainerRows.config(row).tty();
    String id = row.id();
    // Attached before the answer line goes out: the client starts the container only after the
    // answer, so no output can be missed; it is buffered until the session runs.
    Forwarder forwarder = new Forwarder(tty, request.stdout(), request.stderr());
    RunningProcess[] process = new RunningProcess[1];
    if (request.stream()) {
      runtime.attach(id, forwarder).ifPresent(p -> process[0] = p);
    }
    return new StreamSession() {
      @Override
      public boolean tty() {
        return tty;
      }

      @Override
      public void run(InputStream fromClient, OutputStream toClient) throws IOException {
        if (request.logs()) {
          try {
            runtime
                .log(id)
                .read(
                    -1,
                    null,
                    null,
                    false,
                    () -> false,
                    entry -> {
                      Forwarder.write(
                          toClient, tty, entry.stream(), entry.bytes(), entry.bytes().length);
                      return true;
                    });
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (!request.stream()) {
          return;
        }
        forwarder.connect(toClient);
        // stdin may come before the start (docker run -i): it waits for the process.
        Thread input =
            request.stdin()
                ? copyInput(
                    fromClient,
                    bytes -> {
                      RunningProcess p = awaitProcess(id, process, forwarder);
                      if (p != null) {
                        p.writeStdin(bytes, bytes.length);
                      }
                    },
                    () -> {
                      RunningProcess p = awaitProcess(id, process, forwarder);
                      if (p != null) {
                        p.closeStdin();
                      }
                    })
                : null;
        try {
          forwarder.awaitClosed();
        } finally {
          runtime.detach(id, forwarder);
          if (input != null) {
            input.interrupt();
          }
        }
      }
    };
  }

  /** The attached process, waiting for its start while the session lasts. */
  private RunningProcess awaitProcess(String id, RunningProcess[] known, Forwarder forwarder) {
    while (known[0] == null && !forwarder.isClosed()) {
      RunningProcess p = runtime.process(id).orElse(null);
      if (p != null) {
        known[0] = p;
        break;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return known[0];
  }

  private StreamSession exec(StreamRequest request) {
    ContainerExecs.Exec known =
        execs
            .find(request.id())
            .orElseThrow(
                () ->
                    new ContainerException(
                        io.berth.events.ErrorCode.NOT_FOUND,
                        "No such exec instance: " + request.id()));
    boolean tty = known.request().tty();
    return new StreamSession() {
      @Override
      public boolean tty() {
        return tty;
      }

      @Override
      public void run(InputStream fromClient, OutputStream toClient) throws IOException {
        Forwarder forwarder =
            new Forwarder(tty, known.request().attachStdout(), known.request().attachStderr());
        forwarder.connect(toClient);
        ContainerExecs.Exec exec;
        try {
          exec = execs.start(request.id(), forwarder);
        } catch (ContainerException e) {
          StdFrames.write(
              toClient,
              StdFrames.STDERR,
              (e.getMessage() + "\n").getBytes(),
              0,
              e.getMessage().length() + 1);
          return;
        }
        RunningProcess process = exec.process();
        if (request.consoleHeight() > 0 && request.consoleWidth() > 0) {
          process.resize(request.consoleHeight(), request.consoleWidth());
        }
        Thread input =
            known.request().attachStdin()
                ? copyInput(
                    fromClient,
                    bytes -> process.writeStdin(bytes, bytes.length),
                    process::closeStdin)
                : null;
        try {
          forwarder.awaitClosed();
          // The client asks for the exit code next: have it recorded before the stream ends.
          for (int i = 0; i < 500 && exec.exitCode() == null; i++) {
            Thread.sleep(10);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          if (input != null) {
            input.interrupt();
          }
        }
      }
    };
  }

  private static Thread copyInput(InputStream from, Consumer<byte[]> to, Runnable atEnd) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = from.read(buffer)) > 0) {
                  to.accept(java.util.Arrays.copyOf(buffer, n));
                }
              } catch (IOException e) {
                // the client went away
              } finally {
                atEnd.run();
              }
            },
            "berth-stdin");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Copies a process's output to one client, framed unless it is a terminal; output that comes
   * before the client's stream is connected is kept (up to 8 MiB) and sent first.
   */
  private static final class Forwarder implements RunningProcess.OutputListener {
    private static final int MAX_PENDING = 8 * 1024 * 1024;
    private final boolean tty;
    private final boolean stdout;
    private final boolean stderr;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
    private OutputStream out;

    Forwarder(boolean tty, boolean stdout, boolean stderr) {
      this.tty = tty;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    synchronized void connect(OutputStream client) throws IOException {
      client.write(pending.toByteArray());
      client.flush();
      pending.reset();
      out = client;
    }

    @Override
    public synchronized void output(int stream, byte[] bytes, int length) throws IOException {
      if (stream == ContainerLog.STDOUT && !stdout || stream == ContainerLog.STDERR && !stderr) {
        return;
      }
      if (out == null) {
        if (pending.size() < MAX_PENDING) {
          write(pending, tty, stream, bytes, length);
        }
        return;
      }
      write(out, tty, stream, bytes, length);
      out.flush();
    }

    static void write(OutputStream to, boolean tty, int stream, byte[] bytes, int length)
        throws IOException {
      if (tty) {
        to.write(bytes, 0, length);
      } else {
        StdFrames.write(to, stream, bytes, 0, length);
      }
    }

    @Override
    public void closed() {
      closed.countDown();
    }

    boolean isClosed() {
      return closed.getCount() == 0;
    }

    void awaitClosed() {
      try {
        while (!closed.await(1, TimeUnit.SECONDS)) {
          // keep waiting: the process runs
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
