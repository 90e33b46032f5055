package io.berth.gateway.docker.json;

import java.time.Duration;

/**
 * Durations worded as Docker words them in {@code docker ps} ("Up 3 seconds", "Exited (0) About a
 * minute ago"): go-units' {@code HumanDuration}.
 */
public final class HumanDuration {

  private HumanDuration() {}

  /** "Less than a second", "1 second", "5 minutes", "About an hour", "3 days", ... */
  public static String of(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds < 1) {
      return "Less than a second";
    } else if (seconds == 1) {
      return "1 second";
    } else if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = duration.toMinutes();
    if (minutes == 1) {
      return "About a minute";
    } else if (minutes < 60) {
      return minutes + " minutes";
    }
    // Go's d.Round(time.Hour): halves round away from zero.
    long hours = (duration.toMillis() + Duration.ofMinutes(30).toMillis()) / 3_600_000L;
    if (hours == 1) {
      return "About an hour";
    } else if (hours < 48) {
      return hours + " hours";
    } else if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    } else if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return duration.toHours() / 24 / 365 + " years";
  }
}
