package io.berth.image.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {

  private static final String EMPTY =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void digestsBytesAndStreamsAlike() throws Exception {
    byte[] hello = "hello\n".getBytes(StandardCharsets.UTF_8);

    assertThat(Digest.of(new byte[0]).value()).isEqualTo(EMPTY);
    assertThat(Digest.of(new ByteArrayInputStream(hello))).isEqualTo(Digest.of(hello));
  }

  @Test
  void exposesHexAndShortId() {
    Digest digest = Digest.parse(EMPTY);

    assertThat(digest.hex()).hasSize(64).startsWith("e3b0c442");
    assertThat(digest.shortId()).isEqualTo("e3b0c44298fc");
    assertThat(Digest.ofHex(digest.hex())).isEqualTo(digest);
    assertThat(digest).hasToString(EMPTY);
  }

  @Test
  void rejectsWhatIsNotASha256Digest() {
    assertThat(Digest.isValid("sha256:abc")).isFalse();
    assertThat(Digest.isValid(EMPTY.toUpperCase())).isFalse();
    assertThatThrownBy(() -> Digest.parse("md5:" + "0".repeat(64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a sha256 digest");
    assertThatThrownBy(() -> Digest.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
