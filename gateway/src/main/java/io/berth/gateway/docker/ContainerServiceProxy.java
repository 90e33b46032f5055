package io.berth.gateway.docker;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/**
 * Proxies what carries live or bulk bytes (logs, stats, top, archives, resizes, exec inspection) to
 * the container-service's own HTTP server at the same path, streaming both ways: status, the
 * headers that matter and the body pass through unchanged.
 */
@Singleton
public class ContainerServiceProxy {

  private static final List<String> PASSED_HEADERS =
      List.of("Content-Type", "X-Docker-Container-Path-Stat");

  private final URI base;
  private final HttpClient http;

  public ContainerServiceProxy(
      @Value("${berth.container-service.url:`http://127.0.0.1:23753`}") String url) {
    this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** Sends {@code method pathAndQuery} with an optional body and streams the answer back. */
  public CompletableFuture<HttpResponse<?>> forward(
      String method, String pathAndQuery, InputStream body) {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofInputStream(() -> body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .method(method, publisher)
            .header("Content-Type", "application/x-tar")
            .build();
    return http.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofPublisher())
        .<HttpResponse<?>>thenApply(
            answer -> {
              MutableHttpResponse<Object> response =
                  HttpResponse.status(HttpStatus.valueOf(answer.statusCode()));
              for (String name : PASSED_HEADERS) {
                answer.headers().firstValue(name).ifPresent(v -> response.header(name, v));
              }
              if (method.equals("HEAD")) {
                return response;
              }
              Flux<byte[]> bytes =
                  JdkFlowAdapter.flowPublisherToFlux(answer.body())
                      .concatMapIterable(buffers -> buffers)
                      .map(ContainerServiceProxy::bytes);
              boolean json =
                  answer.headers().firstValue("Content-Type").orElse("").contains("json");
              if (json) {
                // Small documents; streamed with a JSON type Micronaut would frame them as an
                // array.
                return response.body(
                    bytes
                        .reduce(
                            new java.io.ByteArrayOutputStream(),
                            (out, chunk) -> {
                              out.writeBytes(chunk);
                              return out;
                            })
                        .map(java.io.ByteArrayOutputStream::toByteArray)
                        .toFuture()
                        .join());
              }
              return response.body(bytes);
            })
        .exceptionally(
            e ->
                DockerErrorHandlers.error(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "the container-service cannot be reached: " + e.getMessage()));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
