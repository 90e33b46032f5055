package io.berth.gateway.docker;

import io.berth.events.image.ImageDescriptor;
import io.berth.events.image.ImageImportRequested;
import io.berth.events.image.ImageImported;
import io.berth.events.image.ImageLoadRequested;
import io.berth.events.image.ImageLoaded;
import io.berth.events.image.ImagePullRequested;
import io.berth.events.image.ImagePulled;
import io.berth.events.image.ImageRef;
import io.berth.events.image.ImageSaveRequested;
import io.berth.events.image.ImageSaved;
import io.berth.gateway.bus.Bus;
import io.berth.gateway.content.Blob;
import io.berth.gateway.content.BlobInfo;
import io.berth.gateway.content.ContentStoreClient;
import io.berth.gateway.docker.json.JsonStream;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Images in and out as archives: {@code docker import} and {@code pull} ({@code POST
 * /images/create}), {@code docker load} and {@code docker save}. Archives stream between the client
 * and the layer-service's content store; only their digests travel through Kafka. These requests
 * block on the content store, so they run on the blocking executor, and they wait for their outcome
 * up to {@code gateway.transfer-timeout}.
 */
@Controller
public class ImageTransferController {

  static final MediaType TAR = MediaType.of("application/x-tar");

  private final Bus bus;
  private final ContentStoreClient contentStore;
  private final RemoteArchive remoteArchive;
  private final Duration transferTimeout;

  public ImageTransferController(
      Bus bus,
      ContentStoreClient contentStore,
      RemoteArchive remoteArchive,
      @Value("${gateway.transfer-timeout:5m}") Duration transferTimeout) {
    this.bus = bus;
    this.contentStore = contentStore;
    this.remoteArchive = remoteArchive;
    this.transferTimeout = transferTimeout;
  }

