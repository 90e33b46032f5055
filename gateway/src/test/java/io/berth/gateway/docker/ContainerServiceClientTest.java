package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy to the container-service, against a tiny local HTTP server standing in for it. */
class ContainerServiceClientTest {

  private static final String ID = "a".repeat(64);

  private HttpServer server;
  private ContainerServiceClient client;
  private final AtomicReference<String> seenUri = new AtomicReference<>();
  private final AtomicReference<String> seenMethod = new AtomicReference<>();
  private final AtomicReference<String> seenContentType = new AtomicReference<>();
  private final AtomicReference<String> seenAccept = new AtomicReference<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/containers/" + ID + "/logs", this::followedLogs);
    server.createContext("/containers/" + ID + "/archive", this::archive);
    server.createContext("/containers/" + ID + "/resize", this::noContent);
    server.createContext("/exec/", this::missing);
    server.start();
    client =
        new ContainerServiceClient(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private void record(HttpExchange exchange) {
    seenUri.set(exchange.getRequestURI().toString());
    seenMethod.set(exchange.getRequestMethod());
    seenContentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
    seenAccept.set(exchange.getRequestHeaders().getFirst("Accept"));
  }

  /** Writes one line, then a second only once the test allows it: a followed log. */
  private void followedLogs(HttpExchange exchange) throws IOException {
    record(exchange);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.docker.multiplexed-stream");
    exchange.getResponseHeaders().add("X-Unrelated", "dropped");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write("first\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      release.await(10, TimeUnit.SECONDS);
      out.write("second\n".getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** GET and HEAD answer a stat header; PUT answers the digest of what it read. */
  private void archive(HttpExchange exchange) throws IOException {
    record(exchange);
    exchange.getResponseHeaders().add("X-Docker-Container-Path-Stat", "eyJuYW1lIjoiZXRjIn0=");
    switch (exchange.getRequestMethod()) {
      case "HEAD" -> exchange.sendResponseHeaders(200, -1);
      case "PUT" -> {
        String digest;
        try (InputStream in = exchange.getRequestBody()) {
          digest = sha256(in);
        }
        byte[] answer = digest.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
      }
      default -> {
        exchange.getResponseHeaders().add("Content-Type", "application/x-tar");
        byte[] tar = new byte[1024];
        exchange.sendResponseHeaders(200, tar.length);
        exchange.getResponseBody().write(tar);
      }
    }
    exchange.close();
  }

  private void noContent(HttpExchange exchange) throws IOException {
    record(exchange);
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  private void missing(HttpExchange exchange) throws IOException {
    record(exchange);
    byte[] body = "{\"message\":\"No such exec instance: x\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(404, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Test
  void aLiveBodyStreamsBeforeTheServiceHasFinishedIt() throws Exception {
    try (ContainerServiceClient.Answer answer =
        client.send(
            "GET",
            "/containers/" + ID + "/logs?follow=1&stdout=1&tail=all",
            Map.of("Host", "x", "Accept", "*/*"),
            null)) {
      assertThat(seenUri.get()).isEqualTo("/containers/" + ID + "/logs?follow=1&stdout=1&tail=all");
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.headers())
          .containsEntry("Content-Type", "application/vnd.docker.multiplexed-stream")
          .doesNotContainKey("X-Unrelated");

      byte[] first = answer.body().readNBytes(6);
      assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first\n");

      release.countDown();
      assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("second\n");
    }
  }

  @Test
  void anUploadStreamsThroughWhole() throws Exception {
    byte[] tar = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(tar);

    try (ContainerServiceClient.Answer answer =
        client.send(
            "PUT",
            "/containers/" + ID + "/archive?path=%2Ftmp&noOverwriteDirNonDir=1&copyUIDGID=1",
            Map.of("Content-Type", "application/x-tar"),
            new ByteArrayInputStream(tar))) {
      assertThat(seenMethod.get()).isEqualTo("PUT");
      assertThat(seenUri.get()).endsWith("?path=%2Ftmp&noOverwriteDirNonDir=1&copyUIDGID=1");
      assertThat(seenContentType.get()).isEqualTo("application/x-tar");
      assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(sha256(new ByteArrayInputStream(tar)));
    }
  }

  @Test
  void aStatHeaderComesBackFromHeadAndGet() throws Exception {
    try (ContainerServiceClient.Answer head =
        client.send("HEAD", "/containers/" + ID + "/archive?path=/etc", Map.of(), null)) {
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers())
          .containsEntry("X-Docker-Container-Path-Stat", "eyJuYW1lIjoiZXRjIn0=");
    }
    try (ContainerServiceClient.Answer get =
        client.send(
            "GET",
            "/containers/" + ID + "/archive?path=/etc",
            Map.of("Accept", "application/x-tar"),
            null)) {
      assertThat(seenAccept.get()).as("docker-java's Accept is not passed on").isNull();
      assertThat(get.headers())
          .containsEntry("X-Docker-Container-Path-Stat", "eyJuYW1lIjoiZXRjIn0=")
          .containsEntry("Content-Type", "application/x-tar");
      assertThat(get.body().readAllBytes()).hasSize(1024);
    }
  }

  @Test
  void theServicesErrorsComeBackAsTheyAre() throws Exception {
    try (ContainerServiceClient.Answer answer =
        client.send("GET", "/exec/x/json", Map.of(), null)) {
      assertThat(answer.status()).isEqualTo(404);
      assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8))
          .contains("No such exec instance: x");
    }
  }

  @Test
  void theClientsAnswerHasTheStatusHeadersAndBodyOfTheServices() throws Exception {
    ContainerServiceClient.Answer answer = client.send("GET", "/exec/x/json", Map.of(), null);

    MutableHttpResponse<?> response = ContainerProxyController.answer(answer, false);

    assertThat(response.code()).isEqualTo(404);
    assertThat(response.getContentType())
        .hasValueSatisfying(type -> assertThat(type.toString()).isEqualTo("application/json"));
    assertThat(response.getBody()).containsInstanceOf(InputStream.class);
    try (InputStream body = (InputStream) response.getBody().orElseThrow()) {
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("No such exec");
    }
  }

  @Test
  void aBodilessAnswerHasNoBody() throws Exception {
    ContainerServiceClient.Answer answer =
        client.send("POST", "/containers/" + ID + "/resize?h=40&w=120", Map.of(), null);

    HttpResponse<?> response = ContainerProxyController.answer(answer, false);

    assertThat(seenUri.get()).endsWith("?h=40&w=120");
    assertThat(response.code()).isEqualTo(204);
    assertThat(response.getBody()).isEmpty();
  }

  @Test
  void anUnreachableServiceIsUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ContainerServiceClient nowhere =
        new ContainerServiceClient(
            URI.create("http://127.0.0.1:" + port), HttpClient.newHttpClient());

    assertThatThrownBy(() -> nowhere.send("GET", "/containers/x/top", Map.of(), null))
        .isInstanceOfSatisfying(
            DockerApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(503))
        .hasMessageContaining("is unreachable");
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
