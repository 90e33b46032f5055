package io.berth.image.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Checks {@code STOPSIGNAL} values as Docker's {@code signal.ParseSignal} does on Linux: a positive
 * number, or a signal name with or without {@code SIG}.
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/signal.7.html">signal(7)</a>
 * @see <a href="https://github.com/moby/sys/blob/signal/v0.7.0/signal/signal_linux.go">moby
 *     signal_linux.go</a>
 */
final class StopSignals {

  private static final Set<String> NAMES = names();

  private StopSignals() {}

  static void check(String signal) {
    try {
      if (Integer.parseInt(signal) > 0) {
        return;
      }
    } catch (NumberFormatException e) {
      String name = signal.toUpperCase(Locale.ROOT);
      if (NAMES.contains(name.startsWith("SIG") ? name.substring(3) : name)) {
        return;
      }
    }
    throw new IllegalArgumentException("Invalid signal: " + signal);
  }

  private static Set<String> names() {
    Set<String> names =
        new HashSet<>(
            Set.of(
                "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO",
                "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP",
                "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM",
                "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX"));
    for (int i = 1; i <= 15; i++) {
      names.add("RTMIN+" + i);
      names.add("RTMAX-" + i);
    }
    return Set.copyOf(names);
  }
}
