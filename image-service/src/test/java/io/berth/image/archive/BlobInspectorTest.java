package io.berth.image.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.berth.image.archive.json.MediaTypes;
import io.berth.image.config.Digest;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class BlobInspectorTest {

  private static final byte[] LAYER = Tars.layer("etc/hostname", "berth\n");

  @Test
  void describesAPlainTarAsItsOwnDiffId() throws Exception {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();

    StoredBlob blob = BlobInspector.inspect(Tars.stream(LAYER), copy);

    assertThat(blob)
        .isEqualTo(
            new StoredBlob(
                Digest.of(LAYER),
                LAYER.length,
                MediaTypes.OCI_LAYER,
                Digest.of(LAYER),
                LAYER.length));
    assertThat(copy.toByteArray()).isEqualTo(LAYER);
  }

  @Test
  void describesGzipAndZstdLayersByTheirUncompressedTar() throws Exception {
    byte[] gzip = Tars.gzip(LAYER);
    byte[] zstd = Zstd.compress(LAYER);

    StoredBlob gz = BlobInspector.inspect(Tars.stream(gzip), null);
    StoredBlob zs = BlobInspector.inspect(Tars.stream(zstd), null);

    assertThat(gz.digest()).isEqualTo(Digest.of(gzip));
    assertThat(gz.size()).isEqualTo(gzip.length);
    assertThat(gz.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    assertThat(gz.diffId()).isEqualTo(Digest.of(LAYER));
    assertThat(gz.diffSize()).isEqualTo(LAYER.length);
    assertThat(zs.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_ZSTD);
    assertThat(zs.diffId()).isEqualTo(Digest.of(LAYER));
  }

  @Test
  void takesAnEmptyTarForALayer() throws Exception {
    byte[] empty = new byte[1024];

    StoredBlob blob = BlobInspector.inspect(Tars.stream(empty), null);

    // Docker's well-known diff id of an empty layer.
    assertThat(blob.diffId().value())
        .isEqualTo("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");
  }

  @Test
  void givesNoDiffIdToWhatIsNotATar() throws Exception {
    byte[] text = Tars.utf8("just some text, not a tar");

    StoredBlob blob = BlobInspector.inspect(Tars.stream(text), null);

    assertThat(blob.isLayer()).isFalse();
    assertThat(blob.mediaType()).isEqualTo(MediaTypes.OCTET_STREAM);
    assertThat(blob.digest()).isEqualTo(Digest.of(text));
    assertThat(blob.size()).isEqualTo(text.length);
  }
}
