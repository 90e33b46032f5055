package io.berth.gateway.docker;

import io.berth.events.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The container-service's own HTTP server, which answers the Engine API paths that carry bulk or
 * live bytes (logs, stats, top, archive, resize, exec start and inspect) exactly as Docker does.
 * Requests and answers stream in both directions, never held whole; only connecting has a timeout,
 * since a followed log or a stats stream lasts as long as the client wants.
 */
@Singleton
public class ContainerServiceClient {

  /**
   * Request headers passed on; the rest (Host, Connection, Content-Length...) are hop-by-hop. Not
   * {@code Accept}: the Engine API never negotiates, and the service's routes would refuse
   * docker-java's {@code application/x-tar} for an archive.
   */
  static final Set<String> REQUEST_HEADERS = Set.of("content-type");

  /** Answer headers passed back. */
  static final Set<String> RESPONSE_HEADERS =
      Set.of("content-type", "x-docker-container-path-stat", "content-disposition");

  private final URI base;
  private final HttpClient http;

  public ContainerServiceClient(
      @Value("${gateway.container-service-url:`http://127.0.0.1:23753`}") String url) {
    this(
        URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build());
  }

  ContainerServiceClient(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /**
   * Sends a request and returns once the answer's status and headers arrived; its body streams.
   *
   * @param method the HTTP method
   * @param pathAndQuery the path, unversioned ({@code /containers/<id>/logs}), and the raw query
   *     string if any ({@code ?follow=1})
   * @param headers request headers; only {@link #REQUEST_HEADERS} are passed on
   * @param body the request body, read to its end and not closed, or null for none
   * @throws DockerApiException 503 when the container-service cannot be reached
   */
  public Answer send(
      String method, String pathAndQuery, Map<String, String> headers, @Nullable InputStream body) {
    BodyPublisher publisher =
        body == null ? BodyPublishers.noBody() : BodyPublishers.ofInputStream(() -> body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).method(method, publisher);
    headers.forEach(
        (name, value) -> {
          if (REQUEST_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            request.header(name, value);
          }
        });
    try {
      java.net.http.HttpResponse<InputStream> response =
          http.send(request.build(), BodyHandlers.ofInputStream());
      Map<String, String> passed = new LinkedHashMap<>();
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                  passed.put(canonical(name), values.get(0));
                }
              });
      return new Answer(response.statusCode(), passed, response.body());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unavailable("is unreachable (is the container-service running?)", e);
    } catch (IOException e) {
      throw unavailable("failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("was interrupted", e);
    }
  }

  private DockerApiException unavailable(String what, Exception cause) {
    DockerApiException error =
        DockerApiException.of(
            ErrorCode.UNAVAILABLE, "the container-service at " + base + " " + what);
    error.initCause(cause);
    return error;
  }

  /** {@code x-docker-container-path-stat} as Docker spells it. */
  private static String canonical(String name) {
    StringBuilder text = new StringBuilder();
    for (String part : name.toLowerCase(Locale.ROOT).split("-")) {
      if (!text.isEmpty()) {
        text.append('-');
      }
      text.append(part.isEmpty() ? "" : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return text.toString();
  }

  /**
   * The container-service's answer; the caller passes the body on or closes it.
   *
   * @param status the HTTP status
   * @param headers the headers passed back, by their canonical names
   * @param body the body, streaming
   */
  public record Answer(int status, Map<String, String> headers, InputStream body)
      implements AutoCloseable {

    /** Whether the answer has no body by its status (1xx, 204, 304). */
    public boolean bodiless() {
      return status / 100 == 1 || status == 204 || status == 304;
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  /** The base address, for messages and tests. */
  URI base() {
    return base;
  }
}
