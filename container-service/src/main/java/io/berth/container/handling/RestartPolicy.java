package io.berth.container.handling;

import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --restart}: {@code no}, {@code always}, {@code unless-stopped}, {@code
 * on-failure[:max-retries]}; a container stopped by a user is never restarted by its policy.
 *
 * @param name the policy's name
 * @param maxRetries for on-failure, the most restarts (0: no limit)
 */
record RestartPolicy(String name, int maxRetries) {

  static RestartPolicy parse(String policy) {
    if (policy == null || policy.isBlank() || policy.equals("no")) {
      return new RestartPolicy("no", 0);
    }
    if (policy.equals("always") || policy.equals("unless-stopped")) {
      return new RestartPolicy(policy, 0);
    }
    if (policy.startsWith("on-failure")) {
      int max = 0;
      if (policy.length() > "on-failure".length()) {
        try {
          max = Integer.parseInt(policy.substring("on-failure:".length()));
        } catch (RuntimeException e) {
          throw invalid(policy);
        }
      }
      return new RestartPolicy("on-failure", max);
    }
    throw invalid(policy);
  }

  boolean shouldRestart(int exitCode, int restartCount) {
    return switch (name) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> exitCode != 0 && (maxRetries == 0 || restartCount < maxRetries);
      default -> false;
    };
  }

  /** Docker's back-off: 100 ms doubling per restart, reset once a run lasted 10 s. */
  static long delayMillis(int restartCount, Instant startedAt, Instant exitedAt) {
    if (startedAt != null && Duration.between(startedAt, exitedAt).toSeconds() >= 10) {
      return 100;
    }
    return Math.min(60_000, 100L << Math.min(restartCount, 10));
  }

  private static ContainerException invalid(String policy) {
    return new ContainerException(
        ErrorCode.INVALID_ARGUMENT, "invalid restart policy '" + policy + "'");
  }
}
