package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksTest {

  private static final String DIGEST =
      "sha256:7013290bf60dfefb50c6b4cdc0b81034ec74561b34700f7c413a18df4d0bc1a8";

  @Test
  void aSha256DigestPasses() {
    assertThat(Checks.requireDigest(DIGEST, "digest")).isEqualTo(DIGEST);
    assertThat(Checks.optionalDigest(null, "digest")).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "7013290bf60dfefb50c6b4cdc0b81034ec74561b34700f7c413a18df4d0bc1a8",
        "sha256:7013290BF60DFEFB50C6B4CDC0B81034EC74561B34700F7C413A18DF4D0BC1A8",
        "sha512:7013290bf60dfefb50c6b4cdc0b81034ec74561b34700f7c413a18df4d0bc1a8",
        "sha256:abc",
        ""
      })
  void anythingElseIsRefusedNamingTheField(String value) {
    assertThatThrownBy(() -> Checks.requireDigest(value, "layerDigest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layerDigest");
  }

  @Test
  void blankTextIsRefusedButAbsentOptionalTextIsFine() {
    assertThatThrownBy(() -> Checks.requireText(" ", "buildId")).hasMessageContaining("buildId");
    assertThatThrownBy(() -> Checks.optionalText("", "tag")).hasMessageContaining("tag");
    assertThat(Checks.optionalText(null, "tag")).isNull();
  }

  @Test
  void negativeNumbersAreRefused() {
    assertThat(Checks.requireNotNegative(0, "size")).isZero();
    assertThatThrownBy(() -> Checks.requireNotNegative(-1, "size")).hasMessageContaining("size");
  }
}
