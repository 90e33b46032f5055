package io.berth.container.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.events.ErrorCode;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void noLimitsLeaveEverythingAbsent() {
    Limits none = Limits.none();

    assertThat(none.memoryBytes()).isEmpty();
    assertThat(none.memorySwapBytes()).isEmpty();
    assertThat(none.cpuQuotaMicros()).isEmpty();
    assertThat(none.cpuPeriodMicros()).isEmpty();
    assertThat(none.cpuShares()).isEmpty();
    assertThat(none.pidsLimit()).isEmpty();
  }

  @Test
  void aMemoryLimitAloneSetsMemoryPlusSwapToTheSameValue() {
    Limits limits = Limits.none().withMemory(64L << 20);

    assertThat(limits.memorySwapBytes()).hasValue(64L << 20);
  }

  @Test
  void anExplicitMemoryPlusSwapIsKeptAndMinusOneMeansUnlimitedSwap() {
    assertThat(Limits.none().withMemory(64).withMemorySwap(128).memorySwapBytes()).hasValue(128);
    assertThat(Limits.none().withMemory(64).withMemorySwap(-1).memorySwapBytes()).hasValue(-1);
  }

  @Test
  void cpusBecomeAQuotaPerHundredMillisecondPeriod() {
    Limits limits = Limits.none().withCpus(1.5);

    assertThat(limits.cpuQuotaMicros()).hasValue(150_000);
    assertThat(limits.cpuPeriodMicros()).hasValue(100_000);
    assertThat(Limits.none().withCpus(0.01).cpuQuotaMicros()).hasValue(1_000);
  }

  @Test
  void aQuotaWithoutPeriodGetsTheDefaultPeriod() {
    Limits limits =
        new Limits(
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.of(20_000),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());

    assertThat(limits.cpuPeriodMicros()).hasValue(Limits.DEFAULT_CPU_PERIOD_MICROS);
  }

  @Test
  void withersKeepTheOtherFields() {
    Limits limits =
        Limits.none().withMemory(64L << 20).withCpus(2).withCpuShares(512).withPidsLimit(100);

    assertThat(limits.memoryBytes()).hasValue(64L << 20);
    assertThat(limits.cpuQuotaMicros()).hasValue(200_000);
    assertThat(limits.cpuShares()).hasValue(512);
    assertThat(limits.pidsLimit()).hasValue(100);
  }

  @Test
  void valuesOutsideTheKernelsRangesAreRefusedNamingTheValue() {
    assertInvalid(() -> Limits.none().withMemory(0), "memory must be at least 1, not 0");
    assertInvalid(() -> Limits.none().withMemory(-1), "not -1");
    assertInvalid(() -> Limits.none().withMemory(64).withMemorySwap(32), "smaller than");
    assertInvalid(() -> Limits.none().withMemorySwap(32), "needs a memory limit");
    assertInvalid(() -> Limits.none().withCpus(0), "positive number, not 0.0");
    assertInvalid(() -> Limits.none().withCpus(Double.NaN), "NaN");
    assertInvalid(() -> Limits.none().withCpus(0.001), "at least 0.01");
    assertInvalid(() -> Limits.none().withCpuQuota(999, 100_000), "not 999");
    assertInvalid(() -> Limits.none().withCpuQuota(50_000, 2_000_000), "not 2000000");
    assertInvalid(() -> Limits.none().withCpuShares(1), "from 2 to 262144, not 1");
    assertInvalid(() -> Limits.none().withCpuShares(262_145), "not 262145");
    assertInvalid(() -> Limits.none().withPidsLimit(0), "pids limit must be at least 1, not 0");
    assertInvalid(() -> Limits.none().withPidsLimit(-1), "not -1");
  }

  private static void assertInvalid(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            CgroupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining(message);
  }
}
