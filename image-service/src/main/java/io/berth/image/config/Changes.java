package io.berth.image.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.config.ChangeLines.Instruction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies the Dockerfile instructions of {@code docker import --change} and {@code docker commit
 * --change} to a runtime config, as Docker's {@code BuildFromConfig} does: {@code CMD}, {@code
 * ENTRYPOINT}, {@code ENV}, {@code EXPOSE}, {@code HEALTHCHECK}, {@code LABEL}, {@code ONBUILD},
 * {@code STOPSIGNAL}, {@code USER}, {@code VOLUME} and {@code WORKDIR}.
 *
 * @see <a href="https://github.com/moby/moby/blob/v25.0.0/builder/dockerfile/builder.go">moby
 *     BuildFromConfig</a>
 * @see <a href="https://docs.docker.com/reference/dockerfile/">Dockerfile reference</a>
 */
public final class Changes {

  private static final Set<String> VALID =
      Set.of(
          "cmd",
          "entrypoint",
          "healthcheck",
          "env",
          "expose",
          "label",
          "onbuild",
          "stopsignal",
          "user",
          "volume",
          "workdir");
  private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Changes() {}

  /**
   * Applies change instructions in order.
   *
   * @param base the config to start from
   * @param changes instructions like {@code CMD ["sh"]} or {@code ENV A=b}; each may hold several
   *     lines
   * @return the changed config; {@code base} itself when there are no changes
   * @throws IllegalArgumentException with Docker's wording when an instruction is not allowed
   *     ({@code run is not a valid change command}) or malformed
   */
  public static RunConfig apply(RunConfig base, List<String> changes) {
    if (changes == null || changes.isEmpty()) {
      return base;
    }
    // Docker checks and parses every instruction before it applies the first.
    List<Consumer<State>> steps = new ArrayList<>();
    for (Instruction instruction : ChangeLines.parse(changes)) {
      if (!VALID.contains(instruction.name())) {
        throw new IllegalArgumentException(instruction.name() + " is not a valid change command");
      }
      steps.add(parse(instruction));
    }
    State state = new State(base.toBuilder());
    steps.forEach(step -> step.accept(state));
    return state.config.build();
  }

  /** The config being changed, and whether a CMD was given (an ENTRYPOINT then keeps it). */
  private static final class State {
    final RunConfig.Builder config;
    boolean cmdSet;

    State(RunConfig.Builder config) {
      this.config = config;
    }

    /** The variables that {@code $NAME} expands to: the config's current environment. */
    Map<String, String> env() {
      Map<String, String> env = new HashMap<>();
      for (String entry : config.env() == null ? List.<String>of() : config.env()) {
        int eq = entry.indexOf('=');
        env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      }
      return env;
    }

    String expand(String word) {
      return ShellWords.expand(word, env());
    }
  }

  private static Consumer<State> parse(Instruction instruction) {
    String name = instruction.name().toUpperCase(Locale.ROOT);
    if (!name.equals("HEALTHCHECK") && !instruction.flags().isEmpty()) {
      throw new IllegalArgumentException(
          "unknown flag: " + instruction.flags().keySet().iterator().next());
    }
    String rest = instruction.rest();
    return switch (name) {
      case "ENV" -> env(NameValues.parse(rest, name));
      case "LABEL" -> label(NameValues.parse(rest, name));
      case "CMD" -> cmd(CommandLine.parse(rest, false));
      case "ENTRYPOINT" -> entrypoint(CommandLine.parse(rest, true));
      case "HEALTHCHECK" -> healthcheck(HealthcheckInstruction.parse(instruction));
      case "EXPOSE" -> expose(words(rest, name));
      case "VOLUME" -> volume(volumes(rest));
      case "USER" -> user(single(rest, name));
      case "WORKDIR" -> workdir(single(rest, name));
      case "STOPSIGNAL" -> stopSignal(single(rest, name));
      case "ONBUILD" -> onBuild(rest, instruction.original());
      default -> throw new IllegalArgumentException(name + " is not a valid change command");
    };
  }

  private static Consumer<State> env(List<NameValues.Pair> pairs) {
    return state -> {
      // Every pair expands with the variables as they were before this instruction.
      Map<String, String> env = state.env();
      for (NameValues.Pair pair : pairs) {
        state.config.putEnv(
            ShellWords.expand(pair.name(), env), ShellWords.expand(pair.value(), env));
      }
    };
  }

  private static Consumer<State> label(List<NameValues.Pair> pairs) {
    return state -> {
      Map<String, String> env = state.env();
      for (NameValues.Pair pair : pairs) {
        state.config.putLabel(
            ShellWords.expand(pair.name(), env), ShellWords.expand(pair.value(), env));
      }
    };
  }

  private static Consumer<State> cmd(CommandLine line) {
    return state -> {
      state.config.cmd(line.resolve(state.config.shell())).argsEscaped(false);
      if (line.args() != null && !line.args().isEmpty()) {
        state.cmdSet = true;
      }
    };
  }

