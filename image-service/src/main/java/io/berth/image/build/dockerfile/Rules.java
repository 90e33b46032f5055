package io.berth.image.build.dockerfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The instruction-level checks of buildkit's {@code instructions/parse.go} (argument counts, the
 * flags each instruction accepts, stage names, ONBUILD triggers, HEALTHCHECK options), turning a
 * parsed line into an {@link Instruction}. Messages are Docker's, without the {@code dockerfile
 * parse error on line N:} prefix that the caller adds.
 */
final class Rules {

  /** A line that parses but breaks an instruction's rules. */
  static final class Violation extends IllegalArgumentException {
    Violation(String message) {
      super(message);
    }
  }

  static final SortedSet<String> KEYWORDS =
      new TreeSet<>(
          Set.of(
              "add",
              "arg",
              "cmd",
              "copy",
              "entrypoint",
              "env",
              "expose",
              "from",
              "healthcheck",
              "label",
              "maintainer",
              "onbuild",
              "run",
              "shell",
              "stopsignal",
              "user",
              "volume",
              "workdir"));

  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  private static final Pattern WHITESPACE = Pattern.compile("[\\t\\u000b\\f\\r ]+");

  private enum FlagType {
    BOOL,
    STRING,
    STRINGS
  }

  private Rules() {}

