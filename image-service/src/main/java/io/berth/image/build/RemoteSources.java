package io.berth.image.build;

import io.berth.events.ErrorCode;
import io.berth.image.ImageException;
import io.berth.image.config.Digest;
import io.berth.image.content.ContentClient;
import io.berth.image.content.RemoteBlob;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Downloads the URL source of an {@code ADD} as Docker's classic builder does ({@code
 * builder/remotecontext/remote.go}): one GET, redirects followed, a status of 400 or more an error;
 * the file is named by the last segment of the URL's path (else by a {@code Content-Disposition}
 * file name), has mode 0600 and the {@code Last-Modified} time, and is never unpacked. It is stored
 * as a one-file tar in the content store, so the layer-service copies it like a context.
 */
@Singleton
public class RemoteSources {

  private static final Pattern DISPOSITION_NAME =
      Pattern.compile("filename\\*?=\"?(?:UTF-8'')?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

  /** A downloaded source: the tar holding it, its name there and the sha256 of its content. */
  public record Fetched(String contextDigest, String name, String sha256) {}

  private final ContentClient content;
  private final Duration timeout;
  private final long maxBytes;
  private final HttpClient http;

  public RemoteSources(
      ContentClient content,
      @Value("${berth.build.add-url-timeout:60s}") Duration timeout,
      @Value("${berth.build.add-url-max-bytes:4294967296}") long maxBytes) {
    this.content = content;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** Whether an {@code ADD} source names a URL rather than a context path. */
  static boolean isUrl(String source) {
    return source.startsWith("http://") || source.startsWith("https://");
  }

  /**
   * Downloads one URL and stores it.
   *
   * @throws ImageException {@code INVALID_ARGUMENT} for a malformed URL or one without a file name;
   *     {@code UNAVAILABLE} when the host cannot be reached or answers with an error status
   */
  public Fetched fetch(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ImageException(
          ErrorCode.INVALID_ARGUMENT, "ADD failed: invalid URL " + url + ": " + e.getMessage());
    }
    Path file = null;
    try {
      file = Files.createTempFile("berth-add-", ".download");
      HttpResponse<Path> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofFile(file));
      if (response.statusCode() >= 400) {
        throw new ImageException(
            ErrorCode.UNAVAILABLE,
            "ADD failed: failed to GET "
                + url
                + " with status "
                + response.statusCode()
                + ": "
                + snippet(file));
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new ImageException(
            ErrorCode.INVALID_ARGUMENT,
            "ADD failed: " + url + " is larger than " + maxBytes + " bytes");
      }
      String name =
          fileName(response.uri())
              .or(() -> response.headers().firstValue("Content-Disposition").flatMap(this::named))
              .orElseThrow(
                  () ->
                      new ImageException(
                          ErrorCode.INVALID_ARGUMENT,
                          "ADD failed: cannot determine filename from url: " + url));
      Instant modified =
          response
              .headers()
              .firstValue("Last-Modified")
              .flatMap(RemoteSources::httpDate)
              .orElseGet(Instant::now);
      return store(file, name, size, modified);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(url, e);
    } catch (HttpTimeoutException e) {
      throw new ImageException(
          ErrorCode.UNAVAILABLE, "ADD failed: GET " + url + " timed out after " + timeout);
    } catch (IOException | UnresolvedAddressException e) {
      throw unreachable(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException(ErrorCode.UNAVAILABLE, "ADD failed: interrupted fetching " + url);
    } catch (IllegalArgumentException e) {
      throw new ImageException(
          ErrorCode.INVALID_ARGUMENT, "ADD failed: invalid URL " + url + ": " + e.getMessage());
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a temporary file; the next boot's tmp cleaning takes it
        }
      }
    }
  }

  private Fetched store(Path file, String name, long size, Instant modified) throws IOException {
    String sha256;
    try (InputStream in = Files.newInputStream(file)) {
      sha256 = Digest.of(in).hex();
    }
    RemoteBlob blob =
        content.upload(
            out -> {
              try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
                  InputStream in = Files.newInputStream(file)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setMode(0100600);
                entry.setSize(size);
                entry.setModTime(Date.from(modified));
                tar.putArchiveEntry(entry);
                in.transferTo(tar);
                tar.closeArchiveEntry();
              }
            });
    return new Fetched(blob.digest(), name, sha256);
  }

  private static ImageException unreachable(String url, Exception e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !reason.contains(cause.getMessage())) {
      reason = reason + ": " + cause.getMessage();
    }
    return new ImageException(
        ErrorCode.UNAVAILABLE,
        "ADD failed: cannot GET " + url + ": " + reason + " (the network cannot reach it)");
  }

  /** The last segment of the URL's path, as Docker names a downloaded file. */
  static Optional<String> fileName(URI uri) {
    String path = uri.getPath();
    if (path == null) {
      return Optional.empty();
    }
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    String name = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    return name.isEmpty() || name.equals(".") || name.equals("..")
        ? Optional.empty()
        : Optional.of(name);
  }

  private Optional<String> named(String disposition) {
    Matcher m = DISPOSITION_NAME.matcher(disposition);
    if (!m.find()) {
      return Optional.empty();
    }
    String name = m.group(1).trim();
    name = name.substring(name.lastIndexOf('/') + 1);
    return name.isEmpty() || name.equals(".") || name.equals("..")
        ? Optional.empty()
        : Optional.of(name);
  }

  private static Optional<Instant> httpDate(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String snippet(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String text = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "(no body)" : text;
    } catch (IOException e) {
      return "(no body)";
    }
  }
}
