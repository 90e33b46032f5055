package io.berth.gateway.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.Checks;
import io.berth.events.ErrorCode;
import io.berth.events.EventCodec;
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
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The layer-service's content store over HTTP: {@code POST /blobs} stores a stream, {@code GET
 * /blobs/{digest}} reads one back. Bodies stream in both directions; an archive is never held in
 * memory.
 */
@Singleton
public class ContentStoreClient {

  /** Names the media type of a blob that is not a layer (an image archive, a config). */
  static final String MEDIA_TYPE_HEADER = "Berth-Media-Type";

  /** At most this much of an error body is read, to quote its message. */
  private static final int ERROR_BODY_LIMIT = 64 * 1024;

  private final URI base;
  private final HttpClient http;

  public ContentStoreClient(
      @Value("${berth.layer-service.url:`http://127.0.0.1:23752`}") String url) {
    this(
        URI.create(url.endsWith("/") ? url : url + "/"),
        HttpClient.newBuilder()
            // The layer-service speaks HTTP/1.1; no h2c upgrade dance on every upload.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build());
  }

  ContentStoreClient(URI base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /** The store's base address, for messages. */
  public URI base() {
    return base;
  }

  /**
   * Stores everything {@code content} holds, streaming it; blocks until the store has answered.
   *
   * @param content the bytes; read to its end, not closed
   * @param mediaType the media type of a blob that is not a layer, or null to let the store detect
   *     a tar
   * @return what the store says of the blob
   * @throws ContentStoreException when the store refuses the blob or cannot be reached
   */
  public BlobInfo upload(InputStream content, @Nullable String mediaType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve("blobs"))
            .header("Content-Type", "application/octet-stream")
            .POST(BodyPublishers.ofInputStream(() -> content));
    if (mediaType != null) {
      request.header(MEDIA_TYPE_HEADER, mediaType);
    }
    HttpResponse<InputStream> response = send(request.build(), "store a blob");
    try (InputStream body = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw failure(response.statusCode(), body, "store a blob");
      }
      return parseBlobInfo(body.readAllBytes());
    } catch (IOException e) {
      throw new ContentStoreException(
          ErrorCode.UNAVAILABLE, "reading the content store's answer failed: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a blob for reading; the caller closes it.
   *
   * @throws ContentStoreException with {@code NOT_FOUND} when the store does not hold it
   */
  public Blob open(String digest) {
    Checks.requireDigest(digest, "digest");
    HttpRequest request = HttpRequest.newBuilder(base.resolve("blobs/" + digest)).GET().build();
    HttpResponse<InputStream> response = send(request, "read blob " + digest);
    if (response.statusCode() != 200) {
      try (InputStream body = response.body()) {
        throw failure(response.statusCode(), body, "read blob " + digest);
      } catch (IOException e) {
        throw new ContentStoreException(
            ErrorCode.UNAVAILABLE, "reading blob " + digest + " failed: " + e.getMessage(), e);
      }
    }
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new Blob(response.body(), length);
  }

  private HttpResponse<InputStream> send(HttpRequest request, String action) {
    try {
      return http.send(request, BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new ContentStoreException(
          ErrorCode.UNAVAILABLE,
          "the content store at " + base + " is unreachable (is the layer-service running?)",
          e);
    } catch (IOException e) {
      throw new ContentStoreException(
          ErrorCode.UNAVAILABLE,
          "could not " + action + " in the content store at " + base + ": " + describe(e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContentStoreException(ErrorCode.UNAVAILABLE, "interrupted: could not " + action, e);
    }
  }

  static BlobInfo parseBlobInfo(byte[] json) throws IOException {
    JsonNode node = EventCodec.mapper().readTree(json);
    if (node == null || !node.isObject()) {
      throw new IOException(
          "expected a JSON object, got " + new String(json, StandardCharsets.UTF_8));
    }
    JsonNode diffId = node.get("diffId");
    try {
      return new BlobInfo(
          node.path("digest").asText(null),
          node.path("size").asLong(0),
          node.path("mediaType").asText("application/octet-stream"),
          diffId == null || diffId.isNull() ? null : diffId.asText(),
          node.path("diffSize").asLong(0));
    } catch (IllegalArgumentException e) {
      throw new IOException("the content store's answer is malformed: " + e.getMessage(), e);
    }
  }

  /** The store's error, as {@code {"message": ...}} says it, in the category its status names. */
  static ContentStoreException failure(int status, InputStream body, String action) {
    String message = errorMessage(body);
    ErrorCode code =
        switch (status) {
          case 400, 411, 413, 415, 422 -> ErrorCode.INVALID_ARGUMENT;
          case 404 -> ErrorCode.NOT_FOUND;
          case 409 -> ErrorCode.FAILED_PRECONDITION;
          case 503 -> ErrorCode.UNAVAILABLE;
          default -> ErrorCode.INTERNAL;
        };
    return new ContentStoreException(
        code, "the content store could not " + action + ": " + message + " (HTTP " + status + ")");
  }

  private static String errorMessage(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(ERROR_BODY_LIMIT);
      String text = new String(bytes, StandardCharsets.UTF_8).trim();
      try {
        JsonNode json = EventCodec.mapper().readTree(bytes);
        if (json != null && json.path("message").isTextual()) {
          return json.get("message").asText();
        }
      } catch (IOException notJson) {
        // fall through: quote the text as it is
      }
      return text.isEmpty() ? "no message" : text;
    } catch (IOException e) {
      return "no message (" + e.getMessage() + ")";
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