  private static Consumer<State> entrypoint(CommandLine line) {
    return state -> {
      state.config.entrypoint(line.resolve(state.config.shell())).argsEscaped(false);
      // An ENTRYPOINT drops an inherited CMD unless these changes set one.
      if (!state.cmdSet) {
        state.config.cmd(null);
      }
    };
  }

  private static Consumer<State> healthcheck(Healthcheck check) {
    return state -> state.config.healthcheck(check);
  }

  private static Consumer<State> expose(List<String> specs) {
    List<String> sorted = new ArrayList<>(specs);
    sorted.sort(null);
    return state -> {
      Map<String, String> env = state.env();
      List<String> ports = new ArrayList<>();
      for (String spec : sorted) {
        for (String word : ShellWords.expandWords(spec, env)) {
          ports.addAll(PortSpecs.exposedPorts(word));
        }
      }
      state.config.addExposedPorts(ports);
    };
  }

  private static Consumer<State> volume(List<String> paths) {
    return state -> {
      List<String> expanded = new ArrayList<>();
      for (String path : paths) {
        String value = state.expand(path);
        if (value.isEmpty()) {
          throw new IllegalArgumentException("VOLUME specified can not be an empty string");
        }
        expanded.add(value);
      }
      state.config.addVolumes(expanded);
    };
  }

  private static Consumer<State> user(String user) {
    return state -> state.config.user(state.expand(user));
  }

  private static Consumer<State> workdir(String path) {
    return state -> {
      String requested = state.expand(path);
      if (requested.isEmpty()) {
        throw new IllegalArgumentException("cannot normalize nothing");
      }
      // A relative WORKDIR continues from the previous one (normalizeWorkdir on Unix).
      String joined =
          requested.startsWith("/") ? requested : "/" + state.config.workingDir() + "/" + requested;
      state.config.workingDir(cleanPath(joined));
    };
  }

  private static Consumer<State> stopSignal(String signal) {
    return state -> {
      String value = state.expand(signal);
      StopSignals.check(value);
      state.config.stopSignal(value);
    };
  }

  private static Consumer<State> onBuild(String rest, String original) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("ONBUILD requires at least one argument");
    }
    String trigger = rest.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    if (trigger.equals("ONBUILD")) {
      throw new IllegalArgumentException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
      throw new IllegalArgumentException(trigger + " isn't allowed as an ONBUILD trigger");
    }
    String expression = original.replaceFirst("(?i)^\\s*ONBUILD\\s*", "");
    return state -> state.config.addOnBuild(expression);
  }

  private static String single(String rest, String name) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(name + " requires exactly one argument");
    }
    return rest;
  }

  private static List<String> words(String rest, String name) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(name + " requires at least one argument");
    }
    return List.of(rest.split("[\\t\\u000b\\f\\r ]+"));
  }

  private static List<String> volumes(String rest) {
    List<String> json = jsonArray(rest);
    List<String> paths = json != null ? json : rest.isEmpty() ? List.of() : words(rest, "VOLUME");
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("VOLUME requires at least one argument");
    }
    List<String> trimmed = new ArrayList<>();
    for (String path : paths) {
      if (path.strip().isEmpty()) {
        throw new IllegalArgumentException("VOLUME specified can not be an empty string");
      }
      trimmed.add(path.strip());
    }
    return trimmed;
  }

  /**
   * The strings of a JSON array, or null when the text is not one; a JSON array holding anything
   * but strings is an error, as in Docker's {@code parseJSON}.
   */
  static List<String> jsonArray(String text) {
    String trimmed = text.stripLeading();
    if (!trimmed.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(trimmed);
    } catch (IOException e) {
      return null;
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException(
            "when using JSON array syntax, arrays must be comprised of strings only");
      }
      items.add(item.textValue());
    }
    return items;
  }

  /** Go's {@code path.Clean}: no {@code //}, no {@code .}, {@code ..} resolved lexically. */
  static String cleanPath(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(part);
      }
    }
    return "/" + String.join("/", parts);
  }

  /**
   * The arguments of CMD or ENTRYPOINT: a JSON array (exec form) or text run by the shell.
   *
   * @param args the exec-form arguments or the one shell-form text; null for an empty ENTRYPOINT
   * @param shellForm whether the shell is put in front
   */
  private record CommandLine(List<String> args, boolean shellForm) {

    static CommandLine parse(String rest, boolean emptyAsNull) {
      List<String> json = rest.isEmpty() ? null : jsonArray(rest);
      List<String> args = json != null ? json : rest.isEmpty() ? List.of() : List.of(rest);
      if (emptyAsNull && args.isEmpty()) {
        args = null;
      }
      return new CommandLine(args, json == null);
    }

    List<String> resolve(List<String> shell) {
      if (args == null || !shellForm) {
        return args;
      }
      List<String> line = new ArrayList<>(shell == null || shell.isEmpty() ? DEFAULT_SHELL : shell);
      line.addAll(args);
      return line;
    }
  }
}
