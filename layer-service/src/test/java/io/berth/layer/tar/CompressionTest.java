package io.berth.layer.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CompressionTest {

  private final byte[] tar = new TarBuilder().file("hello", "world").build();

  @Test
  void detectsEachCompressionByItsMagicBytes() throws IOException {
    for (Compression c : Compression.values()) {
      byte[] blob = c == Compression.NONE ? tar : LayerUnpackerTest.compress(tar, c);
      assertThat(Compression.detect(new BufferedInputStream(new ByteArrayInputStream(blob))))
          .isEqualTo(c);
      try (InputStream plain = Compression.decompress(new ByteArrayInputStream(blob))) {
        assertThat(plain.readAllBytes()).isEqualTo(tar);
      }
    }
  }

  @Test
  void mapsOciAndDockerMediaTypes() {
    assertThat(Compression.fromMediaType("application/vnd.oci.image.layer.v1.tar"))
        .isEqualTo(Compression.NONE);
    assertThat(Compression.fromMediaType("application/vnd.oci.image.layer.v1.tar+gzip"))
        .isEqualTo(Compression.GZIP);
    assertThat(Compression.fromMediaType("application/vnd.oci.image.layer.v1.tar+zstd"))
        .isEqualTo(Compression.ZSTD);
    assertThat(Compression.fromMediaType("application/vnd.docker.image.rootfs.diff.tar.gzip"))
        .isEqualTo(Compression.GZIP);
    assertThat(Compression.ZSTD.mediaType())
        .isEqualTo("application/vnd.oci.image.layer.v1.tar+zstd");
    assertThatThrownBy(() -> Compression.fromMediaType("application/json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tellsATarFromOtherStreams() throws IOException {
    assertThat(TarFormat.isTar(new BufferedInputStream(new ByteArrayInputStream(tar)))).isTrue();
    assertThat(TarFormat.isTar(new byte[1024], 1024)).as("empty tar: zero blocks").isTrue();
    byte[] text = "just some text".repeat(100).getBytes(StandardCharsets.UTF_8);
    assertThat(TarFormat.isTar(new BufferedInputStream(new ByteArrayInputStream(text)))).isFalse();
    assertThat(TarFormat.isTar(new byte[100], 100)).as("shorter than a block").isFalse();
    BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(tar));
    TarFormat.isTar(in);
    assertThat(in.readAllBytes()).as("nothing consumed").isEqualTo(tar);
  }

  @Test
  void aStreamThatIsNotATarFailsClearly() {
    byte[] text = "not a tar at all".repeat(64).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(text)).next())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a tar stream");
  }
}
