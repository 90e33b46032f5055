package io.berth.image.archive;

import io.berth.image.config.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Reads the images of a {@code docker save} archive ({@code docker load}) in one pass over the
 * stream, handing layers to a {@link BlobSink} as they pass and never holding one in memory.
 *
 * <p>Reads Docker's {@code manifest.json} (the layout of Docker before 25 and the one of 25+), or,
 * without it, the OCI image layout. The archive may be gzip, zstd or bzip2 compressed.
 *
 * @see <a
 *     href="https://github.com/moby/docker-image-spec/blob/v1.2.0/v1.2.md#combined-image-json--filesystem-changeset-format">Docker
 *     image spec: combined image JSON + filesystem changeset format</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md">OCI image
 *     layout</a>
 */
public final class ArchiveReader {

  private final BlobSink sink;
  private final Platform platform;

  /**
   * A reader that picks this machine's platform from multi-platform OCI indexes.
   *
   * @param sink where members that may be layers go
   */
  public ArchiveReader(BlobSink sink) {
    this(sink, Platform.host());
  }

  /**
   * A reader.
   *
   * @param sink where members that may be layers go
   * @param platform the platform to pick from multi-platform OCI indexes
   */
  public ArchiveReader(BlobSink sink, Platform platform) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.platform = Objects.requireNonNull(platform, "platform");
  }

  /**
   * Reads an archive to its end.
   *
   * @param archive the archive; not closed
   * @return its images in the order the archive lists them; their layers are in the sink
   * @throws ArchiveException when the archive is not a tar, lacks a member, has broken JSON, or an
   *     image's layers do not match its config; the message names the member or image
   * @throws IOException when reading the stream or storing a member fails
   */
  public List<ArchiveImage> read(InputStream archive) throws IOException {
    ArchiveMembers members = ArchiveScan.scan(archive, sink);
    if (members.has(DockerManifestLoader.MANIFEST)) {
      return DockerManifestLoader.load(members);
    }
    if (members.has(OciLayoutLoader.INDEX)) {
      return OciLayoutLoader.load(members, platform);
    }
    throw new ArchiveException(
        members.isEmpty()
            ? "archive holds no members"
            : "archive has neither manifest.json nor index.json");
  }
}