  /**
   * @return the instruction of {@code node}, which starts on {@code line}
   * @throws Violation when it breaks its keyword's rules
   */
  static Instruction check(Syntax.Node node, int line) {
    String keyword = node.keyword().toLowerCase(Locale.ROOT);
    String upper = keyword.toUpperCase(Locale.ROOT);
    List<String> args = node.args();
    Map<String, String> flags = Map.of();
    switch (keyword) {
      case "env", "label" -> {
        flags = flags(node, Map.of());
        atLeastOne(args, upper);
        boolean legacy = !args.get(0).contains("=");
        for (String arg : legacy ? args.subList(0, 1) : args) {
          if (arg.isEmpty() || arg.startsWith("=")) {
            throw new Violation(upper + " names can not be blank");
          }
        }
      }
      case "maintainer", "workdir", "user" -> {
        exactlyOne(args, upper);
        flags = flags(node, Map.of());
      }
      case "stopsignal" -> {
        exactlyOne(args, upper);
        flags = lenientFlags(node);
      }
      case "add" -> {
        twoOrMore(args, upper);
        flags =
            flags(
                node,
                Map.of(
                    "chown", FlagType.STRING,
                    "chmod", FlagType.STRING,
                    "link", FlagType.BOOL,
                    "keep-git-dir", FlagType.BOOL,
                    "checksum", FlagType.STRING,
                    "unpack", FlagType.BOOL,
                    "exclude", FlagType.STRINGS));
      }
      case "copy" -> {
        twoOrMore(args, upper);
        flags =
            flags(
                node,
                Map.of(
                    "chown", FlagType.STRING,
                    "from", FlagType.STRING,
                    "chmod", FlagType.STRING,
                    "link", FlagType.BOOL,
                    "exclude", FlagType.STRINGS,
                    "parents", FlagType.BOOL));
      }
      case "from" -> {
        stageName(args);
        flags = flags(node, Map.of("platform", FlagType.STRING));
      }
      case "onbuild" -> {
        atLeastOne(args, upper);
        flags = flags(node, Map.of());
        String trigger =
            WHITESPACE.split(GoText.trimSpace(args.get(0)), 2)[0].toUpperCase(Locale.ROOT);
        switch (trigger) {
          case "ONBUILD" ->
              throw new Violation("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
          case "MAINTAINER", "FROM" ->
              throw new Violation(trigger + " isn't allowed as an ONBUILD trigger");
          default -> {
            // any other trigger is checked when it runs
          }
        }
      }
      case "run" ->
          flags =
              flags(
                  node,
                  Map.of(
                      "mount", FlagType.STRINGS,
                      "network", FlagType.STRING,
                      "security", FlagType.STRING,
                      "device", FlagType.STRINGS));
      case "cmd", "entrypoint" -> flags = flags(node, Map.of());
      case "healthcheck" -> {
        atLeastOne(args, upper);
        boolean none = args.get(0).toUpperCase(Locale.ROOT).equals("NONE");
        flags =
            none
                ? lenientFlags(node)
                : flags(
                    node,
                    Map.of(
                        "interval", FlagType.STRING,
                        "timeout", FlagType.STRING,
                        "start-period", FlagType.STRING,
                        "start-interval", FlagType.STRING,
                        "retries", FlagType.STRING));
      }
      case "expose" -> {
        atLeastOne(args, upper);
        flags = flags(node, Map.of());
      }
      case "volume" -> {
        atLeastOne(args, upper);
        flags = flags(node, Map.of());
        for (String volume : args) {
          if (volume.isBlank()) {
            throw new Violation("VOLUME specified can not be an empty string");
          }
        }
      }
      case "arg" -> {
        atLeastOne(args, upper);
        flags = lenientFlags(node);
        for (String arg : args) {
          if (arg.startsWith("=")) {
            throw new Violation("ARG names can not be blank");
          }
        }
      }
      case "shell" -> {
        flags = flags(node, Map.of());
        if (args.isEmpty()) {
          throw new Violation("SHELL requires at least one argument");
        }
        if (!node.json()) {
          throw new Violation("SHELL requires the arguments to be in JSON form");
        }
      }
      default ->
          throw new Violation(
              "unknown instruction: "
                  + node.keyword()
                  + Suggestions.didYouMean(node.keyword(), KEYWORDS, false));
    }
    Instruction instruction =
        new Instruction(upper, GoText.trimSpace(node.original()), line, flags, args, node.json());
    if (keyword.equals("healthcheck")) {
      try {
        Instructions.healthcheck(instruction);
      } catch (DockerfileException e) {
        throw new Violation(e.getMessage());
      }
    }
    return instruction;
  }

  /**
   * @return the lower-cased stage name of FROM's arguments, or null
   */
  static String stageName(List<String> args) {
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      String name = args.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(name).matches()) {
        throw new Violation(
            "invalid name for build stage: "
                + GoText.quote(args.get(2))
                + ", name can't start with a number or contain symbols");
      }
      return name;
    }
    if (args.size() != 1) {
      throw new Violation("FROM requires either one or three arguments");
    }
    return null;
  }

  private static void atLeastOne(List<String> args, String keyword) {
    if (args.isEmpty()) {
      throw new Violation(keyword + " requires at least one argument");
    }
  }

  private static void exactlyOne(List<String> args, String keyword) {
    if (args.size() != 1) {
      throw new Violation(keyword + " requires exactly one argument");
    }
  }

  private static void twoOrMore(List<String> args, String keyword) {
    if (args.size() < 2) {
      throw new Violation(
          keyword
              + " requires at least two arguments, but only one was provided. Destination could"
              + " not be determined");
    }
  }

  /** Parses the flags as buildkit's BFlags does, accepting only {@code allowed}. */
  private static Map<String, String> flags(Syntax.Node node, Map<String, FlagType> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String flag : node.flags()) {
      if (flag.equals("--")) {
        break;
      }
      if (!flag.startsWith("--")) {
        throw new Violation("arg should start with -- : " + flag);
      }
      int equals = flag.indexOf('=');
      String flagName = equals < 0 ? flag : flag.substring(0, equals);
      String name = flagName.substring(2);
      String value = equals < 0 ? null : flag.substring(equals + 1);
      FlagType type = allowed.get(name);
      if (type == null) {
        throw new Violation(
            "unknown flag: "
                + flagName
                + Suggestions.didYouMean(name, new TreeSet<>(allowed.keySet()), true));
      }
      if (values.containsKey(name) && type != FlagType.STRINGS) {
        throw new Violation("duplicate flag specified: " + flagName);
      }
      if (type == FlagType.BOOL) {
        if (value != null && value.isEmpty()) {
          throw new Violation("missing a value on flag: " + flagName);
        }
        String bool = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!bool.isEmpty() && !bool.equals("true") && !bool.equals("false")) {
          throw new Violation("expecting boolean value for flag " + flagName + ", not: " + value);
        }
        values.put(name, bool.equals("false") ? "false" : "true");
      } else {
        if (value == null) {
          throw new Violation("missing a value on flag: " + flagName);
        }
        values.put(name, value); // a repeated --mount/--exclude/--device keeps its last value
      }
    }
    return values;
  }

  /**
   * The flags of instructions Docker does not check them for (ARG, STOPSIGNAL, HEALTHCHECK NONE).
   */
  private static Map<String, String> lenientFlags(Syntax.Node node) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String flag : node.flags()) {
      String bare = flag.startsWith("--") ? flag.substring(2) : flag;
      int equals = bare.indexOf('=');
      if (!bare.isEmpty()) {
        values.put(
            equals < 0 ? bare : bare.substring(0, equals),
            equals < 0 ? "true" : bare.substring(equals + 1));
      }
    }
    return values;
  }
}
