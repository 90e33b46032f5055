package io.berth.container.linux;

import static io.berth.container.linux.LinuxConstants.CLD_DUMPED;
import static io.berth.container.linux.LinuxConstants.CLD_EXITED;
import static io.berth.container.linux.LinuxConstants.CLD_KILLED;

/**
 * How a process ended, as Docker reports it: its exit code, or {@code 128 + signal} when a signal
 * ended it.
 *
 * @param code the exit code Docker shows (0–255)
 * @param signal the signal that ended the process, or 0 when it exited by itself
 */
public record ExitStatus(int code, int signal) {

  public ExitStatus {
    if (code < 0 || code > 255) {
      throw new IllegalArgumentException("exit code out of range: " + code);
    }
    if (signal < 0 || signal > 64 || (signal > 0 && code != 128 + signal)) {
      throw new IllegalArgumentException("signal " + signal + " with exit code " + code);
    }
  }

  /** A process that called exit({@code code}). */
  public static ExitStatus exited(int code) {
    return new ExitStatus(code, 0);
  }

  /** A process that {@code signal} ended. */
  public static ExitStatus killed(int signal) {
    return new ExitStatus(128 + signal, signal);
  }

  /** Decodes waitpid(2)'s status word (WIFEXITED, WEXITSTATUS, WTERMSIG). */
  public static ExitStatus fromWaitStatus(int status) {
    int termsig = status & 0x7f;
    if (termsig == 0) {
      return exited((status >> 8) & 0xff);
    }
    if (termsig == 0x7f) {
      throw new IllegalArgumentException(
          "a stopped child is not an exit: 0x" + Integer.toHexString(status));
    }
    return killed(termsig);
  }

  /** Decodes waitid(2)'s {@code si_code} and {@code si_status}. */
  public static ExitStatus fromSiginfo(int siCode, int siStatus) {
    return switch (siCode) {
      case CLD_EXITED -> exited(siStatus & 0xff);
      case CLD_KILLED, CLD_DUMPED -> killed(siStatus);
      default -> throw new IllegalArgumentException("not an exit: si_code " + siCode);
    };
  }

  /** Whether a signal ended the process. */
  public boolean signaled() {
    return signal != 0;
  }

  /** The exit code as Docker reports it: the status, or 128 + the signal that ended it. */
  public int dockerExitCode() {
    return signaled() ? 128 + signal : code;
  }
}
