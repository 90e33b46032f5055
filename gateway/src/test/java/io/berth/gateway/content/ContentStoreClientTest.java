package io.berth.gateway.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.berth.events.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blob API client against a small HTTP server on loopback that plays the content store. */
class ContentStoreClientTest {

  private static final String DIGEST = "sha256:" + "d".repeat(64);
  private static final String DIFF_ID = "sha256:" + "e".repeat(64);

  private HttpServer server;
  private ContentStoreClient client;
  private final Map<String, String> seenHeaders = new ConcurrentHashMap<>();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final CountDownLatch firstBytesArrived = new CountDownLatch(1);

  /** How the server answers an upload: as a tar, as a blob that is no tar, or with a refusal. */
  private volatile String uploadAnswer = "tar";

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/blobs", this::handle);
    server.start();
    client = new ContentStoreClient("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestHeaders().forEach((k, v) -> seenHeaders.put(k.toLowerCase(), v.get(0)));
    String path = exchange.getRequestURI().getPath();
    if (exchange.getRequestMethod().equals("POST")) {
      try (InputStream body = exchange.getRequestBody()) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = body.read(buffer)) > 0) {
          bytesReceived.addAndGet(n);
          firstBytesArrived.countDown();
        }
      }
      switch (uploadAnswer) {
        case "refuse" -> answer(exchange, 400, "{\"message\":\"the blob is too odd\"}");
        case "octet" ->
            answer(
                exchange,
                201,
                "{\"digest\":\"%s\",\"size\":%d,\"mediaType\":\"application/octet-stream\",\"diffId\":null,\"diffSize\":0}"
                    .formatted(DIGEST, bytesReceived.get()));
        default ->
            answer(
                exchange,
                201,
                "{\"digest\":\"%s\",\"size\":%d,\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"diffId\":\"%s\",\"diffSize\":%d}"
                    .formatted(DIGEST, bytesReceived.get(), DIFF_ID, bytesReceived.get()));
      }
      return;
    }
    if (path.equals("/blobs/" + DIGEST)) {
      answer(exchange, 200, "archive bytes");
    } else {
      answer(exchange, 404, "{\"message\":\"blob not found\"}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void uploadStreamsTheBodyAndReadsTheBlobInfo() {
    BlobInfo blob = client.upload(new ByteArrayInputStream(new byte[5000]), null);

    assertThat(blob.digest()).isEqualTo(DIGEST);
    assertThat(blob.size()).isEqualTo(5000);
    assertThat(blob.diffId()).isEqualTo(DIFF_ID);
    assertThat(blob.isTar()).isTrue();
    assertThat(seenHeaders).doesNotContainKey("berth-media-type");
  }

  @Test
  void uploadSendsTheBytesWhileTheyAreStillBeingProduced() {
    // The source stops after its first megabyte until the server has seen bytes: a client that
    // buffered the whole body before sending would never get past it.
    InputStream source =
        new InputStream() {
          private long produced;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (produced == 1 << 20) {
              try {
                if (!firstBytesArrived.await(10, TimeUnit.SECONDS)) {
                  throw new IOException("the server saw nothing of the first megabyte");
                }
              } catch (InterruptedException e) {
                throw new IOException(e);
              }
            }
            if (produced >= 2 << 20) {
              return -1;
            }
            int n = (int) Math.min(len, (produced < 1 << 20 ? 1 << 20 : 2 << 20) - produced);
            produced += n;
            return n;
          }
        };

    BlobInfo blob = client.upload(source, null);

    assertThat(blob.size()).isEqualTo(2 << 20);
    assertThat(seenHeaders.get("transfer-encoding")).isEqualTo("chunked");
  }

  @Test
  void uploadNamesTheMediaTypeOfANonLayerBlob() {
    client.upload(new ByteArrayInputStream(new byte[1]), "application/vnd.berth.test");

    assertThat(seenHeaders).containsEntry("berth-media-type", "application/vnd.berth.test");
  }

  @Test
  void anUploadThatIsNoTarHasNoDiffId() {
    uploadAnswer = "octet";

    BlobInfo blob = client.upload(new ByteArrayInputStream("hello".getBytes()), null);

    assertThat(blob.isTar()).isFalse();
    assertThat(blob.mediaType()).isEqualTo("application/octet-stream");
  }

  @Test
  void aRefusalCarriesTheStoresMessage() {
    uploadAnswer = "refuse";

    assertThatThrownBy(() -> client.upload(InputStream.nullInputStream(), null))
        .isInstanceOfSatisfying(
            ContentStoreException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("the blob is too odd")
        .hasMessageContaining("HTTP 400");
  }

  @Test
  void openStreamsABlobWithItsLength() throws IOException {
    try (Blob blob = client.open(DIGEST)) {
      assertThat(blob.length()).isEqualTo("archive bytes".length());
      assertThat(new String(blob.content().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("archive bytes");
    }
  }

  @Test
  void aMissingBlobIsNotFound() {
    assertThatThrownBy(() -> client.open("sha256:" + "0".repeat(64)))
        .isInstanceOfSatisfying(
            ContentStoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageContaining("blob not found");
  }

  @Test
  void anUnreachableStoreIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ContentStoreClient nowhere = new ContentStoreClient("http://127.0.0.1:" + closedPort);

    assertThatThrownBy(() -> nowhere.upload(InputStream.nullInputStream(), null))
        .isInstanceOfSatisfying(
            ContentStoreException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
        .hasMessageContaining("unreachable");
  }
}
