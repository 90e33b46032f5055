package io.berth.container.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream server on a real socket, with an echo target: stdin comes back as stdout frames. */
class StreamServerTest {

  private final AtomicReference<StreamRequest> seen = new AtomicReference<>();
  private StreamServer server;

  @BeforeEach
  void start() throws IOException {
    server = new StreamServer("127.0.0.1", 0, new EchoTarget());
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anAttachEchoesStdinAsStdoutFramesUntilStdinCloses() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "{\"op\":\"attach\",\"id\":\"web\",\"stdin\":true,\"stdout\":true,\"stderr\":true,"
              + "\"stream\":true,\"logs\":false,\"detachKeys\":null}\n");
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(readLine(in)).isEqualTo("{\"ok\":true,\"tty\":false}");

      send(socket, "hello\n");
      assertThat(readFrame(in)).isEqualTo(new Frame(1, "hello\n"));
      send(socket, "world");
      socket.shutdownOutput();

      assertThat(readFrame(in)).isEqualTo(new Frame(1, "world"));
      assertThat(readFrame(in)).isEqualTo(new Frame(2, "stdin closed"));
      assertThat(in.read()).as("the server closes after the session").isEqualTo(-1);
    }
    assertThat(seen.get())
        .isEqualTo(StreamRequest.attach("web", true, true, true, true, false, null));
  }

  @Test
  void anExecHeaderCarriesItsTtyAndConsoleSize() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "{\"op\":\"exec\",\"id\":\"e1\",\"tty\":true,\"detach\":false,"
              + "\"consoleHeight\":24,\"consoleWidth\":80,\"future\":1}\n");
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(readLine(in)).isEqualTo("{\"ok\":true,\"tty\":true}");
      send(socket, "raw");
      socket.shutdownOutput();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("raw");
    }
    assertThat(seen.get()).isEqualTo(StreamRequest.exec("e1", true, false, 24, 80));
  }

  @Test
  void aRefusedIdGetsTheErrorLineAndTheConnectionEnds() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "{\"op\":\"attach\",\"id\":\"missing\",\"stdout\":true}\n");
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(readLine(in))
          .isEqualTo("{\"ok\":false,\"status\":404,\"message\":\"No such container: missing\"}");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void aMalformedHeaderIsRefusedWith400() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "{\"op\":\"dance\",\"id\":\"x\"}\n");
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(readLine(in)).startsWith("{\"ok\":false,\"status\":400,").contains("dance");
    }
  }

  @Test
  void aHeaderLineLongerThan64KiBIsRefused() throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("{\"op\":\"attach\",\"id\":\"" + "x".repeat(StreamServer.MAX_HEADER_LINE))
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      assertThat(readLine(in)).startsWith("{\"ok\":false,\"status\":400,").contains("longer");
    }
  }

  @Test
  void theDefaultTargetRefusesWith501() {
    StreamRequest attach = StreamRequest.attach("web", true, true, true, true, false, null);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new UnsupportedStreamTarget().open(attach))
        .isInstanceOfSatisfying(
            StreamRefusedException.class, e -> assertThat(e.status()).isEqualTo(501))
        .hasMessage("attach is not supported yet");
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.localAddress().getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      assertThat(b).as("end of stream before the line ended").isNotEqualTo(-1);
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private static Frame readFrame(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    in.skipNBytes(3);
    byte[] payload = new byte[in.readInt()];
    in.readFully(payload);
    return new Frame(type, new String(payload, StandardCharsets.UTF_8));
  }

  private record Frame(int type, String text) {}

  /** Echoes stdin: framed as stdout unless TTY; refuses the id "missing". */
  private final class EchoTarget implements StreamTarget {
    @Override
    public StreamSession open(StreamRequest request) throws StreamRefusedException {
      seen.set(request);
      if (request.id().equals("missing")) {
        throw new StreamRefusedException(404, "No such container: missing");
      }
      boolean tty = request.tty();
      return new StreamSession() {
        @Override
        public boolean tty() {
          return tty;
        }

        @Override
        public void run(InputStream fromClient, OutputStream toClient) throws IOException {
          OutputStream stdout = tty ? toClient : StdFrames.stream(toClient, StdFrames.STDOUT);
          byte[] buf = new byte[4096];
          for (int n = fromClient.read(buf); n != -1; n = fromClient.read(buf)) {
            stdout.write(buf, 0, n);
            stdout.flush();
          }
          if (!tty) {
            StdFrames.stream(toClient, StdFrames.STDERR)
                .write("stdin closed".getBytes(StandardCharsets.UTF_8));
          }
        }
      };
    }
  }
}
