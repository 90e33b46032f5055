package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.launcher.EmbeddedKafkaBroker;
import io.berth.launcher.TopicSetup;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the gateway's Netty server writes the streaming answers of wait and of the proxied endpoints:
 * the status line and headers leave before the body is known ({@code docker run} blocks on the
 * wait's headers before it starts the container), and each chunk a stream yields is flushed as it
 * comes. Needs an embedded Kafka broker (the gateway's context reads its topics), hence an IT.
 */
class ContainerStreamingIT {

  static final String PROBE = "berth.test.streaming-probe";

  private static EmbeddedKafkaBroker broker;
  private static EmbeddedServer server;

  static final CompletableFuture<String> WAIT_JSON = new CompletableFuture<>();
  static volatile PipedOutputStream logWriter;

  /** Answers as the real controllers do, from bodies the test controls. */
  @Controller("/containers")
  @Requires(property = PROBE, value = "true")
  public static class Probe {
    @Get("/probe-wait")
    public HttpResponse<?> waitLike() {
      return HttpResponse.ok(new WaitBody(WAIT_JSON, () -> {}))
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Get("/probe-logs")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> logsLike() throws IOException {
      PipedInputStream in = new PipedInputStream(1 << 16);
      logWriter = new PipedOutputStream(in);
      logWriter.write("first\n".getBytes(StandardCharsets.UTF_8));
      logWriter.flush();
      return HttpResponse.ok((InputStream) in).contentType("application/vnd.docker.raw-stream");
    }
  }

  @BeforeAll
  static void startGateway() throws Exception {
    Path dir = Files.createTempDirectory("berth-streaming-");
    broker = EmbeddedKafkaBroker.startOnFreePorts(dir.resolve("kafka"));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      TopicSetup.ensureTopics(admin, TopicSetup.Options.singleNode());
    }
    server =
        ApplicationContext.run(
            EmbeddedServer.class,
            Map.of(
                "kafka.bootstrap.servers",
                broker.bootstrapServers(),
                "berth.data-dir",
                dir.toString(),
                "micronaut.server.port",
                -1,
                PROBE,
                "true"));
  }

  @AfterAll
  static void stopGateway() {
    if (server != null) {
      server.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aWaitsHeadersLeaveBeforeItsAnswerIsKnown() throws Exception {
    try (Socket socket = request("/containers/probe-wait")) {
      String head = readHead(socket.getInputStream());
      assertThat(head)
          .startsWith("HTTP/1.1 200 OK")
          .containsIgnoringCase("content-type: application/json");

      WAIT_JSON.complete("{\"StatusCode\":0,\"Error\":null}\n");

      assertThat(readUntil(socket.getInputStream(), "\r\n0\r\n\r\n"))
          .contains("{\"StatusCode\":0,\"Error\":null}");
    }
  }

  @Test
  void aStreamedBodyIsFlushedChunkByChunk() throws Exception {
    try (Socket socket = request("/containers/probe-logs")) {
      String head = readHead(socket.getInputStream());
      assertThat(head).containsIgnoringCase("content-type: application/vnd.docker.raw-stream");
      assertThat(readUntil(socket.getInputStream(), "first\n")).endsWith("first\n");

      logWriter.write("second\n".getBytes(StandardCharsets.UTF_8));
      logWriter.close();

      assertThat(readUntil(socket.getInputStream(), "\r\n0\r\n\r\n")).contains("second\n");
    }
  }

  private static Socket request(String path) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.getPort());
    socket.setSoTimeout(10_000);
    socket
        .getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  private static String readHead(InputStream in) throws IOException {
    return readUntil(in, "\r\n\r\n");
  }

  /** Reads byte by byte until the text ends with {@code end}; the socket's timeout bounds it. */
  private static String readUntil(InputStream in, String end) throws IOException {
    StringBuilder text = new StringBuilder();
    while (!text.toString().endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      text.append((char) b);
    }
    return text.toString();
  }
}
