package io.berth.image.content;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.ErrorCode;
import io.berth.image.ImageException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The layer-service's blob endpoint, seen from the image-service: archives and layers travel over
 * HTTP, streamed, never through Kafka and never whole in memory.
 */
@Singleton
public class ContentClient {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** How long the layer-service may take to start answering a read. */
  private static final Duration HEADERS_TIMEOUT = Duration.ofMinutes(1);

  /** How long an upload or an unpack may take, bytes included. */
  private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(30);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public ContentClient(@Value("${berth.layer-service.url:`http://127.0.0.1:23752`}") URI base) {
    this.base = base;
  }

  /** What the content store knows about a blob, if it has it. */
  public Optional<RemoteBlob> info(String digest) {
    HttpResponse<InputStream> response = send(get("/blobs/" + digest + "/info"));
    if (response.statusCode() == 404) {
      close(response);
      return Optional.empty();
    }
    return Optional.of(read(response, "info of " + digest));
  }

  /** A blob's bytes as stored. */
  public InputStream open(String digest) {
    return body(send(get("/blobs/" + digest)), "blob " + digest);
  }

  /** A layer's uncompressed tar. */
  public InputStream openLayer(String diffId) {
    return body(send(get("/layers/" + diffId)), "layer " + diffId);
  }

  /**
   * Has the layer-service unpack a chain of layers now, so an unsafe layer is refused before any
   * image is recorded.
   *
   * @throws ImageException {@code INVALID_ARGUMENT} naming the entry when a layer is unsafe
   */
  public void unpack(List<String> diffIds) {
    String body;
    try {
      body = JSON.writeValueAsString(java.util.Map.of("diffIds", diffIds));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/snapshots/unpack"))
            .timeout(TRANSFER_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build();
    close(send(request), "unpack");
  }

  /** Stores a stream; the content store names it by its digest. */
  public RemoteBlob upload(InputStream content) {
    return post(HttpRequest.BodyPublishers.ofInputStream(() -> content));
  }

  /**
   * Stores a stream of a known length, which is read to its end but not closed (it may be a member
   * of an archive still being read).
   */
  public RemoteBlob upload(InputStream content, long size) {
    InputStream unclosed =
        new java.io.FilterInputStream(content) {
          @Override
          public void close() {
            // the caller owns the stream
          }
        };
    return post(
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> unclosed), size));
  }

  private RemoteBlob post(HttpRequest.BodyPublisher body) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/blobs"))
            .timeout(TRANSFER_TIMEOUT)
            .POST(body)
            .header("Content-Type", "application/octet-stream")
            .build();
    return read(send(request), "upload");
  }

  /** A writer of a blob's bytes. */
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Stores what a writer writes, streaming it to the content store as it is written. */
  public RemoteBlob upload(Writer writer) {
    PipedInputStream in = new PipedInputStream(1 << 20);
    PipedOutputStream out;
    try {
      out = new PipedOutputStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CompletableFuture<Void> writing = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                writer.write(out);
                out.close();
                writing.complete(null);
              } catch (IOException | RuntimeException e) {
                // Not closing the pipe: the upload then fails ("write end dead") once this thread
                // ends, instead of storing a truncated blob as if it were whole.
                writing.completeExceptionally(e);
              }
            },
            "blob-writer");
    thread.setDaemon(true);
    thread.start();
    RemoteBlob stored;
    try (InputStream source = in) {
      stored = upload(source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ImageException e) {
      if (writing.isCompletedExceptionally()) {
        // The writer's failure is the cause; the upload only saw the pipe break.
        writing.join();
      }
      throw e;
    }
    try {
      writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(ErrorCode.UNAVAILABLE, "interrupted while writing a blob");
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ImageException(ErrorCode.INTERNAL, "cannot write a blob: " + cause.getMessage());
    }
    return stored;
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(HEADERS_TIMEOUT).GET().build();
  }

  private HttpResponse<InputStream> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ImageException(
          ErrorCode.UNAVAILABLE, "the layer-service cannot be reached at " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(ErrorCode.UNAVAILABLE, "interrupted talking to the layer-service");
    }
  }

  private static InputStream body(HttpResponse<InputStream> response, String what) {
    if (response.statusCode() / 100 != 2) {
      String message = message(response);
      ErrorCode code =
          switch (response.statusCode()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 400 -> ErrorCode.INVALID_ARGUMENT;
            case 409 -> ErrorCode.FAILED_PRECONDITION;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> ErrorCode.INTERNAL;
          };
      throw new ImageException(code, message);
    }
    return response.body();
  }

  private static void close(HttpResponse<InputStream> response, String what) {
    try (InputStream in = body(response, what)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new ImageException(ErrorCode.UNAVAILABLE, "cannot " + what + ": " + e.getMessage());
    }
  }

  private static RemoteBlob read(HttpResponse<InputStream> response, String what) {
    try (InputStream in = body(response, what)) {
      return JSON.readValue(in, RemoteBlob.class);
    } catch (IOException e) {
      throw new ImageException(ErrorCode.INTERNAL, "bad answer from the content store: " + e);
    }
  }

  private static String message(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(16_384);
      try {
        String message = JSON.readTree(body).path("message").asText();
        if (!message.isEmpty()) {
          return message;
        }
      } catch (IOException notJson) {
        // fall through to the raw text
      }
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "HTTP " + response.statusCode();
    }
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // nothing to release
    }
  }
}
