package io.berth.image.build.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The typed arguments of instructions, expanded with the variables visible at their step (the
 * build's ARG and ENV values), as Docker's classic builder expands them: ENV, LABEL, ARG, COPY,
 * ADD, EXPOSE, VOLUME, USER, WORKDIR and STOPSIGNAL expand; RUN, CMD, ENTRYPOINT, SHELL,
 * HEALTHCHECK and MAINTAINER do not (the shell does it at run time).
 *
 * <p>Errors are {@link DockerfileException}s on the instruction's line, with no file: the caller
 * places them with {@link DockerfileException#at}.
 */
public final class Instructions {

  private Instructions() {}

  /**
   * ENV and LABEL: {@code k=v k2="v 2"} or the legacy {@code ENV k v w}. Every value is expanded
   * with {@code env} as it was before the instruction, so {@code ENV a=1 b=$a} gives b the earlier
   * a.
   *
   * @return the pairs in order; a key given twice keeps its last value
   */
  public static LinkedHashMap<String, String> keyValues(
      Instruction i, Words w, Map<String, String> env) {
    expect(i, "ENV", "LABEL");
    List<String> args = i.args();
    LinkedHashMap<String, String> pairs = new LinkedHashMap<>();
    if (!args.get(0).contains("=")) {
      String key = expand(i, () -> w.expand(args.get(0), env));
      pairs.put(key, expand(i, () -> w.expand(args.get(1), env)));
      return pairs;
    }
    for (String arg : args) {
      int equals = arg.indexOf('=');
      String key = expand(i, () -> w.expand(arg.substring(0, equals), env));
      pairs.put(key, expand(i, () -> w.expand(arg.substring(equals + 1), env)));
    }
    return pairs;
  }

  /**
   * ARG with a single {@code name[=default]}.
   *
   * @throws IllegalArgumentException when the ARG declares several arguments: use {@link #args}
   */
  public static ArgSpec arg(Instruction i, Words w, Map<String, String> env) {
    List<ArgSpec> args = args(i, w, env);
    if (args.size() != 1) {
      throw new IllegalArgumentException(
          "line " + i.line() + ": ARG declares " + args.size() + " arguments; use args()");
    }
    return args.get(0);
  }

  /**
   * ARG {@code a b=2 c="x y"}: each name and default expanded.
   *
   * @return the declared arguments in order
   */
  public static List<ArgSpec> args(Instruction i, Words w, Map<String, String> env) {
    expect(i, "ARG");
    List<ArgSpec> specs = new ArrayList<>();
    for (String arg : i.args()) {
      int equals = arg.indexOf('=');
      String name = expand(i, () -> w.expand(equals < 0 ? arg : arg.substring(0, equals), env));
      String value = equals < 0 ? null : expand(i, () -> w.expand(arg.substring(equals + 1), env));
      specs.add(new ArgSpec(name, value));
    }
    return specs;
  }

  /**
   * COPY and ADD, shell or JSON form: sources and destination expanded, {@code --chown} and {@code
   * --chmod} expanded, {@code --from} as written.
   */
  public static CopySpec copy(Instruction i, Words w, Map<String, String> env) {
    expect(i, "COPY", "ADD");
    List<String> args = i.args();
    if (args.size() < 2) {
      throw new DockerfileException(
          null,
          i.line(),
          i.keyword()
              + " requires at least two arguments, but only one was provided. Destination could"
              + " not be determined");
    }
    List<String> sources = new ArrayList<>();
    for (String source : args.subList(0, args.size() - 1)) {
      sources.add(expand(i, () -> w.expand(source, env)));
    }
    String dest = expand(i, () -> w.expand(args.get(args.size() - 1), env));
    String chown = i.flags().get("chown");
    String chmod = i.flags().get("chmod");
    return new CopySpec(
        sources,
        dest,
        i.flags().get("from"),
        chown == null ? null : expand(i, () -> w.expand(chown, env)),
        chmod == null ? null : expand(i, () -> w.expand(chmod, env)));
  }

  /**
   * RUN, CMD and ENTRYPOINT: the exec form as written, or the shell form run by {@code shell}.
   *
   * @param shell the stage's shell, {@code ["/bin/sh", "-c"]} by default
   * @return the command line
   */
  public static List<String> command(Instruction i, List<String> shell) {
    expect(i, "RUN", "CMD", "ENTRYPOINT");
    if (i.json()) {
      return i.args();
    }
    List<String> command = new ArrayList<>(shell);
    command.addAll(i.args());
    return List.copyOf(command);
  }

  /**
   * @return SHELL's JSON array (the parser refused any other form)
   */
  public static List<String> shell(Instruction i) {
    expect(i, "SHELL");
    return i.args();
  }

  /**
   * EXPOSE: each argument expanded and split into words ({@code EXPOSE $PORTS} with {@code
   * PORTS="80 443"} gives two), then read as {@code port[-end][/proto]}.
   *
   * @return the ports as {@code 80/tcp}, {@code 53/udp}, a range giving one each; no duplicates
   */
  public static List<String> exposedPorts(Instruction i, Words w, Map<String, String> env) {
    expect(i, "EXPOSE");
    LinkedHashSet<String> ports = new LinkedHashSet<>();
    for (String arg : i.args()) {
      for (String spec : expand(i, () -> w.expandWords(arg, env))) {
        try {
          ports.addAll(Ports.parse(spec));
        } catch (IllegalArgumentException e) {
          throw new DockerfileException(null, i.line(), e.getMessage());
        }
      }
    }
    return List.copyOf(ports);
  }

  /**
   * @return VOLUME's paths, trimmed then expanded
   */
  public static List<String> volumes(Instruction i, Words w, Map<String, String> env) {
    expect(i, "VOLUME");
    List<String> volumes = new ArrayList<>();
    for (String volume : i.args()) {
      volumes.add(expand(i, () -> w.expand(volume.strip(), env)));
    }
    return volumes;
  }

  /** USER, WORKDIR, STOPSIGNAL: the one argument, expanded. */
  public static String word(Instruction i, Words w, Map<String, String> env) {
    expect(i, "USER", "WORKDIR", "STOPSIGNAL");
    return expand(i, () -> w.expand(i.args().get(0), env));
  }

  /**
   * FROM's base, expanded with the meta ARGs only (the ARGs before the first FROM, with their
   * build-arg overrides), as Docker does.
   *
   * @param metaArgs the meta ARG values
   * @return the image reference or stage name
   * @throws DockerfileException when it expands to nothing, as Docker words it
   */
  public static String fromImage(Instruction from, Words w, Map<String, String> metaArgs) {
    expect(from, "FROM");
    String base = from.args().get(0);
    String name = expand(from, () -> w.expand(base, metaArgs));
    if (name.isEmpty()) {
      throw new DockerfileException(
          null, from.line(), "base name (" + base + ") should not be blank");
    }
    return name;
  }

  /**
   * @return FROM's {@code --platform}, expanded with the meta ARGs, or null
   */
  public static String fromPlatform(Instruction from, Words w, Map<String, String> metaArgs) {
    expect(from, "FROM");
    String platform = from.flags().get("platform");
    return platform == null ? null : expand(from, () -> w.expand(platform, metaArgs));
  }

  /**
   * HEALTHCHECK: {@code NONE}, or {@code CMD} with its options. Go durations ({@code 30s}, {@code
   * 1m30s}) become nanoseconds; an option left out is 0.
   *
   * @throws DockerfileException worded as Docker's for a bad type, duration or retry count
   */
  public static HealthcheckSpec healthcheck(Instruction i) {
    expect(i, "HEALTHCHECK");
    String type = i.args().get(0).toUpperCase(Locale.ROOT);
    List<String> command = i.args().subList(1, i.args().size());
    if (type.equals("NONE")) {
      if (!command.isEmpty()) {
        throw new DockerfileException(null, i.line(), "HEALTHCHECK NONE takes no arguments");
      }
      return new HealthcheckSpec(List.of("NONE"), 0, 0, 0, 0, 0);
    }
    if (!type.equals("CMD")) {
      throw new DockerfileException(
          null, i.line(), "Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)");
    }
    if (command.isEmpty()) {
      throw new DockerfileException(null, i.line(), "Missing command after HEALTHCHECK CMD");
    }
    List<String> test = new ArrayList<>();
    if (i.json()) {
      test.add("CMD");
      test.addAll(command);
    } else {
      test.add("CMD-SHELL");
      test.add(String.join(" ", command));
    }
    return new HealthcheckSpec(
        test,
        interval(i, "interval"),
        interval(i, "timeout"),
        interval(i, "start-period"),
        interval(i, "start-interval"),
        retries(i));
  }

  private static long interval(Instruction i, String flag) {
    String value = i.flags().getOrDefault(flag, "");
    if (value.isEmpty()) {
      return 0;
    }
    long nanos;
    try {
      nanos = GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new DockerfileException(null, i.line(), e.getMessage());
    }
    if (nanos != 0 && nanos < 1_000_000L) {
      throw new DockerfileException(
          null, i.line(), "Interval " + GoText.quote(flag) + " cannot be less than 1ms");
    }
    return nanos;
  }

  private static int retries(Instruction i) {
    String value = i.flags().getOrDefault("retries", "");
    if (value.isEmpty()) {
      return 0;
    }
    long retries;
    try {
      if (!value.matches("[+-]?[0-9]+")) {
        throw new NumberFormatException("invalid syntax");
      }
      retries = Long.parseLong(value);
      if (retries > Integer.MAX_VALUE || retries < Integer.MIN_VALUE) {
        throw new NumberFormatException("value out of range");
      }
    } catch (NumberFormatException e) {
      String reason =
          e.getMessage().equals("invalid syntax") ? "invalid syntax" : "value out of range";
      throw new DockerfileException(
          null, i.line(), "strconv.ParseInt: parsing " + GoText.quote(value) + ": " + reason);
    }
    if (retries < 0) {
      throw new DockerfileException(
          null, i.line(), "--retries cannot be negative (" + retries + ")");
    }
    return (int) retries;
  }

  private static <T> T expand(Instruction i, Supplier<T> expansion) {
    try {
      return expansion.get();
    } catch (DockerfileException e) {
      throw e.line() == 0 ? e.at(e.file(), i.line()) : e;
    }
  }

  private static void expect(Instruction i, String... keywords) {
    for (String keyword : keywords) {
      if (i.keyword().equals(keyword)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "line "
            + i.line()
            + ": expected "
            + String.join(" or ", keywords)
            + ", not "
            + i.keyword());
  }
}
