package io.berth.container.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpAllocatorTest {

  @Test
  void handsOutTheLowestFreeAddressAfterTheGateway() {
    Subnet subnet = Subnet.parse("172.30.0.0/16");
    assertThat(IpAllocator.next(subnet, Set.of())).isEqualTo("172.30.0.2");
    assertThat(IpAllocator.next(subnet, Set.of("172.30.0.2", "172.30.0.3")))
        .isEqualTo("172.30.0.4");
    assertThat(IpAllocator.next(subnet, Set.of("172.30.0.3"))).isEqualTo("172.30.0.2");
  }

  @Test
  void neverGivesTheSameAddressTwiceAndReusesAReleasedOne() {
    Subnet subnet = Subnet.parse("10.231.7.0/24");
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < 253; i++) {
      assertThat(taken.add(IpAllocator.next(subnet, taken))).isTrue();
    }
    assertThat(taken).allMatch(a -> a.startsWith("10.231.7.")).doesNotContain("10.231.7.1");
    assertThat(taken).doesNotContain("10.231.7.0", "10.231.7.255");
    assertThatThrownBy(() -> IpAllocator.next(subnet, taken))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no address left in 10.231.7.0/24");
    taken.remove("10.231.7.77");
    assertThat(IpAllocator.next(subnet, taken)).isEqualTo("10.231.7.77");
  }

  @Test
  void derivesDockersMacAddressFromTheAddress() {
    assertThat(IpAllocator.macFor("172.30.0.2")).isEqualTo("02:42:ac:1e:00:02");
  }
}
