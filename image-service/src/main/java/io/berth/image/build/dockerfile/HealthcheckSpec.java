package io.berth.image.build.dockerfile;

import java.util.List;

/**
 * A HEALTHCHECK as Docker stores it in an image config's {@code Healthcheck}: durations in
 * nanoseconds, 0 meaning "inherit the default".
 *
 * @param test {@code ["NONE"]}, {@code ["CMD", exec...]} or {@code ["CMD-SHELL", command]}
 * @param interval {@code --interval} in nanoseconds
 * @param timeout {@code --timeout} in nanoseconds
 * @param startPeriod {@code --start-period} in nanoseconds
 * @param startInterval {@code --start-interval} in nanoseconds
 * @param retries {@code --retries}
 */
public record HealthcheckSpec(
    List<String> test,
    long interval,
    long timeout,
    long startPeriod,
    long startInterval,
    int retries) {

  public HealthcheckSpec {
    test = List.copyOf(test);
  }
}
