package io.berth.container.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetTest {

  @Test
  void parsesCidrAndKnowsItsGateway() {
    Subnet subnet = Subnet.parse("172.30.0.0/16");
    assertThat(subnet.gateway()).isEqualTo("172.30.0.1");
    assertThat(subnet.toString()).isEqualTo("172.30.0.0/16");
    assertThat(subnet.contains(Subnet.address("172.30.255.254"))).isTrue();
    assertThat(subnet.contains(Subnet.address("172.31.0.1"))).isFalse();
  }

  @Test
  void overlapsWhenOneContainsTheOther() {
    Subnet docker = Subnet.parse("172.17.0.0/16");
    assertThat(Subnet.parse("172.16.0.0/12").overlaps(docker)).isTrue();
    assertThat(docker.overlaps(Subnet.parse("172.17.5.0/24"))).isTrue();
    assertThat(docker.overlaps(Subnet.parse("172.30.0.0/16"))).isFalse();
  }

  @Test
  void refusesMalformedSubnets() {
    assertThatThrownBy(() -> Subnet.parse("172.30.0.1/16")).hasMessageContaining("host bits");
    assertThatThrownBy(() -> Subnet.parse("172.30.0.0")).hasMessageContaining("a.b.c.d/n");
    assertThatThrownBy(() -> Subnet.parse("300.1.0.0/16")).hasMessageContaining("invalid IPv4");
    assertThatThrownBy(() -> Subnet.parse("10.0.0.0/31")).hasMessageContaining("between 8 and 30");
  }

  @Test
  void readsTheKernelsRouteTable() {
    List<HostRoutes.Route> routes =
        HostRoutes.parse(
            List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0"));
    assertThat(routes)
        .containsExactly(
            new HostRoutes.Route("eth0", Subnet.parse("192.0.2.0/24")),
            new HostRoutes.Route("docker0", Subnet.parse("172.17.0.0/16")));
  }
}
