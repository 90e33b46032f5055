package io.berth.layer.http;

import io.berth.events.ErrorCode;
import io.berth.layer.LayerException;
import io.berth.layer.content.BlobIndex;
import io.berth.layer.content.BlobInfo;
import io.berth.layer.content.ContentStore;
import io.berth.layer.content.Digest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.util.Optional;

/**
 * The content store over HTTP, for the gateway, the image-service and other nodes: bulk bytes
 * travel here, never through Kafka. {@code POST /blobs} stores a stream and names it by its digest;
 * {@code PUT /blobs/{digest}} stores one the writer already named and checks it; {@code GET}/{@code
 * HEAD} read one, with single byte ranges; {@code GET /layers/{diffId}} reads a layer uncompressed.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class BlobController {

  /** The request header naming the media type of a blob that is not a layer. */
  public static final String MEDIA_TYPE_HEADER = "Berth-Media-Type";

  private static final String DIGEST_HEADER = "Docker-Content-Digest";

  /** The blob's size, also on answers to {@code HEAD}, which carry no {@code Content-Length}. */
  public static final String SIZE_HEADER = "Berth-Blob-Size";

  private final BlobIndex index;
  private final ContentStore store;

  public BlobController(BlobIndex index, ContentStore store) {
    this.index = index;
    this.store = store;
  }

  @Post(uri = "/blobs", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<BlobJson> post(
      @Body InputStream body, @Header(MEDIA_TYPE_HEADER) @Nullable String mediaType)
      throws IOException {
    return created(index.put(body, null, mediaType));
  }

  @Put(uri = "/blobs/{digest}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<BlobJson> put(
      String digest, @Body InputStream body, @Header(MEDIA_TYPE_HEADER) @Nullable String mediaType)
      throws IOException {
    return created(index.put(body, parse(digest), mediaType));
  }

  @Get(uri = "/blobs/{digest}/info", produces = MediaType.APPLICATION_JSON)
  public BlobJson info(String digest) {
    return BlobJson.of(require(digest));
  }

  @Get("/blobs/{digest}")
  public HttpResponse<?> get(String digest, @Header(HttpHeaders.RANGE) @Nullable String range)
      throws IOException {
    BlobInfo blob = require(digest);
    MediaType type = MediaType.of(blob.mediaType());
    Optional<ByteRange> part;
    try {
      part = ByteRange.parse(range, blob.size());
    } catch (IllegalArgumentException unsatisfiable) {
      return HttpResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
          .header(HttpHeaders.CONTENT_RANGE, "bytes */" + blob.size());
    }
    if (part.isEmpty()) {
      return HttpResponse.ok(new SystemFile(store.path(blob.digest()).toFile(), type))
          .header(HttpHeaders.ACCEPT_RANGES, "bytes")
          .header(SIZE_HEADER, Long.toString(blob.size()))
          .header(DIGEST_HEADER, blob.digest().value());
    }
    ByteRange r = part.get();
    FileChannel channel = FileChannel.open(store.path(blob.digest()));
    channel.position(r.first());
    InputStream slice = new LimitedInputStream(Channels.newInputStream(channel), r.length());
    return HttpResponse.status(HttpStatus.PARTIAL_CONTENT)
        .body(new StreamedFile(slice, type, 0, r.length()))
        .header(
            HttpHeaders.CONTENT_RANGE, "bytes " + r.first() + "-" + r.last() + "/" + blob.size())
        .header(DIGEST_HEADER, blob.digest().value());
  }

  @Get("/layers/{diffId}")
  public HttpResponse<?> layer(String diffId) throws IOException {
    Digest id = parse(diffId);
    BlobInfo blob =
        index
            .findLayer(id)
            .orElseThrow(
                () -> new LayerException(ErrorCode.NOT_FOUND, "no layer with diff id " + diffId));
    MediaType tar = MediaType.of("application/x-tar");
    return HttpResponse.ok(new StreamedFile(store.openUncompressed(blob), tar, 0, blob.diffSize()))
        .header(DIGEST_HEADER, blob.digest().value());
  }

  private BlobInfo require(String digest) {
    return index
        .find(parse(digest))
        .orElseThrow(() -> new LayerException(ErrorCode.NOT_FOUND, "blob not found: " + digest));
  }

  private static Digest parse(String digest) {
    if (!Digest.isValid(digest)) {
      throw new LayerException(ErrorCode.INVALID_ARGUMENT, "not a sha256 digest: " + digest);
    }
    return Digest.parse(digest);
  }

  private static HttpResponse<BlobJson> created(BlobInfo info) {
    return HttpResponse.<BlobJson>status(HttpStatus.CREATED)
        .body(BlobJson.of(info))
        .header(HttpHeaders.LOCATION, "/blobs/" + info.digest().value());
  }

  /** The error body of this endpoint. */
  static Map<String, String> error(String message) {
    return Map.of("message", message);
  }
}
