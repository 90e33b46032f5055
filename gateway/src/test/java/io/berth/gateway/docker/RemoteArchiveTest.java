package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code docker import <URL>}: the address and the download's errors, worded as moby words them.
 */
class RemoteArchiveTest {

  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int status = path.equals("/rootfs.tar") ? 200 : path.equals("/bad") ? 400 : 404;
          if (path.equals("/moved")) {
            exchange.getResponseHeaders().set("Location", "/rootfs.tar");
            status = 302;
          }
          byte[] body =
              (status == 200 ? "tar bytes" : "not here\n").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, status == 302 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            if (status != 302) {
              out.write(body);
            }
          }
        });
    server.start();
    base = "127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void anAddressWithoutASchemeIsHttp() {
    assertThat(RemoteArchive.address("example.com/rootfs.tar"))
        .isEqualTo(URI.create("http://example.com/rootfs.tar"));
    assertThat(RemoteArchive.address("https://example.com/a.tar"))
        .isEqualTo(URI.create("https://example.com/a.tar"));
  }

  @Test
  void anotherSchemeIsRefused() {
    assertThatThrownBy(() -> RemoteArchive.address("ftp://example.com/a.tar"))
        .isInstanceOf(DockerApiException.class)
        .hasMessage("Get \"ftp://example.com/a.tar\": unsupported protocol scheme \"ftp\"");
  }

  @Test
  void downloadsAndFollowsRedirects() throws IOException {
    RemoteArchive remote = new RemoteArchive();

    try (InputStream body = remote.open(URI.create("http://" + base + "/moved"))) {
      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("tar bytes");
    }
  }

  @Test
  void aMissingFileIsNotFoundAndQuotesTheServer() {
    URI missing = URI.create("http://" + base + "/missing.tar");

    assertThatThrownBy(() -> new RemoteArchive().open(missing))
        .isInstanceOfSatisfying(
            DockerApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(404))
        .hasMessage("failed to GET " + missing + " with status 404: not here");
  }

  @Test
  void aBadRequestIsABadRequest() {
    assertThatThrownBy(() -> new RemoteArchive().open(URI.create("http://" + base + "/bad")))
        .isInstanceOfSatisfying(
            DockerApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(400));
  }

  @Test
  void aRefusedConnectionIsAServerError() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/a.tar");

    assertThatThrownBy(() -> new RemoteArchive().open(nowhere))
        .isInstanceOfSatisfying(
            DockerApiException.class, e -> assertThat(e.status().getCode()).isEqualTo(500))
        .hasMessageStartingWith("Get \"" + nowhere + "\": ");
  }
}
