package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuWeightTest {

  @Test
  void sharesBecomeRuncsWeight() {
    assertThat(CpuWeight.fromShares(2)).isEqualTo(1);
    assertThat(CpuWeight.fromShares(512)).isEqualTo(20);
    assertThat(CpuWeight.fromShares(1024)).isEqualTo(39);
    assertThat(CpuWeight.fromShares(2048)).isEqualTo(79);
    assertThat(CpuWeight.fromShares(262_144)).isEqualTo(10_000);
  }

  @Test
  void everyWeightReadsBackAsSharesThatMapToIt() {
    for (long weight = 1; weight <= 10_000; weight++) {
      long shares = CpuWeight.toShares(weight);
      assertThat(shares).isBetween(2L, 262_144L);
      assertThat(CpuWeight.fromShares(shares)).as("weight %d", weight).isEqualTo(weight);
      if (shares < 262_144) {
        assertThat(CpuWeight.fromShares(shares + 1))
            .as("largest for %d", weight)
            .isGreaterThan(weight);
      }
    }
  }

  @Test
  void dockersDefaultSharesSurviveTheRoundTrip() {
    assertThat(CpuWeight.toShares(CpuWeight.fromShares(1024))).isEqualTo(1024);
  }
}
