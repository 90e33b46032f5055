package io.berth.image.build.dockerfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Dockerfile instruction as parsed, before variable expansion.
 *
 * <p>{@code args} by keyword: RUN, CMD, ENTRYPOINT, SHELL in JSON form, and VOLUME, COPY, ADD in
 * JSON form: the array ({@code json} true); RUN, CMD, ENTRYPOINT in shell form: the rest of the
 * line as one string; COPY, ADD, VOLUME, EXPOSE, FROM: whitespace-separated words (quotes kept);
 * ARG: quote-aware words ({@code name} or {@code name=value}); ENV, LABEL: quote-aware words {@code
 * k=v}, or in the legacy form {@code ENV k v w} the pair {@code [k, "v w"]}; HEALTHCHECK: the type
 * ({@code CMD}, {@code NONE}) then the command as for CMD; MAINTAINER, USER, WORKDIR, STOPSIGNAL:
 * the rest of the line; ONBUILD: the trigger's text ({@link #nested()}).
 *
 * @param keyword the instruction in upper case: {@code RUN}, {@code COPY}, ...
 * @param original the text Docker prints after {@code Step N/M : } (continuations joined, comments
 *     dropped, trimmed)
 * @param line the 1-based line the instruction starts on
 * @param flags the leading flags by name without dashes ({@code from}, {@code chown}, {@code
 *     platform}, {@code interval}, ...); a flag given without a value holds {@code true}
 * @param args the arguments, shaped by keyword as above
 * @param json whether the arguments were written as a JSON array (exec form)
 */
public record Instruction(
    String keyword,
    String original,
    int line,
    Map<String, String> flags,
    List<String> args,
    boolean json) {

  public Instruction {
    flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    args = List.copyOf(args);
  }

  /**
   * Parses the trigger of an {@code ONBUILD} instruction, as Docker does when a later build uses
   * the image (with the default escape character {@code \}).
   *
   * @return the trigger instruction, on this instruction's line
   * @throws IllegalStateException when this is not an ONBUILD instruction
   * @throws DockerfileException when the trigger is not a valid instruction, or is ONBUILD, FROM or
   *     MAINTAINER
   */
  public Instruction nested() {
    if (!keyword.equals("ONBUILD")) {
      throw new IllegalStateException(keyword + " has no nested instruction");
    }
    return trigger(args.get(0), line);
  }

  /**
   * Parses an ONBUILD trigger stored in an image's config ({@code OnBuild}), as Docker does when
   * the image becomes a base.
   *
   * @param text the trigger, such as {@code RUN make}
   * @param line the line to report errors on (the FROM that brought the trigger in)
   * @return the trigger instruction
   * @throws DockerfileException when the text is not a valid trigger
   */
  public static Instruction trigger(String text, int line) {
    List<LineReader.LogicalLine> lines = LineReader.read(null, text).lines();
    if (lines.size() != 1) {
      throw new DockerfileException(null, line, "onbuild trigger should be a single expression");
    }
    try {
      Instruction trigger = Rules.check(new Syntax('\\').parse(lines.get(0).text()), line);
      switch (trigger.keyword()) {
        case "ONBUILD" ->
            throw new Rules.Violation("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        case "FROM", "MAINTAINER" ->
            throw new Rules.Violation(trigger.keyword() + " isn't allowed as an ONBUILD trigger");
        default -> {
          return trigger;
        }
      }
    } catch (IllegalArgumentException e) {
      throw new DockerfileException(null, line, e.getMessage());
    }
  }
}
