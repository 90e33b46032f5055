package io.berth.gateway.docker.hijack;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.messaging.TestSupport;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hijack inside the real gateway (Micronaut's Netty server, a real Kafka broker for its bus),
 * spliced onto a fake stream port: the customizer puts the handler in Micronaut's pipeline, and
 * Micronaut still answers the other requests on the same connection.
 */
class HijackIT {

  private static FakeStreamPort streamPort;
  private static EmbeddedServer gateway;

  @BeforeAll
  static void start() throws Exception {
    streamPort = new FakeStreamPort();
    gateway =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap.servers", TestSupport.bootstrapServers(),
                "berth.data-dir", Files.createTempDirectory("berth-hijack-it").toString(),
                "gateway.container-stream.port", streamPort.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (gateway != null) {
      gateway.getApplicationContext().close();
    }
    streamPort.close();
  }

  @Test
  void pingThenAttachOnOneConnectionOfTheRealGateway() throws Exception {
    try (Socket client = new Socket(gateway.getHost(), gateway.getPort())) {
      client.setSoTimeout(10_000);
      DataInputStream in = new DataInputStream(client.getInputStream());
      send(client, "GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n");
      Map<String, String> ping = readHead(in);
      assertThat(ping.get("")).isEqualTo("HTTP/1.1 200 OK");
      in.readFully(new byte[Integer.parseInt(ping.get("content-length"))]);

      send(
          client,
          "POST /v1.44/containers/web/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\n"
              + "Host: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
      Map<String, String> head = readHead(in);
      assertThat(head.get("")).isEqualTo("HTTP/1.1 101 UPGRADED");
      assertThat(head).containsEntry("content-type", "application/vnd.docker.multiplexed-stream");
      assertThat(streamPort.headers().poll(5, TimeUnit.SECONDS)).contains("\"id\":\"web\"");

      send(client, "hi");
      client.shutdownOutput();
      assertThat(readFrame(in)).isEqualTo("1:hi");
      assertThat(readFrame(in)).isEqualTo("2:stdin closed");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void aRefusedExecIsDockersErrorAnswer() throws Exception {
    try (Socket client = new Socket(gateway.getHost(), gateway.getPort())) {
      client.setSoTimeout(10_000);
      String body = "{\"Detach\":false,\"Tty\":false}";
      send(
          client,
          "POST /exec/missing/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
              + body);
      DataInputStream in = new DataInputStream(client.getInputStream());
      Map<String, String> head = readHead(in);
      assertThat(head.get("")).isEqualTo("HTTP/1.1 404 Not Found");
      byte[] error = new byte[Integer.parseInt(head.get("content-length"))];
      in.readFully(error);
      assertThat(new String(error, StandardCharsets.UTF_8))
          .isEqualTo("{\"message\":\"No such container: missing\"}");
    }
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  private static Map<String, String> readHead(InputStream in) throws IOException {
    Map<String, String> head = new java.util.LinkedHashMap<>();
    head.put("", readLine(in));
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      head.put(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).trim());
    }
    return head;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      assertThat(b).as("end of stream inside a line").isNotEqualTo(-1);
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static String readFrame(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    in.skipNBytes(3);
    byte[] payload = new byte[in.readInt()];
    in.readFully(payload);
    return type + ":" + new String(payload, StandardCharsets.UTF_8);
  }
}
