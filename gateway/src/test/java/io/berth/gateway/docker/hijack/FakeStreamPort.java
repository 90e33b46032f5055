package io.berth.gateway.docker.hijack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The container-service's stream port, faked on a real socket: records the header line, refuses
 * "missing", echoes stdin (as stdout frames unless TTY), then says "stdin closed" on stderr.
 */
final class FakeStreamPort implements AutoCloseable {
  private final BlockingQueue<String> headers = new LinkedBlockingQueue<>();
  private final ServerSocket socket = new ServerSocket();
  private final List<Socket> accepted = new ArrayList<>();

  FakeStreamPort() throws IOException {
    socket.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread accept = new Thread(this::accept, "fake-stream-port");
    accept.setDaemon(true);
    accept.start();
  }

  /** The header lines received, in order. */
  BlockingQueue<String> headers() {
    return headers;
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    try {
      while (true) {
        Socket connection = socket.accept();
        synchronized (accepted) {
          accepted.add(connection);
        }
        Thread serve = new Thread(() -> serve(connection));
        serve.setDaemon(true);
        serve.start();
      }
    } catch (IOException closed) {
      // done
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      String header = readLine(in);
      headers.add(header);
      var out = new java.io.BufferedOutputStream(connection.getOutputStream());
      if (header.contains("\"id\":\"missing\"")) {
        out.write(
            "{\"ok\":false,\"status\":404,\"message\":\"No such container: missing\"}\n"
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
        return;
      }
      boolean tty = header.contains("\"tty\":true");
      out.write(("{\"ok\":true,\"tty\":" + tty + "}\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (header.contains("\"detach\":true")) {
        return;
      }
      byte[] buf = new byte[16 * 1024];
      for (int n = in.read(buf); n != -1; n = in.read(buf)) {
        if (tty) {
          out.write(buf, 0, n);
        } else {
          frame(out, 1, buf, n);
        }
        out.flush();
      }
      if (!tty) {
        byte[] bye = "stdin closed".getBytes(StandardCharsets.UTF_8);
        frame(out, 2, bye, bye.length);
      }
      out.flush();
      connection.shutdownOutput();
    } catch (IOException e) {
      // the test sees the effect
    }
  }

  private void frame(java.io.OutputStream out, int type, byte[] buf, int n) throws IOException {
    out.write(
        new byte[] {
          (byte) type, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n
        });
    out.write(buf, 0, n);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    synchronized (accepted) {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        throw new IOException("end of stream inside the header line");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
