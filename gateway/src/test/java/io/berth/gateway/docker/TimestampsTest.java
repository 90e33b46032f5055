package io.berth.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

  private static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @ParameterizedTest(name = "{0} before now")
  @CsvSource({
    "24h, PT24H",
    "10m, PT10M",
    "1h30m, PT1H30M",
    "1.5h, PT1H30M",
    "90s, PT1M30S",
    "500ms, PT0.5S"
  })
  void aGoDurationCountsBackFromNow(String value, String iso) {
    assertThat(Timestamps.parse(value, NOW, BERLIN)).isEqualTo(NOW.minus(Duration.parse(iso)));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "2024-01-02T10:00:00Z, 2024-01-02T10:00:00Z",
    "2024-01-02T10:00:00.5Z, 2024-01-02T10:00:00.500Z",
    "2024-01-02T10:00:00+02:00, 2024-01-02T08:00:00Z",
    "2024-01-02T10:00:00, 2024-01-02T09:00:00Z",
    "2024-01-02T10:00, 2024-01-02T09:00:00Z",
    "2024-01-02T10, 2024-01-02T09:00:00Z",
    "2024-01-02, 2024-01-01T23:00:00Z",
    "1704189600, 2024-01-02T10:00:00Z",
    "1704189600.25, 2024-01-02T10:00:00.250Z",
    "0, 1970-01-01T00:00:00Z",
    "10, 1970-01-01T00:00:10Z",
  })
  void aTimeIsReadAsDockerReadsIt(String value, String expected) {
    assertThat(Timestamps.parse(value, NOW, BERLIN)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2024-13-45", "12-3", "1h-2m", "10x"})
  void somethingElseIsRefused(String value) {
    assertThatThrownBy(() -> Timestamps.parse(value, NOW, BERLIN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEmptyValueIsRefused() {
    assertThatThrownBy(() -> Timestamps.parse(" ", NOW, BERLIN))
        .hasMessage("failed to parse value as time or duration: value is empty");
  }
}
