package io.berth.image.config;

import io.berth.image.config.ChangeLines.Instruction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code HEALTHCHECK NONE} and {@code HEALTHCHECK [--interval=… --timeout=… --start-period=…
 * --start-interval=… --retries=…] CMD …}, parsed as BuildKit's {@code parseHealthcheck} does.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#healthcheck">Dockerfile
 *     HEALTHCHECK</a>
 */
final class HealthcheckInstruction {

  private static final Set<String> FLAGS =
      Set.of("interval", "timeout", "start-period", "start-interval", "retries");

  private HealthcheckInstruction() {}

  static Healthcheck parse(Instruction instruction) {
    String rest = instruction.rest();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("HEALTHCHECK requires at least one argument");
    }
    String[] parts = rest.split("\\s+", 2);
    String type = parts[0].toUpperCase(Locale.ROOT);
    String command = parts.length == 2 ? parts[1] : "";
    if (type.equals("NONE")) {
      if (!command.isEmpty()) {
        throw new IllegalArgumentException("HEALTHCHECK NONE takes no arguments");
      }
      return Healthcheck.none();
    }
    Map<String, String> flags = instruction.flags();
    for (String flag : flags.keySet()) {
      if (!FLAGS.contains(flag)) {
        throw new IllegalArgumentException("unknown flag: " + flag);
      }
    }
    if (!type.equals("CMD")) {
      throw new IllegalArgumentException("Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)");
    }
    List<String> json = command.isEmpty() ? null : Changes.jsonArray(command);
    List<String> test = new ArrayList<>();
    if (json != null) {
      test.add("CMD");
      test.addAll(json);
    } else {
      test.add("CMD-SHELL");
      if (!command.isEmpty()) {
        test.add(command);
      }
    }
    if (test.size() == 1) {
      throw new IllegalArgumentException("Missing command after HEALTHCHECK CMD");
    }
    return new Healthcheck(
        test,
        interval(flags, "interval"),
        interval(flags, "timeout"),
        interval(flags, "start-period"),
        interval(flags, "start-interval"),
        retries(flags.get("retries")));
  }

  private static Duration interval(Map<String, String> flags, String name) {
    String value = flags.get(name);
    if (value == null || value.isEmpty()) {
      return Duration.ZERO;
    }
    Duration duration = GoDurations.parse(value);
    if (!duration.isZero() && duration.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("Interval \"" + name + "\" cannot be less than 1ms");
    }
    return duration;
  }

  private static int retries(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    int retries;
    try {
      retries = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
    }
    if (retries < 0) {
      throw new IllegalArgumentException("--retries cannot be negative (" + retries + ")");
    }
    return retries;
  }
}
