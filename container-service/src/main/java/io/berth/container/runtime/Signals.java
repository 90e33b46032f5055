package io.berth.container.runtime;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;
import java.util.Locale;
import java.util.Map;

/** Signal names and numbers as {@code docker kill -s} and {@code STOPSIGNAL} take them (x86_64). */
public final class Signals {

  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;

  private static final String[] NAMES = {
    null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
    "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"
  };
  private static final Map<String, Integer> ALIASES = Map.of("IOT", 6, "POLL", 29, "CLD", 17);

  private Signals() {}

  /**
   * {@code 9}, {@code KILL}, {@code SIGKILL} or {@code SIGRTMIN+3}.
   *
   * @throws ContainerException INVALID_ARGUMENT naming the signal, as Docker words it
   */
  public static int parse(String signal) {
    if (signal == null || signal.isBlank()) {
      return SIGKILL;
    }
    String s = signal.trim().toUpperCase(Locale.ROOT);
    if (s.chars().allMatch(Character::isDigit)) {
      int n = Integer.parseInt(s);
      if (n >= 1 && n <= 64) {
        return n;
      }
      throw invalid(signal);
    }
    if (s.startsWith("SIG")) {
      s = s.substring(3);
    }
    for (int i = 1; i < NAMES.length; i++) {
      if (NAMES[i].equals(s)) {
        return i;
      }
    }
    if (ALIASES.containsKey(s)) {
      return ALIASES.get(s);
    }
    if (s.startsWith("RTMIN")) {
      int offset = s.length() > 5 ? Integer.parseInt(s.substring(6)) : 0;
      return 34 + offset;
    }
    if (s.startsWith("RTMAX")) {
      int offset = s.length() > 5 ? Integer.parseInt(s.substring(6)) : 0;
      return 64 - offset;
    }
    throw invalid(signal);
  }

  /** {@code SIGTERM} for 15. */
  public static String name(int signal) {
    if (signal > 0 && signal < NAMES.length) {
      return "SIG" + NAMES[signal];
    }
    return Integer.toString(signal);
  }

  private static ContainerException invalid(String signal) {
    return new ContainerException(ErrorCode.INVALID_ARGUMENT, "Invalid signal: " + signal);
  }
}
