package io.berth.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A Server-Sent Events client for tests, reading as the HTML standard's parser does: fields until a
 * blank line; a block with data is an event, a block with only an id moves the last event id.
 */
final class SseStream implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One dispatched event. */
  record Event(String id, String type, String data) {}

  private final HttpResponse<InputStream> response;
  private final BufferedReader reader;
  private String lastId;

  private SseStream(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8), 256);
  }

  /** Opens a stream, sending {@code Last-Event-ID} when {@code lastEventId} is not null. */
  static SseStream open(URI uri, String lastEventId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The id of the last block that had one. */
  String lastId() {
    return lastId;
  }

  /** Reads until the next event; null at the end of the stream. */
  Event next() throws IOException {
    String type = null;
    StringBuilder data = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(lastId, type == null ? "message" : type, data.toString());
        }
        type = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
      switch (field) {
        case "id" -> lastId = value;
        case "event" -> type = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        default -> {}
      }
    }
    return null;
  }

  /** Reads the opening block (only an id) and returns that id. */
  String opening() throws IOException {
    String line;
    while ((line = reader.readLine()) != null && !line.isEmpty()) {
      if (line.startsWith("id:")) {
        lastId = line.substring(3).trim();
      }
    }
    return lastId;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