  /**
   * Pull ({@code fromImage}) or import ({@code fromSrc}: {@code -} for the body, or a URL). Any
   * {@code Accept}: docker-java asks for {@code application/octet-stream}, the Engine never checks.
   */
  @Post(
      uris = {"/images/create", "/{apiVersion}/images/create"},
      consumes = MediaType.ALL,
      produces = MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> create(
      @QueryValue @Nullable String fromImage,
      @QueryValue @Nullable String fromSrc,
      @QueryValue @Nullable String repo,
      @QueryValue @Nullable String tag,
      @QueryValue @Nullable String message,
      @QueryValue @Nullable List<String> changes,
      @QueryValue @Nullable String platform,
      @Body @Nullable InputStream body) {
    try {
      if (fromImage != null && !fromImage.isBlank()) {
        return pull(fromImage, DockerParams.text(tag), platform);
      }
      if (fromSrc == null || fromSrc.isBlank()) {
        throw DockerApiException.badRequest(
            "fromImage (pull) or fromSrc (import: - for the request body, or a URL) is required");
      }
      RepoTag target = repo == null || repo.isBlank() ? null : RepoTag.parse(repo, tag);
      return importArchive(fromSrc, target, message, changes, body);
    } catch (RuntimeException e) {
      return DockerErrorHandlers.toResponse(e);
    } finally {
      closeQuietly(body);
    }
  }

  @Post(
      uris = {"/images/load", "/{apiVersion}/images/load"},
      consumes = MediaType.ALL)
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> load(@Body @Nullable InputStream body) {
    // ?quiet= only silences moby's per-layer progress bars, which Berth does not send.
    try {
      BlobInfo archive = store(body == null ? InputStream.nullInputStream() : body);
      ImageLoaded loaded =
          Outcomes.expect(
              bus.command(new ImageLoadRequested(archive.digest()), transferTimeout).join(),
              ImageLoaded.class);
      return jsonStream(loadedLines(loaded));
    } catch (RuntimeException e) {
      return DockerErrorHandlers.toResponse(e);
    } finally {
      closeQuietly(body);
    }
  }

  @Get(uris = {"/images/get", "/{apiVersion}/images/get"})
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> save(@QueryValue @Nullable List<String> names) {
    List<String> images =
        names == null ? List.of() : names.stream().filter(n -> !n.isBlank()).toList();
    if (images.isEmpty()) {
      return DockerErrorHandlers.toResponse(
          DockerApiException.badRequest("no image to save: give names=<image>"));
    }
    return saveArchive(images);
  }

  @Get(uris = {"/images/{+name}/get", "/{apiVersion}/images/{+name}/get"})
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<?> saveOne(@PathVariable String name) {
    return saveArchive(List.of(name));
  }

  private HttpResponse<?> saveArchive(List<String> names) {
    try {
      ImageSaved saved =
          Outcomes.expect(
              bus.command(
                      new ImageSaveRequested(UUID.randomUUID().toString(), names), transferTimeout)
                  .join(),
              ImageSaved.class);
      Blob archive = contentStore.open(saved.archiveDigest());
      long length = archive.length() >= 0 ? archive.length() : saved.size();
      return HttpResponse.ok(
              new StreamedFile(archive.content(), TAR, System.currentTimeMillis(), length))
          .contentType(TAR)
          .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    } catch (RuntimeException e) {
      return DockerErrorHandlers.toResponse(e);
    }
  }

  private HttpResponse<?> importArchive(
      String source, RepoTag target, String message, List<String> changes, InputStream body) {
    List<String> lines = new ArrayList<>();
    BlobInfo archive;
    String from;
    if (source.equals("-")) {
      from = "-";
      archive = store(body == null ? InputStream.nullInputStream() : body);
    } else {
      URI address = RemoteArchive.address(source);
      from = address.toString();
      lines.add(JsonStream.status("Downloading from " + from));
      InputStream remote = remoteArchive.open(address);
      try {
        archive = store(remote);
      } finally {
        closeQuietly(remote);
      }
    }
    ImageImported imported =
        Outcomes.expect(
            bus.command(
                    new ImageImportRequested(
                        archive.digest(),
                        from,
                        target == null ? null : target.repository(),
                        target == null ? null : target.tag(),
                        // moby's router words the default comment, so the gateway does too.
                        message == null || message.isEmpty() ? "Imported from " + source : message,
                        changes == null
                            ? List.of()
                            : changes.stream().filter(c -> !c.isBlank()).toList()),
                    transferTimeout)
                .join(),
            ImageImported.class);
    lines.add(JsonStream.status(imported.image().imageId()));
    return jsonStream(lines);
  }

  /** Streams an archive into the content store; it must be a tar (plain, gzip or zstd). */
  private BlobInfo store(InputStream archive) {
    BlobInfo blob = contentStore.upload(archive, null);
    if (!blob.isTar()) {
      throw DockerApiException.badRequest(
          "archive/tar: invalid tar header: the archive is not a tar file, plain or compressed"
              + " with gzip or zstd ("
              + blob.size()
              + " bytes read as "
              + blob.mediaType()
              + ")");
    }
    return blob;
  }

  /** The pull path, unchanged: the image-service answers (today it refuses: no registry yet). */
  private HttpResponse<?> pull(String fromImage, String tag, String platform) {
    String reference = tag == null ? fromImage : fromImage + ":" + tag;
    if (!ImageRef.isValid(reference)) {
      throw DockerApiException.badRequest("invalid reference format: " + reference);
    }
    String normalised = ImageRef.parse(reference).toString();
    ImagePulled pulled =
        Outcomes.expect(
            bus.command(new ImagePullRequested(normalised, platform)).join(), ImagePulled.class);
    return HttpResponse.ok(Map.of("status", "Downloaded newer image for " + pulled.reference()));
  }

  /** What {@code docker load} prints: each tag it set, or the id of an image it left untagged. */
  static List<String> loadedLines(ImageLoaded loaded) {
    List<String> lines = new ArrayList<>();
    for (ImageDescriptor image : loaded.images()) {
      // Only the tags the archive named: the image may have had others already.
      List<String> named = image.repoTags().stream().filter(loaded.references()::contains).toList();
      if (named.isEmpty()) {
        lines.add(JsonStream.stream("Loaded image ID: " + image.imageId() + "\n"));
      }
      named.forEach(tag -> lines.add(JsonStream.stream("Loaded image: " + tag + "\n")));
    }
    return lines;
  }

  private static HttpResponse<String> jsonStream(List<String> lines) {
    return HttpResponse.ok(String.join("", lines)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static void closeQuietly(InputStream stream) {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException e) {
        // the request is answered; a failing close changes nothing for the client
      }
    }
  }
}
