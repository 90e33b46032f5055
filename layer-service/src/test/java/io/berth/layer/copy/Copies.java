package io.berth.layer.copy;

import io.berth.events.layer.ContextCopyRequested;
import io.berth.layer.tar.LayerUnpacker;
import io.berth.layer.tar.UnpackOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs copies the way {@link ContextCopier} does, minus the content store: images are real layer
 * tars unpacked into real lower directories, contexts are real tars, the layer a real tar.
 */
final class Copies implements AutoCloseable {

  static final String CONTEXT = "sha256:" + "c".repeat(64);
  static final String SOURCE = "sha256:" + "5".repeat(64);

  private final Path dir;
  private final Spool spool;
  private int layers;

  Copies() throws IOException {
    dir = Files.createTempDirectory("berth-copy-test");
    spool = new Spool(dir.resolve("spool"));
  }

  /** An image made of layer tars, base first. */
  ImageRoot image(byte[]... layerTars) throws IOException {
    List<Path> dirs = new ArrayList<>();
    for (byte[] tar : layerTars) {
      Path lower = Files.createDirectories(dir.resolve("layer-" + layers++));
      new LayerUnpacker(UnpackOptions.defaults()).unpack(new ByteArrayInputStream(tar), lower);
      dirs.add(lower);
    }
    return new ImageRoot(dirs);
  }

  static ImageRoot scratch() {
    return new ImageRoot(List.of());
  }

  /** The layer tar of a copy from a context. */
  byte[] fromContext(ContextCopyRequested request, FileTree parent, byte[] context)
      throws IOException {
    LayerTree layer =
        new LayerMaker(request, parent, spool, Long.MAX_VALUE)
            .fromContext(() -> new ByteArrayInputStream(context));
    return write(layer);
  }

  /** The layer tar of a copy from an image. */
  byte[] fromImage(ContextCopyRequested request, FileTree parent, FileTree source)
      throws IOException {
    return write(new LayerMaker(request, parent, spool, Long.MAX_VALUE).fromImage(source));
  }

  static Map<String, Tars.Read> entries(byte[] layer) throws IOException {
    return Tars.read(layer);
  }

  static ContextCopyRequested copy(List<String> sources, String dest) {
    return copy(sources, List.of(), dest, "/", null, false);
  }

  static ContextCopyRequested copy(
      List<String> sources,
      List<String> excluded,
      String dest,
      String workingDir,
      String chown,
      boolean extract) {
    return new ContextCopyRequested(
        "build-1-1",
        CONTEXT,
        null,
        List.of(),
        sources,
        excluded,
        dest,
        workingDir,
        chown,
        extract,
        null,
        List.of());
  }

  static ContextCopyRequested copyFrom(List<String> sources, String dest, String chown) {
    return new ContextCopyRequested(
        "build-1-2",
        null,
        SOURCE,
        List.of(),
        sources,
        List.of(),
        dest,
        "/",
        chown,
        false,
        null,
        List.of());
  }

  private static byte[] write(LayerTree layer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    layer.write(out);
    return out.toByteArray();
  }

  @Override
  public void close() throws IOException {
    spool.close();
    LayerBlob.deleteTree(dir);
  }
}
