package io.berth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void freePortsAreDistinctAndFree() {
    int[] ports = Ports.freePorts(6);
    assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(6);
    for (int port : ports) {
      assertThat(Ports.inUse(port)).isFalse();
    }
  }

  @Test
  void aListeningPortIsInUseAndItsOwnerIsFound() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = socket.getLocalPort();
      assertThat(Ports.inUse(port)).isTrue();
      assertThat(Ports.accepts(port, 500)).isTrue();
      assertThat(PortOwner.describe(port))
          .hasValueSatisfying(
              owner -> assertThat(owner).startsWith("pid " + ProcessHandle.current().pid() + " ("));
    }
  }

  @Test
  void aPortBoundOnAllInterfacesIsInUseToo() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      assertThat(Ports.inUse(socket.getLocalPort())).isTrue();
    }
  }

  @Test
  void parsesProcNetTcpLines() {
    String listening =
        "   0: 0100007F:0947 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 123456 1 0000000000000000 100 0 0 10 0";
    String established =
        "   1: 0100007F:0947 0100007F:B0F2 01 00000000:00000000 00:00000000 00000000     0        0 654321 1 0000000000000000 20 4 30 10 -1";
    assertThat(PortOwner.parseListening(listening, 2375)).contains("123456");
    assertThat(PortOwner.parseListening(listening, 2376)).isEmpty();
    assertThat(PortOwner.parseListening(established, 2375)).isEmpty();
    assertThat(PortOwner.parseListening("  sl  local_address rem_address   st", 2375)).isEmpty();
  }
}
