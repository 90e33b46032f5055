package io.berth.launcher;

import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code berth} command line.
 *
 * @param verb what to do
 * @param target the component for {@code logs} and {@code restart} (a service name, {@code kafka}
 *     or {@code supervisor}), if given
 * @param follow {@code logs -f}
 * @param lines {@code logs -n N} (default 100)
 */
public record CliCommand(Verb verb, Optional<String> target, boolean follow, int lines) {

  /** The {@code berth} sub-commands. */
  public enum Verb {
    UP,
    DOWN,
    STATUS,
    LOGS,
    RESTART,
    HELP
  }

  /** The default number of lines {@code logs} shows. */
  public static final int DEFAULT_LINES = 100;

  /** Components with a log besides the services. */
  public static final List<String> OTHER_LOGS = List.of("supervisor", "kafka");

  /** The usage text. */
  public static final String USAGE =
      String.join(
          System.lineSeparator(),
          "usage: berth <command>",
          "",
          "  up                        start Kafka and the four services in the background",
          "  down                      stop the services, then Kafka",
          "  status                    each component with pid, port and health",
          "  logs [-f] [-n N] [name]   the last N (100) log lines of a service, kafka or",
          "                            supervisor (all when no name); -f follows",
          "  restart <service>         restart one service, the others keep running",
          "  token add <principal> <reader|admin>   make a bearer token for the gateway",
          "  token ls | token rm <principal>        list or revoke tokens (docs/security.md)",
          "",
          "services: gateway, image-service, layer-service, container-service",
          "environment: BERTH_DATA_DIR (/var/lib/berth), BERTH_GATEWAY_PORT (2375),",
          "  BERTH_GATEWAY_HOST (127.0.0.1; 0.0.0.0 listens on every address, where",
          "  clients need a token), BERTH_KAFKA_PORT (23790),",
          "  BERTH_JAVA_OPTS (-XX:+UseSerialGC -Xmx512m)");

  /**
   * Parses the arguments after {@code berth}.
   *
   * @throws IllegalArgumentException with a message for the user when they make no sense
   */
  public static CliCommand parse(List<String> args) {
    if (args.isEmpty()) {
      return new CliCommand(Verb.HELP, Optional.empty(), false, DEFAULT_LINES);
    }
    String verb = args.get(0);
    List<String> rest = args.subList(1, args.size());
    return switch (verb) {
      case "up", "start" -> noArgs(Verb.UP, verb, rest);
      case "down", "stop" -> noArgs(Verb.DOWN, verb, rest);
      case "status", "ps" -> noArgs(Verb.STATUS, verb, rest);
      case "help", "-h", "--help" -> noArgs(Verb.HELP, verb, List.of());
      case "restart" -> restart(rest);
      case "logs", "log" -> logs(rest);
      default -> throw new IllegalArgumentException("unknown command '" + verb + "'");
    };
  }

  private static CliCommand noArgs(Verb verb, String word, List<String> rest) {
    if (!rest.isEmpty()) {
      throw new IllegalArgumentException("'" + word + "' takes no arguments: " + rest);
    }
    return new CliCommand(verb, Optional.empty(), false, DEFAULT_LINES);
  }

  private static CliCommand restart(List<String> rest) {
    if (rest.size() != 1) {
      throw new IllegalArgumentException("usage: berth restart <service>");
    }
    return new CliCommand(
        Verb.RESTART,
        Optional.of(BerthService.of(rest.get(0)).serviceName()),
        false,
        DEFAULT_LINES);
  }

  private static CliCommand logs(List<String> rest) {
    boolean follow = false;
    int lines = DEFAULT_LINES;
    String target = null;
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      switch (arg) {
        case "-f", "--follow" -> follow = true;
        case "-n", "--tail", "--lines" -> {
          if (i + 1 >= rest.size()) {
            throw new IllegalArgumentException(arg + " needs a number");
          }
          lines = lineCount(rest.get(++i));
        }
        default -> {
          if (arg.startsWith("-n") && arg.length() > 2) {
            lines = lineCount(arg.substring(2));
          } else if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option '" + arg + "' for logs");
          } else if (target != null) {
            throw new IllegalArgumentException(
                "logs takes one name, got " + target + " and " + arg);
          } else {
            target = component(arg);
          }
        }
      }
    }
    return new CliCommand(Verb.LOGS, Optional.ofNullable(target), follow, lines);
  }

  private static String component(String name) {
    if (OTHER_LOGS.contains(name)) {
      return name;
    }
    return BerthService.of(name).serviceName();
  }

  private static int lineCount(String text) {
    try {
      int n = Integer.parseInt(text);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a line count: '" + text + "'");
    }
  }
}
