package io.berth.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {

  @Test
  void readsUnixSecondsWithAnOptionalFractionAsTheCliSendsThem() {
    assertThat(EventTimes.parse("since", "1700000000"))
        .isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(EventTimes.parse("since", "1700000000.000000001"))
        .isEqualTo(Instant.ofEpochSecond(1700000000, 1));
    assertThat(EventTimes.parse("since", "1700000000.5"))
        .isEqualTo(Instant.ofEpochSecond(1700000000, 500_000_000));
    assertThat(EventTimes.parse("since", "2023-11-14T22:13:20Z"))
        .isEqualTo(Instant.ofEpochSecond(1700000000));
    assertThat(EventTimes.parse("since", "")).isNull();
    assertThat(EventTimes.parse("since", null)).isNull();
  }

  @Test
  void refusesMalformedTimesAndUpsideDownWindows() {
    assertThatThrownBy(() -> EventTimes.parse("until", "yesterday"))
        .hasMessage("invalid until timestamp: yesterday");
    assertThatThrownBy(() -> EventTimes.parse("since", "1.2.3"))
        .hasMessage("invalid since timestamp: 1.2.3");
    assertThatThrownBy(
            () ->
                EventTimes.checkWindow(
                    Instant.ofEpochSecond(20), Instant.ofEpochSecond(10), "20", "10"))
        .hasMessage("`since` time (20) cannot be after `until` time (10)");
  }
}
