package io.berth.events.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortBindingTest {

  @Test
  void readsTheEngineApisPortKeysAndBindings() {
    assertThat(PortBinding.parse("8080/tcp", "127.0.0.1", ""))
        .isEqualTo(new PortBinding(8080, "tcp", "127.0.0.1", 0));
    assertThat(PortBinding.parse("53/udp", "", "5353"))
        .isEqualTo(new PortBinding(53, "udp", "", 5353));
    assertThat(PortBinding.parse("80", null, null)).isEqualTo(new PortBinding(80, "tcp", "", 0));
    assertThat(PortBinding.parse("80/TCP", "", "8000").portKey()).isEqualTo("80/tcp");
  }

  @Test
  void refusesWhatDockerRefuses() {
    assertThatThrownBy(() -> PortBinding.parse("http/tcp", "", ""))
        .hasMessage("invalid container port: http/tcp");
    assertThatThrownBy(() -> PortBinding.parse("80/sctp", "", ""))
        .hasMessage("invalid protocol: sctp");
    assertThatThrownBy(() -> PortBinding.parse("80/tcp", "", "70000"))
        .hasMessage("invalid host port: 70000");
    assertThatThrownBy(() -> PortBinding.parse("0/tcp", "", ""))
        .hasMessage("invalid container port: 0");
  }
}
