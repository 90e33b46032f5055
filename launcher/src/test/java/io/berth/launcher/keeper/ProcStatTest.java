package io.berth.launcher.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  private static final String TAIL =
      " S 1 4242 4242 0 -1 4194560 1000 0 0 0 5 3 0 0 20 0 1 0 987654 10000000 500 18446744073709551615"
          + " 1 1 0 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0";

  @Test
  void readsParentSessionAndStartTime() {
    ProcStat stat = ProcStat.parse("4242 (sleep)" + TAIL);

    assertThat(stat.ppid()).isEqualTo(1);
    assertThat(stat.session()).isEqualTo(4242);
    assertThat(stat.startTime()).isEqualTo(987654);
  }

  @Test
  void countsFieldsAfterTheLastParenthesisOfACommandWithSpacesAndParentheses() {
    ProcStat stat = ProcStat.parse("4242 (a ) b (c) 7 8)" + TAIL);

    assertThat(stat.startTime()).isEqualTo(987654);
  }

  @Test
  void readsThisProcess() {
    ProcStat self = ProcStat.of(ProcessHandle.current().pid()).orElseThrow();

    assertThat(self.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
    assertThat(self.startTime()).isPositive();
  }

  @Test
  void refusesALineWithoutACommandName() {
    assertThatThrownBy(() -> ProcStat.parse("4242 sleep S 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
