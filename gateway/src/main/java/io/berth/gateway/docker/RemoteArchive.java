package io.berth.gateway.docker;

import io.berth.events.ErrorCode;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An archive {@code docker import} fetches from a URL ({@code fromSrc=http://...}), fetched and
 * judged as moby's {@code remotecontext.GetWithStatusError} does: an address without a scheme is
 * {@code http://}, redirects are followed, a 4xx/5xx answer is an error quoting its body.
 */
@Singleton
class RemoteArchive {

  private static final int ERROR_BODY_LIMIT = 4096;

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  /**
   * The address {@code fromSrc} names.
   *
   * @throws DockerApiException 400 when it is not an http or https URL
   */
  static URI address(String source) {
    String text = source.contains("://") ? source : "http://" + source;
    try {
      URI uri = new URI(text);
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        throw DockerApiException.badRequest(
            "Get \"" + text + "\": unsupported protocol scheme \"" + uri.getScheme() + "\"");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw DockerApiException.badRequest("Get \"" + text + "\": http: no Host in request URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw DockerApiException.badRequest("parse \"" + text + "\": " + e.getReason());
    }
  }

  /**
   * Starts the download; the caller reads and closes the stream.
   *
   * @throws DockerApiException 404 when the host is unknown or the server answers 404, 400 when it
   *     answers 400, 500 for every other failure
   */
  InputStream open(URI uri) {
    HttpResponse<InputStream> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofInputStream());
    } catch (IOException e) {
      boolean unknownHost =
          causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class);
      String reason = unknownHost ? "no such host" : describe(e);
      String message = "Get \"" + uri + "\": " + reason;
      throw unknownHost
          ? new DockerApiException(HttpStatus.NOT_FOUND, message)
          : DockerApiException.of(ErrorCode.INTERNAL, message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DockerApiException.of(ErrorCode.UNAVAILABLE, "interrupted while fetching " + uri);
    }
    int status = response.statusCode();
    if (status < 400) {
      return response.body();
    }
    String message = "failed to GET " + uri + " with status " + status + ": " + body(response);
    throw switch (status) {
      case 404 -> new DockerApiException(HttpStatus.NOT_FOUND, message);
      case 400 -> DockerApiException.badRequest(message);
      default -> DockerApiException.of(ErrorCode.INTERNAL, message);
    };
  }

  private static String body(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      return new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "error reading body";
    }
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
