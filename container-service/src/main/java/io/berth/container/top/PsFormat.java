package io.berth.container.top;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The {@code ps} output formats {@code docker top} accepts, each column computed as procps computes
 * it (<a href="https://man7.org/linux/man-pages/man1/ps.1.html">ps(1)</a>).
 */
enum PsFormat {

  /** {@code ps -ef}, Docker's default. */
  FULL(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD")) {
    @Override
    List<String> row(ProcProcess p, HostSystem host) {
      return List.of(
          host.user(p.euid()),
          Long.toString(p.pid()),
          Long.toString(p.ppid()),
          Long.toString(Math.min(99, (long) cpuPercent(p, host))),
          startTime(p, host),
          tty(p.ttyNr()),
          fullTime(p.cpuTicks()),
          p.command());
    }
  },

  /** {@code ps aux}, the BSD user-oriented format. */
  USER(
      List.of(
          "USER", "PID", "%CPU", "%MEM", "VSZ", "RSS", "TTY", "STAT", "START", "TIME", "COMMAND")) {
    @Override
    List<String> row(ProcProcess p, HostSystem host) {
      double mem = host.memTotalKib() == 0 ? 0 : 100.0 * p.vmRssKib() / host.memTotalKib();
      return List.of(
          host.user(p.euid()),
          Long.toString(p.pid()),
          String.format(Locale.ROOT, "%.1f", cpuPercent(p, host)),
          String.format(Locale.ROOT, "%.1f", mem),
          Long.toString(p.vmSizeKib()),
          Long.toString(p.vmRssKib()),
          tty(p.ttyNr()),
          stat(p),
          startTime(p, host),
          bsdTime(p.cpuTicks()),
          p.command());
    }
  };

  private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter THIS_YEAR =
      DateTimeFormatter.ofPattern("MMMdd", Locale.ENGLISH);
  private static final DateTimeFormatter OLDER = DateTimeFormatter.ofPattern("yyyy");

  private final List<String> titles;

  PsFormat(List<String> titles) {
    this.titles = titles;
  }

  List<String> titles() {
    return titles;
  }

  abstract List<String> row(ProcProcess process, HostSystem host);

  /**
   * The format for {@code docker top}'s {@code ps_args}; null for arguments not supported. Empty
   * means Docker's default, {@code -ef}.
   */
  static PsFormat forArgs(String psArgs) {
    String args = psArgs == null ? "" : psArgs.trim().replaceAll("\\s+", " ");
    return switch (args) {
      case "", "-ef", "-fe", "-e -f", "-f -e", "-Af", "-fA", "-A -f" -> FULL;
      case "aux", "axu", "uax", "xau", "-aux", "-axu" -> USER;
      default -> null;
    };
  }

  /** CPU time over elapsed time, in percent, as procps' {@code pcpu}. */
  private static double cpuPercent(ProcProcess p, HostSystem host) {
    double cpuSeconds = (double) p.cpuTicks() / HostSystem.CLOCK_TICKS;
    return 100.0 * cpuSeconds / host.elapsedSeconds(p);
  }

  /** {@code HH:MM} if it started today, {@code MonDD} this year, else the year. */
  private static String startTime(ProcProcess p, HostSystem host) {
    LocalDateTime start = LocalDateTime.ofInstant(host.startTime(p), host.zone());
    LocalDateTime now = LocalDateTime.ofInstant(host.now(), host.zone());
    if (start.toLocalDate().equals(now.toLocalDate())) {
      return TODAY.format(start);
    }
    return start.getYear() == now.getYear() ? THIS_YEAR.format(start) : OLDER.format(start);
  }

  /** The controlling terminal's name from {@code tty_nr}, {@code ?} when there is none. */
  static String tty(long ttyNr) {
    if (ttyNr == 0) {
      return "?";
    }
    long major = (ttyNr >> 8) & 0xfff;
    long minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
    if (major >= 136 && major <= 143) {
      return "pts/" + ((major - 136) * 256 + minor);
    }
    if (major == 4) {
      return minor < 64 ? "tty" + minor : "ttyS" + (minor - 64);
    }
    if (major == 5 && minor == 1) {
      return "console";
    }
    return major + "," + minor;
  }

  /** {@code [DD-]HH:MM:SS}, the {@code TIME} of {@code -f}. */
  static String fullTime(long ticks) {
    long seconds = ticks / HostSystem.CLOCK_TICKS;
    long days = seconds / 86400;
    String time =
        String.format(
            Locale.ROOT,
            "%02d:%02d:%02d",
            (seconds / 3600) % 24,
            (seconds / 60) % 60,
            seconds % 60);
    return days > 0 ? days + "-" + time : time;
  }

  /** {@code M:SS}, the {@code TIME} of BSD formats such as {@code aux}. */
  static String bsdTime(long ticks) {
    long seconds = ticks / HostSystem.CLOCK_TICKS;
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  /** State letter and BSD flags: {@code <} {@code N} {@code L} {@code s} {@code l} {@code +}. */
  static String stat(ProcProcess p) {
    StringBuilder stat = new StringBuilder().append(p.state());
    if (p.nice() < 0) {
      stat.append('<');
    } else if (p.nice() > 0) {
      stat.append('N');
    }
    if (p.vmLockedKib() > 0) {
      stat.append('L');
    }
    if (p.session() == p.pid()) {
      stat.append('s');
    }
    if (p.threads() > 1) {
      stat.append('l');
    }
    if (p.tpgid() == p.pgrp() && p.tpgid() > 0) {
      stat.append('+');
    }
    return stat.toString();
  }
}
