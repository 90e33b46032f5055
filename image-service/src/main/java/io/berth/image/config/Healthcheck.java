package io.berth.image.config;

import java.time.Duration;
import java.util.List;

/**
 * How to check that a container is healthy, as Docker's {@code Healthcheck} config holds it.
 *
 * @param test {@code ["NONE"]}, {@code ["CMD", args...]} or {@code ["CMD-SHELL", command]}
 * @param interval time between checks, or zero for the default
 * @param timeout time before a check counts as hung, or zero for the default
 * @param startPeriod time to wait before failures count, or zero for the default
 * @param startInterval time between checks during the start period, or zero for the default
 * @param retries failures in a row before the container is unhealthy, or zero for the default
 * @see <a
 *     href="https://github.com/moby/docker-image-spec/blob/v1.2.0/spec.md#image-json-field-descriptions">Docker
 *     image spec v1.2: Healthcheck</a>
 */
public record Healthcheck(
    List<String> test,
    Duration interval,
    Duration timeout,
    Duration startPeriod,
    Duration startInterval,
    int retries) {

  public Healthcheck {
    test = test == null ? List.of() : List.copyOf(test);
    interval = nonNegative(interval, "interval");
    timeout = nonNegative(timeout, "timeout");
    startPeriod = nonNegative(startPeriod, "startPeriod");
    startInterval = nonNegative(startInterval, "startInterval");
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative");
    }
  }

  /** {@code HEALTHCHECK NONE}: switches off a check inherited from the base image. */
  public static Healthcheck none() {
    return new Healthcheck(List.of("NONE"), null, null, null, null, 0);
  }

  private static Duration nonNegative(Duration duration, String name) {
    if (duration == null) {
      return Duration.ZERO;
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
    return duration;
  }
}
