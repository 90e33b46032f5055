package io.berth.gateway.events;

import java.util.List;
import java.util.Locale;

/**
 * Linux signal numbers by name, for the {@code signal} attribute of Docker's {@code kill} event,
 * which is the number ({@code "15"}) while Berth's event names the signal ({@code SIGTERM}).
 *
 * @see <a href="https://man7.org/linux/man-pages/man7/signal.7.html">signal(7)</a>
 */
final class SignalNumbers {

  /** Index = number on x86-64 and arm64. */
  private static final List<String> NAMES =
      List.of(
          "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
          "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU",
          "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

  private static final int SIGRTMIN = 34;
  private static final int SIGRTMAX = 64;

  private SignalNumbers() {}

  /**
   * The number of a signal given as {@code SIGTERM}, {@code TERM}, {@code 15} or {@code
   * SIGRTMIN+3}; the text itself when it is none of those.
   */
  static String of(String signal) {
    String name = signal.trim().toUpperCase(Locale.ROOT);
    if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
      return name;
    }
    if (name.startsWith("SIG")) {
      name = name.substring(3);
    }
    int index = NAMES.indexOf(name);
    if (index > 0) {
      return Integer.toString(index);
    }
    if (name.equals("IOT")) {
      return "6";
    }
    if (name.equals("POLL")) {
      return "29";
    }
    if (name.startsWith("RTMIN")) {
      return realtime(name.substring(5), SIGRTMIN, signal);
    }
    if (name.startsWith("RTMAX")) {
      return realtime(name.substring(5), SIGRTMAX, signal);
    }
    return signal;
  }

  private static String realtime(String offset, int base, String original) {
    try {
      int number = offset.isEmpty() ? base : base + Integer.parseInt(offset);
      return number >= SIGRTMIN && number <= SIGRTMAX ? Integer.toString(number) : original;
    } catch (NumberFormatException e) {
      return original;
    }
  }
}
