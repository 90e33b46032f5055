package io.berth.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalNumbersTest {

  @Test
  void givesTheNumberDockerShowsForAnyWayOfNamingASignal() {
    assertThat(SignalNumbers.of("SIGTERM")).isEqualTo("15");
    assertThat(SignalNumbers.of("KILL")).isEqualTo("9");
    assertThat(SignalNumbers.of("sighup")).isEqualTo("1");
    assertThat(SignalNumbers.of("10")).isEqualTo("10");
    assertThat(SignalNumbers.of("SIGRTMIN+3")).isEqualTo("37");
    assertThat(SignalNumbers.of("SIGRTMAX")).isEqualTo("64");
    assertThat(SignalNumbers.of("SIGNOPE")).isEqualTo("SIGNOPE");
  }
}
