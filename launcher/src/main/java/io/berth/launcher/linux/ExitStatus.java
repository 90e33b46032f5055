package io.berth.launcher.linux;

/**
 * How a process ended, as Docker reports it: its exit status, or {@code 128 + signal} when a signal
 * ended it.
 *
 * @param code the exit code Docker shows (0–255)
 * @param signal the signal that ended the process, or 0 when it exited by itself
 */
public record ExitStatus(int code, int signal) {

  /** Validates the pair. */
  public ExitStatus {
    if (code < 0
        || code > 255
        || signal < 0
        || signal > 64
        || (signal > 0 && code != 128 + signal)) {
      throw new IllegalArgumentException("exit code " + code + " with signal " + signal);
    }
  }

  /**
   * Decodes waitid(2)'s {@code si_code} (CLD_EXITED, CLD_KILLED, CLD_DUMPED) and {@code si_status}.
   */
  public static ExitStatus fromSiginfo(int siCode, int siStatus) {
    return switch (siCode) {
      case Linux.CLD_EXITED -> new ExitStatus(siStatus & 0xff, 0);
      case Linux.CLD_KILLED, Linux.CLD_DUMPED -> new ExitStatus(128 + siStatus, siStatus);
      default -> throw new IllegalArgumentException("not an exit: si_code " + siCode);
    };
  }

  /** Whether a signal ended the process. */
  public boolean signaled() {
    return signal != 0;
  }
}
